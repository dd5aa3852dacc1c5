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
 * Row positions grouped by key, keeping only groups of at least `min` rows. Most keys are
 * unique (IDs, emails), so singletons are never given an array of their own.
 */
function groupsOfAtLeast(rows: readonly Row[], keyOf: (row: Row) => string | null, min: number): number[][] {
  const first = new Map<string, number>();
  const many = new Map<string, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const key = keyOf(rows[i]);
    if (key === null || key === '') continue;
    const f = first.get(key);
    if (f === undefined) {
      first.set(key, i);
      continue;
    }
    const group = many.get(key);
    if (group) group.push(i);
    else many.set(key, [f, i]);
  }
  const out: number[][] = [];
  if (min <= 1) for (const [key, i] of first) if (!many.has(key)) out.push([i]);
  for (const group of many.values()) if (group.length >= min) out.push(group);
  return out;
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
