import type { Catalog, Fmt } from './catalog';
import { en } from './en';
import { zhCN } from './zh-CN';
import { toIso } from '../dates';
import type { Language, Topic } from '../types';

export type { Catalog, Fmt } from './catalog';

export function catalogFor(language: Language): Catalog {
  return language === 'en' ? en : zhCN;
}

const fmtCache = new Map<Language, Fmt>();

/** Formatting helpers for a language: ISO dates (language-free), topic names, lists. */
export function fmtFor(language: Language): Fmt {
  let fmt = fmtCache.get(language);
  if (!fmt) {
    const cat = catalogFor(language);
    fmt = {
      date: (d) => (typeof d === 'number' ? toIso(d) : '—'),
      topic: (t) => cat.topic[t as Topic] ?? String(t),
      list: (items) => items.join(cat.listSeparator),
      num: (n) => (typeof n === 'number' ? n.toLocaleString(language === 'en' ? 'en-US' : 'zh-CN') : language === 'en' ? '(empty)' : '未填写'),
    };
    fmtCache.set(language, fmt);
  }
  return fmt;
}
