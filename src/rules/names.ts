/** NAME-FORMAT (rules.md §6, platform docs): 4–30 characters, a Chinese character counting 2; no 小程序. */
import type { RowEval } from './context';

/**
 * Width as the platform counts it (rules.md §9): every character outside ASCII counts 2
 * (Chinese, full-width Latin, accented letters, emoji — one character, even as a surrogate pair), ASCII 1.
 */
export function nameWidth(name: string): number {
  let width = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) continue; // second half of a surrogate pair: counted with the first
    width += c > 0x7f ? 2 : 1;
  }
  return width;
}

export function checkNameFormat(ev: RowEval): void {
  const name = ev.row.name;
  if (name === null) return;
  const s = ev.settings;
  const width = nameWidth(name);
  if (width < s['name.minLength'] || width > s['name.maxLength']) {
    ev.add('NAME-FORMAT', 'warning', 'name', { name, width, min: s['name.minLength'], max: s['name.maxLength'] });
  }
  const word = s['name.forbiddenWords'].find((w) => w !== '' && name.includes(w));
  if (word !== undefined) ev.add('NAME-FORMAT', 'warning', 'name', { name, word });
}
