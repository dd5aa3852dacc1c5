/** Building rows: the empty row every reader starts from, and a convenient builder. */
import { STEP_IDS, Row, StepId, StepState, TrackedColumn } from './types';

/** Rows of a table with every column, and rows built in code, lack nothing. */
export const NOTHING_ABSENT: ReadonlySet<TrackedColumn> = new Set<TrackedColumn>();

/** Every status and date column a table can have. */
export const TRACKED_COLUMNS: readonly TrackedColumn[] = [...STEP_IDS.flatMap((s) => [`${s}Status` as const, `${s}Date` as const]), 'icpStatus', 'icpDate'];

export function emptySteps(): Record<StepId, StepState> {
  const steps = {} as Record<StepId, StepState>;
  for (const id of STEP_IDS) steps[id] = { status: 'not_started', date: null };
  return steps;
}

export function emptyRow(index: number, id: string | null = null): Row {
  return {
    index,
    id,
    client: null,
    name: null,
    appId: null,
    kind: 'minigame',
    subjectType: null,
    subjectName: null,
    adminEmail: null,
    adminPhone: null,
    category: null,
    owner: null,
    urgent: null,
    targetLaunch: null,
    releaseDate: null,
    steps: emptySteps(),
    icp: { status: 'unfiled', date: null, number: null },
    namePath: null,
    verifyExpiry: null,
    withPayment: null,
    publisherRelated: null,
    isUpdate: null,
    registeredUsers: null,
    expediteDates: [],
    wantsPayment: null,
    wantsLive: null,
    lastViolation: null,
    lastPayment: null,
    followers: null,
    dau7: null,
    adSpend: null,
    readFindings: [],
    hasData: false,
    absent: NOTHING_ABSENT,
  };
}

/**
 * Mark the status and date columns the row's table does not have: an absent status is
 * unknown (not "not started"), for the rules to infer from later steps or leave unknown.
 */
export function markAbsent(row: Row, absent: ReadonlySet<TrackedColumn>): Row {
  row.absent = absent;
  if (absent.size === 0) return row;
  for (const id of STEP_IDS) if (absent.has(`${id}Status`)) row.steps[id].status = 'unknown';
  if (absent.has('icpStatus')) row.icp.status = 'unknown';
  return row;
}

export type RowPatch = Partial<Omit<Row, 'steps' | 'icp' | 'absent'>> & {
  steps?: Partial<Record<StepId, Partial<StepState>>>;
  icp?: Partial<Row['icp']>;
  /** Columns the row's table lacks (see markAbsent). */
  absent?: Iterable<TrackedColumn>;
};

/** A row from a partial description; `hasData` is true unless said otherwise. */
export function makeRow(patch: RowPatch = {}, index = 0): Row {
  const row = emptyRow(index, patch.id ?? null);
  const { steps, icp, absent, ...rest } = patch;
  Object.assign(row, { hasData: true }, rest);
  if (steps) for (const [id, state] of Object.entries(steps)) Object.assign(row.steps[id as StepId], state);
  if (icp) Object.assign(row.icp, icp);
  if (absent) markAbsent(row, new Set(absent));
  return row;
}
