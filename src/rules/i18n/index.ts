import type { Catalog, Fmt } from './catalog';
import { en } from './en';
import { zhCN } from './zh-CN';
import { toIso } from '../dates';
import type { Action, Finding, Language, Topic, Verb } from '../types';

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
    // What n.toLocaleString(locale) formats with (ECMA-402), made once instead of per call.
    const numbers = new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN');
    fmt = {
      date: (d) => (typeof d === 'number' ? toIso(d) : '—'),
      topic: (t) => cat.topic[t as Topic] ?? String(t),
      list: (items) => items.join(cat.listSeparator),
      num: (n) => (typeof n === 'number' ? numbers.format(n) : language === 'en' ? '(empty)' : '未填写'),
    };
    fmtCache.set(language, fmt);
  }
  return fmt;
}

const NO_ARGS = Object.freeze({});

/**
 * An action's text in `language`, from its code, day and detail: what evaluate() wrote in the
 * check's language, for a pane that switches language without checking again.
 */
export function actionText(action: Action, language: Language): string {
  const dot = action.code.lastIndexOf('.');
  const [topic, verb] = dot < 0 ? (['row', 'none'] as const) : [action.code.slice(0, dot) as Topic, action.code.slice(dot + 1) as Verb];
  return catalogFor(language).action(topic, verb, action.due ?? null, fmtFor(language), action.detail);
}

/** A finding's text in `language`, from its rule and arguments. */
export function findingText(finding: Finding, language: Language): string {
  return catalogFor(language).finding[finding.rule](finding.args ?? NO_ARGS, fmtFor(language));
}
