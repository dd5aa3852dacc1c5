/** Building rows: the empty row every reader starts from, and a convenient builder. */
import { STEP_IDS, Row, StepId, StepState } from './types';

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
  };
}

export type RowPatch = Partial<Omit<Row, 'steps' | 'icp'>> & {
  steps?: Partial<Record<StepId, Partial<StepState>>>;
  icp?: Partial<Row['icp']>;
};

/** A row from a partial description; `hasData` is true unless said otherwise. */
export function makeRow(patch: RowPatch = {}, index = 0): Row {
  const row = emptyRow(index, patch.id ?? null);
  const { steps, icp, ...rest } = patch;
  Object.assign(row, { hasData: true }, rest);
  if (steps) for (const [id, state] of Object.entries(steps)) Object.assign(row.steps[id as StepId], state);
  if (icp) Object.assign(row.icp, icp);
  return row;
}
