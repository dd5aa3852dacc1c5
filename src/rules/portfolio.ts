/**
 * Rules that look across rows (rules.md §6, §7): duplicate and missing keys, and the
 * platform's registration limits per subject, email and admin phone.
 */
import type { Settings } from './settings';
import { effectiveState, FlowCaches, inferredRow } from './flow';
import { normalizeEmail, normalizeKey, normalizePhone, normalizeSubject } from './keys';
import type { RawFinding, Row, SubjectType } from './types';

const NONE: readonly RawFinding[] = Object.freeze([]);

/**
 * Row positions grouped by key (each group in row order), keeping only groups of at least
 * `min` rows; the order of the groups is of no consequence (a row is in one group at most).
 *
 * Nearly every key is unique (IDs, emails, phones), and a Map of 100,000 fresh strings costs
 * a cache miss or two per look-up. Instead the rows are sorted by a hash of their key, packed
 * with the row position into one number (a typed-array sort, no comparator), and only rows
 * that share a hash are compared as strings.
 */
function groupsOfAtLeast(rows: readonly Row[], keyOf: (row: Row) => string | null, min: number): number[][] {
  const keys: (string | null)[] = new Array(rows.length);
  const positionBits = Math.max(1, Math.ceil(Math.log2(rows.length + 1)));
  const scale = 2 ** positionBits;
  // hash * scale + position stays an exact double: at most 53 bits.
  const hashShift = Math.max(0, positionBits - 21);
  const packed = new Float64Array(rows.length);
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const key = keyOf(rows[i]);
    keys[i] = key;
    if (key !== null && key !== '') packed[count++] = (hashOf(key) >>> hashShift) * scale + i;
  }
  const sorted = packed.subarray(0, count).sort();
  const out: number[][] = [];
  for (let start = 0; start < sorted.length; ) {
    const hash = Math.floor(sorted[start] / scale);
    let end = start + 1;
    while (end < sorted.length && Math.floor(sorted[end] / scale) === hash) end++;
    if (end - start === 1 && min <= 1) out.push([sorted[start] % scale]);
    else if (end - start >= min) collectGroups(sorted, start, end, scale, keys, min, out);
    start = end;
  }
  return out;
}

/** The groups among rows sorted[start..end) (one hash): rows with equal keys, in row order. */
function collectGroups(sorted: Float64Array, start: number, end: number, scale: number, keys: readonly (string | null)[], min: number, out: number[][]): void {
  const byKey = new Map<string, number[]>();
  for (let k = start; k < end; k++) {
    const i = sorted[k] % scale;
    const key = keys[i] as string;
    const group = byKey.get(key);
    if (group) group.push(i);
    else byKey.set(key, [i]);
  }
  for (const group of byKey.values()) if (group.length >= min) out.push(group);
}

/** 32-bit FNV-1a over the UTF-16 code units. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function add(out: RawFinding[][], i: number, finding: RawFinding): void {
  if (out[i] === NONE) out[i] = [];
  out[i].push(finding);
}

/**
 * Cross-row findings, one array per row (same order as `rows`). `inferred(i)` is row i as the
 * rules reason with it (inferredRow); evaluatePortfolio passes its own, so each row is inferred once.
 */
export function portfolioFindings(rows: readonly Row[], settings: Settings, inferred: (i: number) => Row = inferrer(rows, settings)): RawFinding[][] {
  // Most rows have no cross-row finding: they all share one empty, frozen list.
  const out = new Array<RawFinding[]>(rows.length).fill(NONE as RawFinding[]);
  checkKeys(rows, out);
  checkSubjectLimits(rows, settings, out, inferred);
  checkSharedContact(rows, out, (r) => (r.adminEmail === null ? null : normalizeEmail(r.adminEmail)), 'email', settings['limit.email']);
  checkSharedContact(rows, out, (r) => (r.adminPhone === null ? null : normalizePhone(r.adminPhone)), 'phone', settings['limit.phone']);
  return out;
}

/** Rows inferred on flows cached for this call. */
function inferrer(rows: readonly Row[], settings: Settings): (i: number) => Row {
  const caches: FlowCaches = { settings, flowCache: [], categoryCache: new Map() };
  return (i) => inferredRow(rows[i], caches);
}

function checkKeys(rows: readonly Row[], out: RawFinding[][]): void {
  rows.forEach((row, i) => {
    if (row.id === null && row.hasData) add(out, i, { rule: 'DATA-ID-MISSING', severity: 'error', topic: 'row' });
  });
  for (const members of groupsOfAtLeast(rows, (r) => (r.id === null ? null : normalizeKey(r.id)), 2)) {
    const lines = members.map((i) => rows[i].index);
    for (const i of members) {
      add(out, i, { rule: 'DATA-ID-DUPLICATE', severity: 'error', topic: 'row', args: { id: rows[i].id, count: members.length, rows: lines } });
    }
  }
}

function subjectLimit(type: SubjectType, settings: Settings): number {
  if (type === 'personal') return settings['limit.subject.personal'];
  if (type === 'individual') return settings['limit.subject.individual'];
  return settings['limit.subject.organization'];
}

/** REG-LIMIT-SUBJECT: registered programs per subject; planned rows that would exceed the limit. */
function checkSubjectLimits(rows: readonly Row[], settings: Settings, out: RawFinding[][], inferred: (i: number) => Row): void {
  const smallest = Math.min(settings['limit.subject.personal'], settings['limit.subject.individual'], settings['limit.subject.organization']);
  // A group matters once it can reach a limit: at the limit (warning) or over it.
  const subjectKey = (r: Row) => (r.subjectName === null ? null : normalizeSubject(r.subjectName));
  for (const members of groupsOfAtLeast(rows, subjectKey, Math.max(1, smallest))) {
    const type = members.map((i) => rows[i].subjectType).find((t): t is SubjectType => t !== null);
    if (type === undefined) continue;
    const limit = subjectLimit(type, settings);
    // Without a register status column, a registration is counted when later steps show it.
    const register = members.map((i) => effectiveState(inferred(i), 'register').status);
    const registered = members.filter((_, k) => register[k] === 'approved');
    const planned = members.filter((_, k) => register[k] !== 'approved' && register[k] !== 'not_applicable' && register[k] !== 'unknown');
    const subject = rows[members[0]].subjectName;
    if (registered.length >= limit) {
      // rules.md §9: every row of a group at or over the limit carries the finding — the
      // planned ones below (they would exceed it), every other row the group's own count.
      const severity = registered.length > limit ? 'error' : 'warning';
      const args = { subject, type, registered: registered.length, limit };
      members.forEach((i, k) => {
        if (register[k] === 'approved' || !planned.includes(i)) add(out, i, { rule: 'REG-LIMIT-SUBJECT', severity, topic: 'register', args });
      });
    }
    planned.forEach((i, k) => {
      const wouldBe = registered.length + k + 1;
      if (wouldBe > limit) {
        add(out, i, { rule: 'REG-LIMIT-SUBJECT', severity: 'warning', topic: 'register', args: { subject, type, registered: registered.length, planned: planned.length, limit, wouldBe } });
      }
    });
  }
}

/** REG-LIMIT-EMAIL (one program per email, error) and REG-LIMIT-PHONE (warning at the limit, error over). */
function checkSharedContact(rows: readonly Row[], out: RawFinding[][], keyOf: (row: Row) => string | null, what: 'email' | 'phone', limit: number): void {
  for (const members of groupsOfAtLeast(rows, keyOf, what === 'email' ? limit + 1 : limit)) {
    const count = members.length;
    const severity = what === 'email' || count > limit ? 'error' : 'warning';
    const rule = what === 'email' ? 'REG-LIMIT-EMAIL' : 'REG-LIMIT-PHONE';
    for (const i of members) {
      const value = what === 'email' ? rows[i].adminEmail : rows[i].adminPhone;
      add(out, i, { rule, severity, topic: 'register', args: { value, count, limit } });
    }
  }
}
