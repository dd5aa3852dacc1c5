/**
 * The ownership record (src/workbook/ownership.ts): its XML both ways, which table it speaks
 * for, and where the output columns go — in place when they are ours, beside a user's column
 * of the same name when they are not.
 */
import { OUTPUT_COLUMNS } from '../../src/workbook/columns';
import {
  distinctHeader,
  OWNERSHIP_NAMESPACE,
  outputPositions,
  OwnershipRecord,
  parseOwnership,
  planOutputColumns,
  recordedColumnsFor,
  serializeOwnership,
} from '../../src/workbook/ownership';

const ZH = OUTPUT_COLUMNS.map((c) => c.zh);
const ALL_ZH = Object.fromEntries(OUTPUT_COLUMNS.map((c) => [c.key, c.zh]));

describe('the record as XML', () => {
  test('round trip, with characters that need escaping in attributes', () => {
    const record: OwnershipRecord = {
      portfolio: { table: 'Portfolio', sheet: 'A&B "<项目>"\n2', columns: { severity: '级别（Launch Tracker）', nextStep: 'x\ty' } },
      summarySheet: '汇总',
    };
    const xml = serializeOwnership(record);
    expect(xml).toContain(`xmlns="${OWNERSHIP_NAMESPACE}"`);
    expect(parseOwnership(xml)).toEqual(record);
  });

  test('a prefixed root in our namespace is ours; another namespace, no namespace or broken XML is not', () => {
    const prefixed = `<o:launchTracker xmlns:o="${OWNERSHIP_NAMESPACE}"><o:portfolio table="T"><o:column key="eta" header="预计上线"/></o:portfolio></o:launchTracker>`;
    expect(parseOwnership(prefixed)).toEqual({ portfolio: { table: 'T', sheet: null, columns: { eta: '预计上线' } }, summarySheet: null });
    expect(parseOwnership('<launchTracker xmlns="urn:someone-else"><portfolio table="T"/></launchTracker>')).toBeNull();
    expect(parseOwnership('<launchTracker><portfolio table="T"/></launchTracker>')).toBeNull();
    expect(parseOwnership(`<launchTracker xmlns="${OWNERSHIP_NAMESPACE}"><portfolio>`)).toBeNull();
  });

  test('unknown column keys are dropped', () => {
    const xml = `<launchTracker xmlns="${OWNERSHIP_NAMESPACE}"><portfolio table="T"><column key="bogus" header="x"/><column key="stage" header="当前阶段"/></portfolio></launchTracker>`;
    expect(parseOwnership(xml)!.portfolio!.columns).toEqual({ stage: '当前阶段' });
  });
});

describe('which table the record speaks for', () => {
  const record = (table: string | null, sheet: string | null): OwnershipRecord => ({ portfolio: { table, sheet, columns: { stage: '当前阶段' } }, summarySheet: null });
  test('by table name (case-insensitively), else by sheet for a plain range', () => {
    expect(recordedColumnsFor(record('Portfolio', '项目'), 'portfolio', 'other')).toEqual({ stage: '当前阶段' });
    expect(recordedColumnsFor(record('Portfolio', '项目'), 'Clients', '项目')).toBeNull();
    expect(recordedColumnsFor(record(null, '项目'), null, '项目')).toEqual({ stage: '当前阶段' });
    expect(recordedColumnsFor(record(null, '项目'), 'Portfolio', '项目')).toBeNull();
    expect(recordedColumnsFor(null, 'Portfolio', '项目')).toBeNull();
  });
});

describe('where the output columns go', () => {
  test('no record, a user column 级别 and 下一步: the product adds its own beside them', () => {
    const plan = planOutputColumns(['项目编号', '级别', '下一步'], null, 'zh-CN');
    expect(plan.basis).toBe('none');
    expect(plan.existing).toEqual({});
    expect(plan.added.map((a) => a.header)).toEqual(ZH.map((h) => (h === '级别' || h === '下一步' ? distinctHeader(h, 'zh-CN') : h)));
    expect(plan.clashes).toEqual([
      { key: 'nextStep', userHeader: '下一步', header: '下一步（Launch Tracker）' },
      { key: 'severity', userHeader: '级别', header: '级别（Launch Tracker）' },
    ]);
    expect(plan.headers.severity).toBe('级别（Launch Tracker）');
  });

  test('English: the distinct header is "Severity (Launch Tracker)"', () => {
    const plan = planOutputColumns(['ID', 'Severity'], null, 'en');
    expect(plan.clashes).toEqual([{ key: 'severity', userHeader: 'Severity', header: 'Severity (Launch Tracker)' }]);
  });

  test('with the record of that first write, the same columns are reused: nothing added', () => {
    const first = planOutputColumns(['项目编号', '级别', '下一步'], null, 'zh-CN');
    const headers = ['项目编号', '级别', '下一步', ...first.added.map((a) => a.header)];
    const again = planOutputColumns(headers, first.headers, 'zh-CN');
    expect(again.basis).toBe('record');
    expect(again.added).toEqual([]);
    expect(again.clashes).toEqual([]);
    expect(again.existing.severity).toBe(headers.indexOf('级别（Launch Tracker）'));
    expect(again.existing.nextStep).toBe(headers.indexOf('下一步（Launch Tracker）'));
    expect(Object.values(again.existing)).not.toContain(1);
    expect(Object.values(again.existing)).not.toContain(2);
  });

  test('legacy: all ten output headers and no record are ours, in place', () => {
    const headers = ['项目编号', ...ZH];
    const plan = planOutputColumns(headers, null, 'zh-CN');
    expect(plan.basis).toBe('legacy');
    expect(plan.added).toEqual([]);
    expect(plan.existing.severity).toBe(headers.indexOf('级别'));
    expect(plan.headers).toEqual(ALL_ZH);
  });

  test('legacy after a lost record: the column added beside a user 级别 is ours, the user 级别 stays the user’s', () => {
    // A first check added 级别（Launch Tracker） beside the user's 级别; then the record was lost
    // (a tool that drops custom XML parts saved the file). All ten headers are there.
    const headers = ['项目编号', '级别', '下一步', ...ZH.map((h) => (h === '级别' || h === '下一步' ? distinctHeader(h, 'zh-CN') : h))];
    const plan = planOutputColumns(headers, null, 'zh-CN');
    expect(plan.basis).toBe('legacy');
    expect(plan.added).toEqual([]);
    expect(plan.existing.severity).toBe(headers.indexOf('级别（Launch Tracker）'));
    expect(plan.existing.nextStep).toBe(headers.indexOf('下一步（Launch Tracker）'));
    expect(plan.existing.stage).toBe(headers.indexOf('当前阶段'));
  });

  test('fewer than ten output headers without a record are the user’s', () => {
    const plan = planOutputColumns(['项目编号', ...ZH.slice(0, 9)], null, 'zh-CN');
    expect(plan.basis).toBe('none');
    expect(plan.clashes).toHaveLength(9);
    expect(plan.added).toHaveLength(10);
  });

  test('a recorded column the user renamed is the user’s now: ours is added again under its header', () => {
    const headers = ['项目编号', ...ZH.map((h) => (h === '级别' ? '客户等级' : h))];
    const plan = planOutputColumns(headers, ALL_ZH, 'zh-CN');
    expect(plan.basis).toBe('record');
    expect(plan.added).toEqual([{ key: 'severity', header: '级别' }]);
    expect(plan.clashes).toEqual([]);
    expect(Object.values(plan.existing)).not.toContain(headers.indexOf('客户等级'));
  });

  test('a distinct header already taken gets a number', () => {
    const plan = planOutputColumns(['项目编号', '级别', '级别（Launch Tracker）'], {}, 'zh-CN');
    expect(plan.headers.severity).toBe('级别（Launch Tracker） 2');
  });

  test('outputPositions: ours where they stand, the added ones after the given width in the plan’s order', () => {
    const headers = ['项目编号', ...ZH.map((h) => (h === '级别' ? '客户等级' : h))];
    const plan = planOutputColumns(headers, ALL_ZH, 'zh-CN');
    const positions = outputPositions(plan, headers.length + 2);
    expect(positions.severity).toBe(headers.length + 2);
    expect(positions.stage).toBe(headers.indexOf('当前阶段'));
    expect(Object.keys(positions).sort()).toEqual(OUTPUT_COLUMNS.map((c) => c.key).sort());
  });
});
