/**
 * The history format (src/workbook/history.ts): row states from real checks of small tables,
 * their cells and back, the changes between two checks, the History records and the
 * since-last-check summary, the compaction rule.
 */
import { addDays, dayFromYmd, excelSerialFromInstant } from '../../src/rules/dates';
import { checkWorkbook } from '../../src/workbook/check';
import {
  collectStates,
  decodeState,
  diffStates,
  encodeState,
  HISTORY_HEADERS,
  historyRows,
  isHistoryHeader,
  nextState,
  PortfolioState,
  recordsToDrop,
  recordTime,
  sinceLastCheck,
  sinceLastCheckLines,
} from '../../src/workbook/history';
import type { Cell } from '../../src/workbook/values';

const TODAY = dayFromYmd(2026, 11, 21);
/** 2026-11-21 15:30 in China. */
const NOW = Date.UTC(2026, 10, 21, 7, 30);
const DAY_MS = 86_400_000;

const HEADERS = ['ID', 'Kind', 'Subject type', 'Register status', 'Register date', 'Version status', 'Version date', 'ICP status', 'Released on'];
type Line = [string | null, string, string, string, string | null, string, string | null, string, string | null];

/** A registered enterprise mini-game whose version review was submitted on 2026-11-20 (due after today). */
const base = (id: string | null): Line => [id, 'minigame', 'enterprise', 'approved', '2026-10-01', 'submitted', '2026-11-20', '', null];

function stateOf(lines: Line[], previous: PortfolioState | null, at = { now: NOW, today: TODAY }) {
  const out = checkWorkbook({ portfolio: { headers: HEADERS, rows: lines } }, { today: at.today, language: 'en' });
  const collected = collectStates(out.rows, out.results);
  const next = nextState(previous, collected, { checkedAt: at.now, today: at.today, source: 'cli' });
  return { collected, next, diff: diffStates(previous, collected), results: out.results };
}

const first = stateOf([base('G-1'), base('G-2')], null);

describe('the state sheet', () => {
  test('round-trips through its cells: header, column names, one row per ID in two cells', () => {
    const cells = encodeState(first.next);
    expect(cells[0]).toEqual(['launch-tracker-state', '3', '2026-11-21T07:30:00.000Z', '2026-11-21', 'cli', '2']);
    expect(cells[1]).toEqual(['id', 'state']);
    expect(cells[2]).toEqual(['G-1', 'error|icp.submit|version@2026-11-23||unfiled|a2026-10-01,,,,,s2026-11-20|ICP-REQUIRED']);
    const back = decodeState(cells);
    expect('state' in back && back.state).toEqual(first.next);
  });

  test('reads back cells another tool turned into numbers (a sheet saved without the text format)', () => {
    const rows = new Map(first.next.rows);
    rows.set('g-1', { ...rows.get('g-1')!, id: '001', release: '2026-11-20' });
    const state = { ...first.next, rows };
    const cells: Cell[][] = encodeState(state).map((r) => [...r]);
    expect(cells[2][1]).toContain('|2026-11-20|');
    cells[2][0] = 1;
    cells[0][1] = 2;
    const back = decodeState(cells);
    expect('state' in back && back.state.rows.get('1')).toEqual({ ...rows.get('g-1'), id: '1' });
  });

  test('reads a version 1 sheet (eight cells a row), dates a tool made of its cells included: the history an earlier build recorded goes on', () => {
    const v1: Cell[][] = [
      ['launch-tracker-state', 1, '2026-11-21T07:30:00.000Z', '2026-11-21', 'cli', '1'],
      ['id', 'severity', 'nextStep', 'due', 'release', 'icp', 'steps', 'findings'],
      ['G-1', 'error', 'icp.submit', '2026-11-23>version', new Date(Date.UTC(2026, 10, 20)), 'unfiled', 'register=approved@2026-10-01;version=submitted@2026-11-20', 'ICP-REQUIRED'],
    ];
    const back = decodeState(v1);
    expect('state' in back && back.state.version).toBe(1);
    expect('state' in back && back.state.rows.get('g-1')).toEqual({ ...first.next.rows.get('g-1'), release: '2026-11-20' });
  });

  test('a damaged row is skipped, the others read', () => {
    const cells: Cell[][] = encodeState(first.next).map((r) => [...r]);
    cells[2][1] = 'info|version.await';
    const back = decodeState(cells);
    expect('state' in back && [...back.state.rows.keys()]).toEqual(['g-2']);
  });

  test('a sheet that is not ours, a newer version and a damaged header are told apart', () => {
    expect(decodeState([['my notes']])).toEqual({ problem: 'not-ours' });
    expect(decodeState([['launch-tracker-state', '4', '2026-11-21T07:30:00.000Z', '2026-11-21', 'cli']])).toEqual({ problem: 'newer-version' });
    expect(decodeState([['launch-tracker-state', '3', 'yesterday', '2026-11-21', 'cli']])).toEqual({ problem: 'damaged' });
  });

  test('rows without an ID are not followed; an ID on two rows is not compared and keeps its last state', () => {
    const dup = stateOf([base('G-1'), { ...base('g-1 '), 5: 'approved' } as Line, base(null), base('G-2')], first.next);
    expect(dup.collected.withoutId).toBe(1);
    expect([...dup.collected.duplicates]).toEqual(['g-1']);
    expect(dup.next.rows.get('g-1')).toEqual(first.next.rows.get('g-1'));
    expect(dup.diff.rows).toEqual([]);
  });
});

describe('changes between two checks', () => {
  test('a first check is a baseline: one record, whatever the number of rows', () => {
    const many = stateOf(Array.from({ length: 300 }, (_, i) => base(`G-${i}`)), null);
    expect(many.diff.baseline).toBe(true);
    const rows = historyRows(many.diff, null, many.next, { when: 46347.5, source: 'cli', language: 'zh-CN' });
    expect(rows).toEqual([[46347.5, null, '基线', null, '300 个项目', '命令行']]);
  });

  test('nothing changed: no record, and every row has an empty list of changes', () => {
    const again = stateOf([base('G-1'), base('G-2')], first.next);
    expect(again.diff.rows).toEqual([]);
    expect(again.diff.byKey.get('g-1')).toEqual([]);
  });

  test('a status and its date, the severity, the next step, the due date and the findings, each by its rule ID', () => {
    const approved: Line = ['G-1', 'minigame', 'enterprise', 'approved', '2026-10-01', 'approved', '2026-11-21', '', null];
    const later = stateOf([approved, base('G-2')], first.next);
    const fields = later.diff.byKey.get('g-1')!;
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'version.status', from: 'submitted', to: 'approved' },
        { field: 'version.date', from: '2026-11-20', to: '2026-11-21' },
      ]),
    );
    const before = first.next.rows.get('g-1')!;
    const after = later.next.rows.get('g-1')!;
    if (before.nextStep.code !== after.nextStep.code) expect(fields).toContainEqual({ field: 'nextStep', from: before.nextStep.code, to: after.nextStep.code });
    if (before.due !== after.due) expect(fields).toContainEqual({ field: 'due', from: before.due, to: after.due });
    for (const rule of after.findings.filter((f) => !before.findings.includes(f))) expect(fields).toContainEqual({ field: 'finding', from: null, to: rule });
    for (const rule of before.findings.filter((f) => !after.findings.includes(f))) expect(fields).toContainEqual({ field: 'finding', from: rule, to: null });
    const rows = historyRows(later.diff, first.next, later.next, { when: 46347.5, source: 'pane', language: 'en' });
    expect(rows).toContainEqual([46347.5, 'G-1', 'Version status', 'submitted', 'approved', 'pane']);
    expect(rows).toContainEqual([46347.5, 'G-1', 'Version date', '2026-11-20', '2026-11-21', 'pane']);
  });

  test('a finding raised, then cleared, by rule ID; the severity rising and falling with it', () => {
    // A rejected version review raises FLOW-REJECTED (a warning), and ICP-REQUIRED (an error) goes while the version is not in review.
    const rejected: Line = ['G-2', 'minigame', 'enterprise', 'approved', '2026-10-01', 'rejected', '2026-11-21', '', null];
    const second = stateOf([base('G-1'), rejected], first.next);
    const raised = second.diff.byKey.get('g-2')!;
    expect(raised).toContainEqual({ field: 'finding', from: null, to: 'FLOW-REJECTED' });
    expect(raised).toContainEqual({ field: 'finding', from: 'ICP-REQUIRED', to: null });
    expect(raised).toContainEqual({ field: 'severity', from: 'error', to: 'warning' });
    const third = stateOf([base('G-1'), base('G-2')], second.next);
    expect(third.diff.byKey.get('g-2')).toContainEqual({ field: 'finding', from: 'FLOW-REJECTED', to: null });
    const since = sinceLastCheck(third.diff, second.next, third.next, 0);
    expect(since.counts.findingsCleared).toBeGreaterThanOrEqual(1);
    expect(since.counts.severityUp).toBe(1);
    expect(since.items.severityUp).toEqual([{ id: 'G-2', detail: 'warning>error' }]);
    const before = sinceLastCheck(second.diff, first.next, second.next, 0);
    expect(before.items.rejected).toEqual([{ id: 'G-2', detail: 'version' }]);
    expect(before.counts.severityDown).toBe(1);
    expect(sinceLastCheckLines(before, 'zh-CN').lines).toContainEqual(['级别降低', 1, 'G-2（错误→警告）']);
  });

  test('a release, a row added and a row removed', () => {
    const released: Line = ['G-1', 'minigame', 'enterprise', 'approved', '2026-10-01', 'approved', '2026-11-20', '已备案', '2026-11-20'];
    const later = stateOf([released, base('G-3')], first.next);
    expect(later.diff.byKey.get('g-1')).toContainEqual({ field: 'release', from: null, to: '2026-11-20' });
    expect(later.diff.byKey.get('g-1')).toContainEqual({ field: 'icp.status', from: 'unfiled', to: 'filed' });
    expect(later.diff.byKey.get('g-3')).toEqual([{ field: 'row', from: null, to: 'G-3' }]);
    expect(later.diff.rows.find((r) => r.key === 'g-2')!.changes).toEqual([{ field: 'row', from: 'G-2', to: null }]);
    const rows = historyRows(later.diff, first.next, later.next, { when: 1, source: 'cli', language: 'zh-CN' });
    expect(rows).toContainEqual([1, 'G-1', '上线日期', null, '2026-11-20', '命令行']);
    expect(rows).toContainEqual([1, 'G-1', '备案状态', '未备案', '已备案', '命令行']);
    expect(rows).toContainEqual([1, 'G-3', '项目', null, '新增', '命令行']);
    expect(rows).toContainEqual([1, 'G-2', '项目', null, '已删除', '命令行']);
    const since = sinceLastCheck(later.diff, first.next, later.next, rows.length);
    expect(since.counts).toMatchObject({ released: 1, added: 1, removed: 1, approved: 2 });
    const lines = sinceLastCheckLines(since, 'en');
    expect(lines.title).toBe(`Since last check (2026-11-21 15:30, command line): ${rows.length} changes recorded`);
    expect(lines.lines).toContainEqual(['Released', 1, 'G-1 (2026-11-20)']);
  });

  describe('the ICP date (备案日期), recorded from state format 3 on', () => {
    const ICP_HEADERS = ['ID', 'Kind', 'Subject type', 'Register status', 'Register date', 'ICP status', 'ICP date'];
    const icpRow = (status: string, date: string | null) => ['P-7', 'miniprogram', 'enterprise', 'approved', '2026-10-01', status, date];
    const icpState = (status: string, date: string | null, previous: PortfolioState | null) => {
      const out = checkWorkbook({ portfolio: { headers: ICP_HEADERS, rows: [icpRow(status, date)] } }, { today: TODAY, language: 'en' });
      const collected = collectStates(out.rows, out.results);
      return { next: nextState(previous, collected, { checkedAt: NOW, today: TODAY, source: 'cli' }), diff: diffStates(previous, collected) };
    };

    test('is kept in the state sheet after the status and read back', () => {
      const { next } = icpState('平台审核中', '2026-11-18', null);
      const cells = encodeState(next);
      expect(cells[2][1].split('|')[4]).toBe('platform_review@2026-11-18');
      const back = decodeState(cells);
      expect('state' in back && back.state.rows.get('p-7')).toMatchObject({ icp: 'platform_review', icpDate: '2026-11-18' });
    });

    test('a changed date is a record of its own, named by its column', () => {
      const before = icpState('平台审核中', '2026-11-18', null).next;
      const later = icpState('待短信核验', '2026-11-20', before);
      expect(later.diff.byKey.get('p-7')).toEqual(
        expect.arrayContaining([
          { field: 'icp.status', from: 'platform_review', to: 'sms_pending' },
          { field: 'icp.date', from: '2026-11-18', to: '2026-11-20' },
        ]),
      );
      const rows = historyRows(later.diff, before, later.next, { when: 1, source: 'cli', language: 'zh-CN' });
      expect(rows).toContainEqual([1, 'P-7', '备案日期', '2026-11-18', '2026-11-20', '命令行']);
    });

    test('a format 2 state (no ICP dates) does not make every dated filing a change', () => {
      const before = icpState('平台审核中', '2026-11-18', null).next;
      const v2: Cell[][] = encodeState(before).map((r) => [...r]);
      v2[0][1] = '2';
      v2[2][1] = String(v2[2][1]).replace('platform_review@2026-11-18', 'platform_review');
      const read = decodeState(v2);
      const old = 'state' in read ? read.state : null;
      expect(old?.rows.get('p-7')).toMatchObject({ icp: 'platform_review', icpDate: null });
      expect(icpState('平台审核中', '2026-11-18', old).diff.rows).toEqual([]);
      const changes = icpState('待短信核验', '2026-11-20', old).diff.byKey.get('p-7')!;
      expect(changes).toContainEqual({ field: 'icp.status', from: 'platform_review', to: 'sms_pending' });
      expect(changes.map((c) => c.field)).not.toContain('icp.date');
    });
  });

  test('newly overdue: a due date passed since the last check, with no edit at all', () => {
    const due = first.next.rows.get('g-1')!.due!;
    const day = dayFromYmd(Number(due.slice(0, 4)), Number(due.slice(5, 7)), Number(due.slice(8, 10)));
    const later = stateOf([base('G-1'), base('G-2')], first.next, { now: NOW + (day + 1 - TODAY) * DAY_MS, today: addDays(day, 1) });
    const since = sinceLastCheck(later.diff, first.next, later.next, 0);
    expect(since.counts.overdue).toBe(2);
    expect(since.items.overdue[0]).toEqual({ id: 'G-1', detail: due });
    // The day after, they are still overdue, not newly.
    const after = stateOf([base('G-1'), base('G-2')], later.next, { now: NOW + (day + 2 - TODAY) * DAY_MS, today: addDays(day, 2) });
    expect(sinceLastCheck(after.diff, later.next, after.next, 0).counts.overdue).toBe(0);
  });
});

describe('the History table', () => {
  test('headers in both languages are recognised, a user\'s table is not', () => {
    expect(isHistoryHeader(HISTORY_HEADERS['zh-CN'])).toBe(true);
    expect(isHistoryHeader(HISTORY_HEADERS.en)).toBe(true);
    expect(isHistoryHeader(['Date', 'Event'])).toBe(false);
  });

  test('a record\'s time, however a surface read it: Excel\'s serial, a date the .xlsx reader made, another tool\'s text', () => {
    const at = excelSerialFromInstant(NOW); // 2026-11-21 15:30 in China
    expect(recordTime(at)).toBe(at);
    // The .xlsx reader gives China time as a UTC date.
    expect(recordTime(new Date(Date.UTC(2026, 10, 21, 15, 30)))).toBeCloseTo(at, 9);
    expect(recordTime('2026-11-21 15:30')).toBeCloseTo(at, 9);
    expect(recordTime('2026-11-21')).toBe(Math.floor(at));
    expect([recordTime('soon'), recordTime(null), recordTime(undefined), recordTime(Number.NaN), recordTime(new Date(Number.NaN))]).toEqual([null, null, null, null, null]);
  });

  test('compaction: records older than 400 days go first, then the oldest beyond the cap', () => {
    const now = excelSerialFromInstant(NOW);
    const whens = [now - 500, now - 401, now - 399, now - 1, now];
    expect(recordsToDrop(whens, now, 10)).toBe(2);
    expect(recordsToDrop(whens, now, 10, { keepDays: 400, maxRecords: 12 })).toBe(3);
    expect(recordsToDrop(whens, now, 0, { keepDays: 400, maxRecords: 1 })).toBe(4);
    expect(recordsToDrop([], now, 5)).toBe(0);
  });
});
