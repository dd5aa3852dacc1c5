/**
 * Normalised keys for matching values across rows and tables: row IDs (as Excel's own
 * lookups do, case- and width-insensitively), subject names, emails and phone numbers.
 */

const ASCII = /^[\x20-\x7e]*$/;

/** NFKC is the identity on printable ASCII, and most keys are ASCII: skip it there. */
function nfkc(text: string): string {
  return ASCII.test(text) ? text : text.normalize('NFKC');
}

export function normalizeKey(id: string): string {
  return nfkc(id).trim().toLowerCase();
}

export function normalizeEmail(email: string): string {
  return nfkc(email).trim().toLowerCase();
}

/** Digits only, without a leading +86 / 0086 country code. */
export function normalizePhone(phone: string): string {
  const digits = nfkc(phone).replace(/\D+/g, '');
  return digits.length > 11 && digits.startsWith('86') ? digits.slice(2) : digits.startsWith('0086') ? digits.slice(4) : digits;
}

/** Subject names: ignore spaces, width and brackets style (（有限公司） vs (有限公司)). */
export function normalizeSubject(name: string): string {
  return nfkc(name).replace(/\s+/g, '').toLowerCase();
}
