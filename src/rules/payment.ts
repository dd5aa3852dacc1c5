/**
 * Payment and qualification-material rules that depend on the row alone (rules.md §1):
 * PAY-SUBJECT, PAY-PREREQ, QUAL-PUBLISHER, and the category rule CAT-PERSONAL-FORBIDDEN.
 */
import type { RowEval } from './context';
import { categoryFacts } from './categories';
import { effectiveState, isAbsent, isDone } from './flow';
import type { SubjectType } from './types';

/** seed 000 第八步: 主体类型为个体工商户或企业. */
const VIRTUAL_PAYMENT_SUBJECTS: ReadonlySet<SubjectType> = new Set(['individual', 'enterprise']);

export function checkPayment(ev: RowEval): void {
  const { row } = ev;
  if (row.wantsPayment !== true) return;
  const topic = row.kind === 'minigame' ? 'payment' : 'wxpay';
  const subject = row.subjectType;
  if (subject !== null) {
    const allowed = row.kind === 'minigame' ? VIRTUAL_PAYMENT_SUBJECTS.has(subject) : subject !== 'personal';
    if (!allowed) {
      // The subject rules payment out: what else it would need is beside the point.
      ev.add('PAY-SUBJECT', 'error', topic, { subject, kind: row.kind });
      return;
    }
  }
  if (isDone(row.steps.payment)) return;
  // A step the table has no status column for is never listed as missing.
  const missing: string[] = [];
  if (effectiveState(row, 'verify').status !== 'approved' && !isAbsent(row, 'verify')) missing.push('verify');
  if (row.kind === 'minigame') {
    if (effectiveState(row, 'qualification').status !== 'approved' && !isAbsent(row, 'qualification')) missing.push('qualification');
    if (!isDone(effectiveState(row, 'realname')) && !isAbsent(row, 'realname')) missing.push('realname');
  }
  if (missing.length > 0) ev.add('PAY-PREREQ', 'info', topic, { missing });
}

/** seed 000 第五步 (3): unrelated publisher → 小额打款 and a careful 游戏运营权 choice. */
export function checkPublisher(ev: RowEval): void {
  const { row } = ev;
  if (row.kind !== 'minigame' || row.withPayment !== true || row.publisherRelated !== false) return;
  if (effectiveState(row, 'qualification').status === 'approved') return;
  ev.add('QUAL-PUBLISHER', 'warning', 'qualification');
}

export function checkPersonalCategory(ev: RowEval): void {
  const { row } = ev;
  if (row.subjectType !== 'personal' || row.category === null) return;
  const hit = categoryFacts(ev.ctx, row.category).personalForbidden;
  if (hit !== null) ev.add('CAT-PERSONAL-FORBIDDEN', 'error', 'category', { category: row.category, forbidden: hit });
}
