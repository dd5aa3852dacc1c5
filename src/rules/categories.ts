/**
 * Category matching (rules.md §9 "Categories").
 *
 * Users write category paths with `>`, `-` or `/` between levels (workbook.md), but the
 * platform's own level names contain the same characters ("服装/鞋/箱包", "棋牌-牌类").
 * So: when a path contains `>`, only `>` separates its levels; without it, any separator
 * may end a level. Levels are compared by their letters (spaces, dashes, slashes, brackets
 * dropped, width and case folded). A rule's category matches when it occurs as a level or
 * a level's end: "游戏>棋牌-牌类" has the levels 游戏 and 棋牌牌类, so it matches
 * 棋牌-牌类 and 牌类 but not 棋牌; "角色扮演" is no "角色". A rule's category written with
 * `>` (商家自营>服装/鞋/箱包) matches those levels in a row.
 */

import type { CategoryFacts } from './context';
import type { Settings } from './settings';

const SEPARATORS = /[\s>›»\-－—–/／\\|｜()（）:：_、,，.。·]+/g;
/** The same, without `>`: what is dropped inside a level of a `>` path. */
const IN_LEVEL = /[\s›»\-－—–/／\\|｜()（）:：_、,，.。·]+/g;

/** The letters of a category text, every separator dropped. */
export function normalizeCategory(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(SEPARATORS, '');
}

/** A category path as matched: its letters, and where a level may end in them. */
interface Path {
  /** `>`-joined levels when the path has `>`, else its letters. */
  text: string;
  /** Positions in `text` where a match may end (a level's end); null: before each `>` and at the end. */
  ends: ReadonlySet<number> | null;
}

function toPath(category: string): Path {
  const folded = category.normalize('NFKC').toLowerCase();
  if (folded.includes('>')) {
    const levels = folded.split('>').map((l) => l.replace(IN_LEVEL, '')).filter((l) => l !== '');
    return { text: levels.join('>'), ends: null };
  }
  const ends = new Set<number>();
  let text = '';
  for (const token of folded.split(SEPARATORS)) {
    if (token === '') continue;
    text += token;
    ends.add(text.length);
  }
  return { text, ends };
}

/** A rule's category: its levels `>`-joined (for `>` paths), and its letters (for the others). */
interface Entry {
  levels: string;
  letters: string;
}

function toEntry(entry: string): Entry {
  const folded = entry.normalize('NFKC').toLowerCase();
  const levels = folded.split('>').map((l) => l.replace(IN_LEVEL, '')).filter((l) => l !== '').join('>');
  return { levels, letters: normalizeCategory(entry) };
}

function matches(path: Path, entry: Entry): boolean {
  if (path.ends === null) {
    if (entry.levels === '') return false;
    return `${path.text}>`.includes(`${entry.levels}>`);
  }
  const e = entry.letters;
  if (e === '') return false;
  for (let at = path.text.indexOf(e); at !== -1; at = path.text.indexOf(e, at + 1)) {
    if (path.ends.has(at + e.length)) return true;
  }
  return false;
}

const paths = new Map<string, Path>();
const entries = new Map<string, Entry>();

function cachedIn<V>(cache: Map<string, V>, text: string, make: (t: string) => V): V {
  let v = cache.get(text);
  if (v === undefined) {
    v = make(text);
    if (cache.size > 10_000) cache.clear();
    cache.set(text, v);
  }
  return v;
}

/** The first entry of `list` that the category path matches (as a level or a level's end), or null. */
export function firstCategoryMatch(category: string, list: readonly string[]): string | null {
  const path = cachedIn(paths, category, toPath);
  for (const entry of list) {
    if (matches(path, cachedIn(entries, entry, toEntry))) return entry;
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
