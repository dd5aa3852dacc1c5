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
    // What n.toLocaleString(locale) formats with (ECMA-402), made once, when first needed: the
    // first Intl formatter of a process costs 25-50 ms (ICU's locale data), and most numbers in
    // findings are whole (followers, users, yuan), which groupedInteger writes as it does.
    let numbers: Intl.NumberFormat | null = null;
    const format = (n: number) => groupedInteger(n) ?? (numbers ??= new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN')).format(n);
    fmt = {
      date: (d) => (typeof d === 'number' ? toIso(d) : '—'),
      topic: (t) => cat.topic[t as Topic] ?? String(t),
      list: (items) => items.join(cat.listSeparator),
      num: (n) => (typeof n === 'number' ? format(n) : language === 'en' ? '(empty)' : '未填写'),
    };
    fmtCache.set(language, fmt);
  }
  return fmt;
}

/**
 * A whole number as Intl.NumberFormat formats it for en-US and for zh-CN, which group alike
 * (CLDR: "#,##0.###", ',' every three digits, '-' before): 1234567 → "1,234,567". Null for
 * what is not a safe integer, or is -0 ("-0"): Intl formats those.
 */
export function groupedInteger(n: number): string | null {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return null;
  const digits = String(Math.abs(n));
  let out = digits.length > 3 ? '' : digits;
  if (digits.length > 3) {
    const head = digits.length % 3 || 3;
    out = digits.slice(0, head);
    for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  }
  return n < 0 ? `-${out}` : out;
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
