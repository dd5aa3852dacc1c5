/**
 * Is a number format a date (or time) format? A reader needs this to tell a date from a
 * number: the cell holds a serial either way (ECMA-376 Part 1 §18.8.30 numFmt, §18.8.31 the
 * built-in formats).
 */

/** Built-in format ids that show dates or times (§18.8.30; 27–36 and 50–58 are the East Asian ones). */
const BUILT_IN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isBuiltInDateFormat(id: number): boolean {
  return BUILT_IN_DATE_IDS.has(id);
}

/**
 * A custom format code is a date format when, outside quoted text, backslash escapes,
 * `[...]` sections (colours, conditions, locales — but `[h]`, `[m]`, `[s]` elapsed times are
 * times) and `_x` / `*x` fillers, its first section holds a date or time token (y m d h s,
 * or the East Asian e g b). `0.0\h` (an escaped h) and `0\%` are numbers, not dates.
 */
export function isDateFormatCode(code: string): boolean {
  const section = firstSection(code);
  let i = 0;
  while (i < section.length) {
    const ch = section[i];
    if (ch === '"') {
      const close = section.indexOf('"', i + 1);
      i = close < 0 ? section.length : close + 1;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      i += 2;
    } else if (ch === '[') {
      const close = section.indexOf(']', i + 1);
      const inner = section.slice(i + 1, close < 0 ? section.length : close).toLowerCase();
      if (/^(h+|m+|s+)$/.test(inner)) return true;
      i = close < 0 ? section.length : close + 1;
    } else if ((ch === 'e' || ch === 'E') && (section[i + 1] === '+' || section[i + 1] === '-')) {
      i += 2; // scientific notation, 0.00E+00
    } else {
      if (/[ymdhseg]/i.test(ch) && !isGeneral(section, i)) return true;
      if (ch === 'b' || ch === 'B') {
        // b / bb / bbbb: the Buddhist year (Thai locales); "b" inside other words does not occur unquoted.
        return true;
      }
      i++;
    }
  }
  return false;
}

/** "General" contains e and a letter that is not a date token: skip it. */
function isGeneral(section: string, i: number): boolean {
  const start = section.toLowerCase().lastIndexOf('general', i);
  return start >= 0 && i < start + 'general'.length;
}

function firstSection(code: string): string {
  let inQuote = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"') inQuote = !inQuote;
    else if (!inQuote && ch === '\\') i++;
    else if (!inQuote && ch === ';') return code.slice(0, i);
  }
  return code;
}
