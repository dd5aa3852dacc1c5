/**
 * Expedited version review (加急审核) for mini-games, rules.md §1 (seed 000 加急流程).
 * EXP-ELIGIBLE: an update (not the first version), quota left, more than 5000 users.
 * EXP-QUOTA: 2 per quarter, refreshed on 1 Jan / 1 Apr / 1 Jul / 1 Oct, unused ones expire.
 */
import { ActionClass, RowEval } from './context';
import { toIso } from './dates';
import { canStart, effectiveState } from './flow';
import type { ExpediteResult } from './types';

const SHARED = new Map<number, ExpediteResult>();

export type ExpediteBlocker = 'first_version' | 'update_unknown' | 'quota' | 'users' | 'users_unknown';

export function evaluateExpedite(ev: RowEval): ExpediteResult | null {
  const { row, settings: s, today } = ev;
  // rules.md §9: an expedite dated after today is a data error, and is not counted.
  for (const d of row.expediteDates) if (d > today) ev.add('DATA-DATE-FUTURE', 'warning', 'expedite', { date: d });
  if (row.kind !== 'minigame') return null;
  const { start: from, next: refreshes } = ev.ctx.quarter;
  let used = 0;
  for (const d of row.expediteDates) if (d >= from && d <= today) used++;
  const remaining = Math.max(0, s['expedite.perQuarter'] - used);

  const blockers: ExpediteBlocker[] = [];
  if (row.isUpdate === null) blockers.push('update_unknown');
  else if (!row.isUpdate) blockers.push('first_version');
  if (remaining === 0) blockers.push('quota');
  if (row.registeredUsers === null) blockers.push('users_unknown');
  else if (!(row.registeredUsers > s['expedite.minUsers'])) blockers.push('users');
  const eligible = blockers.length === 0;

  if (wantsExpedite(ev)) {
    if (eligible) {
      ev.add('EXP-ELIGIBLE', 'info', 'version', { eligible: true, remaining, refreshes });
      ev.act('version', 'expedite', ActionClass.OtherStart, 'version');
    } else {
      if (blockers.includes('quota')) ev.add('EXP-QUOTA', 'info', 'version', { used, perQuarter: s['expedite.perQuarter'], refreshes });
      const others = blockers.filter((b) => b !== 'quota');
      if (others.length > 0) ev.add('EXP-ELIGIBLE', 'info', 'version', { eligible: false, blockers: others, minUsers: s['expedite.minUsers'], users: row.registeredUsers, refreshes });
    }
  }
  // Within one portfolio the refresh day is the same for every row: share the few possible answers.
  const key = refreshes * 4096 + remaining * 2 + (eligible ? 1 : 0);
  let shared = SHARED.get(key);
  if (!shared) SHARED.set(key, (shared = Object.freeze({ eligible, remaining, refreshes: toIso(refreshes) })));
  return shared;
}

/** Suggest expediting when the version review is overdue, or the row is urgent and a review is open or due now. */
function wantsExpedite(ev: RowEval): boolean {
  const version = effectiveState(ev.row, 'version');
  if (version.status === 'submitted') return ev.row.urgent === true || ev.findings.some((f) => f.rule === 'FLOW-SLA' && f.topic === 'version');
  const startable = (version.status === 'not_started' || version.status === 'in_progress' || version.status === 'rejected') && canStart(ev.row, ev.flow, 'version');
  return ev.row.urgent === true && startable;
}
