/**
 * Category matching.
 *
 * Users write category paths with `>`, `-` or `/` between levels (workbook.md), but the
 * platform's own level names contain the same characters ("服装/鞋/箱包", "棋牌-牌类"),
 * so a path cannot be split reliably. Instead both sides are reduced to their letters and
 * compared by containment: "游戏>棋牌-牌类" contains "牌类" and "棋牌-牌类";
 * "商家自营 > 服装/鞋/箱包" contains "商家自营>服装/鞋/箱包".
 */

import type { CategoryFacts } from './context';
import type { Settings } from './settings';

const SEPARATORS = /[\s>＞›»\-－—–/／\\|｜()（）:：_、,，.。·]+/g;

export function normalizeCategory(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(SEPARATORS, '');
}

const cache = new Map<string, string>();

function normalized(text: string): string {
  let n = cache.get(text);
  if (n === undefined) {
    n = normalizeCategory(text);
    if (cache.size > 10_000) cache.clear();
    cache.set(text, n);
  }
  return n;
}

/** The first entry of `list` that the category path contains, or null. */
export function firstCategoryMatch(category: string, list: readonly string[]): string | null {
  const c = normalized(category);
  for (const entry of list) {
    const e = normalized(entry);
    if (e !== '' && c.includes(e)) return entry;
  }
  return null;
}

export function categoryMatchesAny(category: string, list: readonly string[]): boolean {
  return firstCategoryMatch(category, list) !== null;
}

/** Special / personal-forbidden / live-eligible, for one category text, cached per portfolio. */
export function categoryFacts(ctx: { settings: Settings; categoryCache: Map<string, CategoryFacts> }, category: string): CategoryFacts {
  let facts = ctx.categoryCache.get(category);
  if (!facts) {
    const s = ctx.settings;
    facts = {
      special: categoryMatchesAny(category, s['categories.special']),
      personalForbidden: firstCategoryMatch(category, s['categories.personalForbidden']),
      live: categoryMatchesAny(category, s['live.categories']),
    };
    ctx.categoryCache.set(category, facts);
  }
  return facts;
}
