/**
 * Steps whose status column the table does not have (Row.absent, issue 7 §5): inferred from
 * later evidence along the flow's own edges, otherwise unknown — never accused, never
 * holding back a tracked step, never offered except as the last resort.
 */
import { createContext, evaluateRow } from '../../src/rules/evaluate';
import { buildFlow, inferAbsent } from '../../src/rules/flow';
import { portfolioFindings } from '../../src/rules/portfolio';
import { makeRow, RowPatch } from '../../src/rules/row';
import { defaultSettings } from '../../src/rules/settings';
import type { Row, StepId, TrackedColumn } from '../../src/rules/types';
import { STEP_IDS } from '../../src/rules/types';
import { CAL, codes, d, evalOne, evalRows, findings, rules, TODAY } from './helpers';

const SETTINGS = defaultSettings();

/** Every step's status and date column, and the filing's, except the ones named. */
function allAbsentBut(...present: (StepId | 'icp')[]): TrackedColumn[] {
  const out: TrackedColumn[] = [];
  for (const s of [...STEP_IDS, 'icp' as const]) if (!present.includes(s)) out.push(`${s}Status`, `${s}Date`);
  return out;
}

function inferred(patch: RowPatch): Row {
  const row = makeRow({ id: 'G-1', ...patch });
  return inferAbsent(row, buildFlow(row, SETTINGS), SETTINGS);
}

const statuses = (row: Row) => Object.fromEntries([...STEP_IDS.map((s) => [s, row.steps[s].status]), ['icp', row.icp.status]]);

describe('inferAbsent follows the edges of flow.ts', () => {
  test('a version in review: name, category and registration were done, the qualification at least submitted', () => {
    const row = inferred({ kind: 'minigame', category: '游戏>休闲', absent: allAbsentBut('version'), steps: { version: { status: 'submitted', date: d('2026-11-20') } } });
    expect(statuses(row)).toEqual({
      register: 'approved',
      name: 'approved',
      category: 'approved',
      verify: 'unknown', // the version does not need it
      qualification: 'submitted', // start-to-start: submitted, maybe not yet approved
      version: 'submitted',
      realname: 'unknown',
      payment: 'unknown',
      icp: 'unknown',
    });
  });

  test('for a special category the version needs the qualification approved', () => {
    const row = inferred({ kind: 'minigame', category: '游戏>棋牌-牌类', absent: allAbsentBut('version'), steps: { version: { status: 'submitted', date: d('2026-11-20') } } });
    expect(row.steps.qualification.status).toBe('approved');
  });

  test('an ICP filing past preparing: name, category and (for a non-personal subject) verification', () => {
    const icp = { status: 'authority_review' as const, date: d('2026-11-10') };
    expect(statuses(inferred({ subjectType: 'enterprise', absent: allAbsentBut('icp'), icp }))).toMatchObject({ register: 'approved', name: 'approved', category: 'approved', verify: 'approved', qualification: 'unknown' });
    expect(inferred({ subjectType: 'personal', absent: allAbsentBut('icp'), icp }).steps.verify.status).toBe('unknown');
    // preparing is not a submission: nothing follows from it
    expect(inferred({ absent: allAbsentBut('icp'), icp: { status: 'preparing', date: null } }).steps.name.status).toBe('unknown');
  });

  test('a release on or after 2023-09-01 shows the filing; a legacy release does not', () => {
    expect(statuses(inferred({ subjectType: 'enterprise', releaseDate: d('2026-10-08'), absent: allAbsentBut() }))).toEqual({
      register: 'approved',
      name: 'approved',
      category: 'approved',
      verify: 'approved', // needed before filing
      qualification: 'approved', // the released-rows reading
      version: 'approved',
      realname: 'unknown',
      payment: 'unknown',
      icp: 'filed',
    });
    const legacy = inferred({ subjectType: 'enterprise', releaseDate: d('2023-05-10'), absent: allAbsentBut() });
    expect([legacy.icp.status, legacy.steps.verify.status, legacy.steps.version.status]).toEqual(['unknown', 'unknown', 'approved']);
  });

  test('values that exist only once a step is done: AppID, verification expiry, ICP number', () => {
    const row = inferred({ appId: 'wx0123456789abcdef', verifyExpiry: d('2027-03-01'), icp: { number: '浙ICP备2026000001号-1X' }, absent: allAbsentBut() });
    expect([row.steps.register.status, row.steps.verify.status, row.icp.status]).toEqual(['approved', 'approved', 'filed']);
  });

  test('a tracked step speaks for itself: a blank register column is not overruled', () => {
    const row = inferred({ absent: allAbsentBut('register', 'verify'), steps: { verify: { status: 'submitted', date: d('2026-11-20') } } });
    expect(row.steps.register.status).toBe('not_started');
    // Released 2026-10-08 with a blank 备案状态 (ICP-RELEASED-UNFILED): the release says nothing of the verification through it.
    const released = inferred({ subjectType: 'enterprise', releaseDate: d('2026-10-08'), absent: allAbsentBut('icp') });
    expect([released.icp.status, released.steps.verify.status]).toEqual(['unfiled', 'unknown']);
  });

  test('a row whose table has every column comes back as it is', () => {
    const row = makeRow({ id: 'G-1', steps: { version: { status: 'submitted', date: d('2026-11-20') } } });
    expect(inferAbsent(row, buildFlow(row, SETTINGS), SETTINGS)).toBe(row);
  });
});

describe('no finding accuses an untracked step', () => {
  test('real-name connected, qualification untracked: no FLOW-PREREQ (it was approved, the edge says so); with a blank qualification column, FLOW-PREREQ', () => {
    const realname = { realname: { status: 'approved' as const, date: d('2026-11-20') } };
    const untracked = evalOne({ kind: 'minigame', category: '游戏>休闲', absent: allAbsentBut('realname', 'icp'), steps: realname });
    expect(findings(untracked, 'FLOW-PREREQ')).toEqual([]);
    const blank = evalOne({ kind: 'minigame', category: '游戏>休闲', absent: allAbsentBut('realname', 'qualification', 'icp'), steps: realname });
    expect(findings(blank, 'FLOW-PREREQ').map((f) => f.step)).toEqual(['realname']);
  });

  test('an unreadable status (DATA-STATUS) is still not inferred: it holds the version back; an absent one does not', () => {
    const base: RowPatch = { kind: 'minigame', category: '游戏>休闲', steps: { qualification: { status: 'submitted', date: d('2026-11-20') } } };
    const garbled = evalOne({ ...base, absent: allAbsentBut('name', 'qualification', 'version', 'icp'), steps: { ...base.steps, name: { status: 'unknown', date: null } } });
    expect(codes(garbled)).not.toContain('version.submit');
    const absent = evalOne({ ...base, absent: allAbsentBut('qualification', 'version', 'icp') });
    expect(codes(absent)).toContain('version.submit');
  });
});

describe('next step with untracked steps', () => {
  test('release waits on an untracked version and filing: confirm both, the longer path first', () => {
    const r = evalOne({ kind: 'minigame', category: '游戏>休闲', absent: allAbsentBut('realname'), steps: { realname: { status: 'approved', date: d('2026-11-20') } } });
    expect(codes(r)).toEqual(['icp.confirm', 'version.confirm']);
    expect(r.findings).toEqual([]);
  });

  test('anything startable or awaited comes first: no confirm beside it', () => {
    const r = evalOne({ kind: 'minigame', category: '游戏>休闲', absent: allAbsentBut('version'), steps: { version: { status: 'submitted', date: d('2026-11-20') } } });
    expect(codes(r)).toEqual(['version.await']);
  });

  test('a table that tracks no step of the row plans it from the first step not known done', () => {
    expect(evalOne({ absent: allAbsentBut(), client: '星火网络' }).nextStep.code).toBe('register.start');
    const registered = evalOne({ absent: allAbsentBut(), appId: 'wx0123456789abcdef' });
    expect(registered.nextStep.code).toBe('name.start');
    expect(registered.stage.code).toBe('setup');
  });

  test('in English', () => {
    const r = evalOne({ kind: 'minigame', absent: allAbsentBut('realname'), steps: { realname: { status: 'approved', date: d('2026-11-20') } } }, { language: 'en' });
    expect(r.nextActions[0]).toEqual({ code: 'version.confirm', text: 'Check whether the version review is done (the table has no status column for it)' });
  });
});

describe('REG-LIMIT-SUBJECT counts registrations later evidence shows', () => {
  // 个体工商户: up to 5. Five rows with an AppID, one without, no 注册状态 column.
  const rows = Array.from({ length: 6 }, (_, i) =>
    makeRow({ id: `S-${i}`, subjectType: 'individual', subjectName: '杭州星火工作室', appId: i < 5 ? `wx0123456789abcde${i}` : null, absent: allAbsentBut('name') }, i),
  );
  const results = evalRows(rows);

  test('the five registered rows are at the limit (warning)', () => {
    for (const r of results.slice(0, 5)) expect(findings(r, 'REG-LIMIT-SUBJECT').map((f) => [f.severity, f.text])).toEqual([['warning', '主体“杭州星火工作室”已注册 5 个，达到个体工商户上限 5 个']]);
  });

  test('the sixth, whose registration is unknown, is not said to be planned, but carries the group\'s finding (rules.md §9: every row of a group at the limit)', () => {
    expect(findings(results[5], 'REG-LIMIT-SUBJECT').map((f) => [f.severity, f.text])).toEqual([['warning', '主体“杭州星火工作室”已注册 5 个，达到个体工商户上限 5 个']]);
  });

  test('portfolioFindings on its own (as the live pane calls it) infers the same registrations', () => {
    const cross = portfolioFindings(rows, SETTINGS);
    expect(cross.map((list) => list.map((f) => [f.rule, f.severity, f.args?.registered]))).toEqual([
      ...Array.from({ length: 6 }, () => [['REG-LIMIT-SUBJECT', 'warning', 5]]),
    ]);
  });

  test('rows inferred for the cross-row rules are evaluated from that inference: the same results as evaluateRow one by one', () => {
    // Five rows of one subject, so the subject limit infers them before their turn. Special
    // category, real-name connected: the untracked qualification was approved, so no FLOW-SPECIAL-CATEGORY.
    const group = Array.from({ length: 5 }, (_, i) =>
      makeRow(
        { id: `Q-${i}`, kind: 'minigame', category: '游戏>棋牌-牌类', subjectType: 'individual', subjectName: '杭州云帆工作室', appId: `wx0123456789abcde${i}`, absent: allAbsentBut('version', 'realname'), steps: { realname: { status: 'approved', date: d('2026-11-20') } } },
        i,
      ),
    );
    const evaluated = evalRows(group);
    expect(evaluated.map((r) => [rules(r), r.nextStep.code])).toEqual(Array(5).fill([['REG-LIMIT-SUBJECT'], 'version.submit']));
    const ctx = createContext({ today: TODAY, settings: SETTINGS, calendar: CAL, language: 'zh-CN' });
    const cross = portfolioFindings(group, SETTINGS);
    expect(group.map((row, i) => evaluateRow(row, ctx, cross[i]))).toEqual(evaluated);
    expect(rows.map((row, i) => evaluateRow(row, ctx, portfolioFindings(rows, SETTINGS)[i]))).toEqual(results);
  });
});
