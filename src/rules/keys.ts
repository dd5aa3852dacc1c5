/**
 * Normalised keys for matching values across rows and tables: row IDs (as Excel's own
 * lookups do, case- and width-insensitively), subject names, emails and phone numbers.
 */

/** Printable ASCII and CJK unified ideographs: NFKC leaves these alone. */
const NFKC_STABLE = /^[\x20-\x7e\u3400-\u4dbf\u4e00-\u9fff]*$/;

/** NFKC folds full-width forms and the like; most keys have none, so skip the (slow) call there. */
function nfkc(text: string): string {
  return NFKC_STABLE.test(text) ? text : text.normalize('NFKC');
}

/**
 * Text every normaliser below would give back unchanged: NFKC-stable, no white space (so
 * nothing to trim or remove) and no capital (ASCII is the only cased script in the set).
 * Most IDs, emails and subject names are typed this way; returning the text itself spares
 * 100,000 rows a new string each (and the cross-row maps a new hash each).
 */
const ALREADY_NORMAL = /^[\x21-\x40\x5b-\x7e\u3400-\u4dbf\u4e00-\u9fff]*$/;

export function normalizeKey(id: string): string {
  return ALREADY_NORMAL.test(id) ? id : nfkc(id).trim().toLowerCase();
}

export function normalizeEmail(email: string): string {
  return ALREADY_NORMAL.test(email) ? email : nfkc(email).trim().toLowerCase();
}

/** Digits only, without a leading +86 / 0086 country code. */
const DIGITS = /^\d+$/;

export function normalizePhone(phone: string): string {
  const digits = DIGITS.test(phone) ? phone : nfkc(phone).replace(/\D+/g, '');
  return digits.length > 11 && digits.startsWith('86') ? digits.slice(2) : digits.startsWith('0086') ? digits.slice(4) : digits;
}

/** Subject names: ignore spaces, width and brackets style (（有限公司） vs (有限公司)). */
const SPACE = /\s/;

export function normalizeSubject(name: string): string {
  if (ALREADY_NORMAL.test(name)) return name;
  const folded = nfkc(name);
  return (SPACE.test(folded) ? folded.replace(/\s+/g, '') : folded).toLowerCase();
}
