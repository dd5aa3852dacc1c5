/**
 * The LAUNCH.* custom functions, called as Excel calls them (functions.ts, streaming invocations)
 * with a faked CustomFunctions runtime, on the shared runtime over the fake Excel API: values and
 * serials for real rows, streaming updates when a row changes and silence when it does not,
 * midnight, the error cases, and one workbook read for many formulas.
 */
import { fakeExcel } from '../../src/excel/fake/api';
import { addTable, exampleWorkbook, generatedWorkbook } from '../../src/excel/fake/example';
import { WorkbookModel } from '../../src/excel/fake/model';
import type { ExcelApi } from '../../src/excel/run';
import { Runtime, setSharedRuntime } from '../../src/excel/runtime';
import { PortfolioStore, StoreUpdate } from '../../src/excel/store';
import { FakeCustomFunctionsError, fakeInvocation, FakeInvocation, installFakeCustomFunctions } from '../../src/functions/fake';
import * as F from '../../src/functions/functions';
import { FunctionsEngine } from '../../src/functions/engine';
import { officeHost } from '../../src/functions/host';
import { engineFor } from '../../src/functions/launch';
import { dayFromYmd, excelSerialFromDay } from '../../src/rules/dates';
import type { Language } from '../../src/rules/types';
import { generateSample } from '../../src/workbook/sample';
import { sheetNames } from '../../src/workbook/template';

/** 2026-11-21 10:00 in China. */
const NOW = Date.UTC(2026, 10, 21, 2, 0);
const serial = (y: number, m: number, d: number) => excelSerialFromDay(dayFromYmd(y, m, d));
const ZH = sheetNames('zh-CN');

let restoreGlobal: () => void;
beforeAll(() => {
  restoreGlobal = installFakeCustomFunctions();
});
afterAll(() => restoreGlobal());

let current: Runtime | null = null;
afterEach(() => {
  if (current) engineFor(current).dispose();
  current?.store.dispose();
  current = null;
  setSharedRuntime(null);
});

interface Setup {
  model: WorkbookModel;
  runtime: Runtime;
  store: PortfolioStore;
  clock: { now: number };
}

/** The page's shared runtime over a fake workbook (edits applied at once: no debounce). */
function setup(model: WorkbookModel = exampleWorkbook(), options: { language?: Language; excel?: ExcelApi } = {}): Setup {
  const clock = { now: NOW };
  const excel = options.excel ?? fakeExcel(model);
  const runtime = { excel, language: options.language ?? 'zh-CN' } as Runtime;
  runtime.store = new PortfolioStore(excel, { defaultLanguage: () => runtime.language, debounceMs: 0, now: () => clock.now });
  setSharedRuntime(runtime);
  current = runtime;
  return { model, runtime, store: runtime.store, clock };
}

type Stream<T> = (invocation: CustomFunctions.StreamingInvocation<T>) => void;

/** A formula in a cell: Excel calls the function with a streaming invocation. */
function formula<T>(call: Stream<T>): FakeInvocation<T> {
  const invocation = fakeInvocation<T>();
  call(invocation);
  return invocation;
}

/** Let the read (or a re-read) finish. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The store's next update, after every earlier listener (the functions' engine) has seen it. */
function nextUpdate(store: PortfolioStore): Promise<StoreUpdate> {
  return new Promise((resolve) => {
    const off = store.subscribe((update) => {
      off();
      resolve(update);
    });
  });
}

/**
 * What the user sees of an error cell: the error value and the message in its error indicator.
 * A message given with an error that shows none (#NUM! …) is a bug: Excel drops it (fake.ts).
 */
function excelError(value: unknown): { code: string; message: string } {
  expect(value).toBeInstanceOf(FakeCustomFunctionsError);
  const error = value as FakeCustomFunctionsError;
  expect(error.droppedMessage).toBeUndefined();
  return { code: error.code, message: error.message };
}

/** Worksheet cell of a Portfolio table row (the example's table starts at A1). */
function editRow(s: Setup, tableRow: number, header: string, text: string): void {
  const sheet = s.model.sheet(ZH.portfolio)!;
  const col = s.store.portfolio!.headers.indexOf(header);
  expect(col).toBeGreaterThanOrEqual(0);
  s.model.userEdit(sheet, tableRow + 1, col, text);
}

const ROW_FUNCTIONS = {
  NEXTSTEP: F.nextStep,
  STAGE: F.stage,
  DUEDATE: F.dueDate,
  DUEFOR: F.dueFor,
  ETA: F.eta,
  SEVERITY: F.severity,
  FINDINGS: F.findings,
  LIVE: F.live,
  EXPEDITE: F.expedite,
  ICPDEADLINE: F.icpDeadline,
} as const;

/** Every row function of one key, as cells. */
function rowFormulas(id: unknown) {
  const out = {} as Record<keyof typeof ROW_FUNCTIONS, FakeInvocation<unknown>>;
  for (const [name, fn] of Object.entries(ROW_FUNCTIONS)) {
    out[name as keyof typeof ROW_FUNCTIONS] = formula<unknown>((inv) => (fn as (id: unknown, inv: unknown) => void)(id, inv));
  }
  return out;
}

const values = (cells: Record<string, FakeInvocation<unknown>>) => Object.fromEntries(Object.entries(cells).map(([k, c]) => [k, c.value]));

describe('row functions: the rules layer’s result for the row', () => {
  test('G-005: texts, date serials, severity, live, expedite, ICP date', async () => {
    setup();
    const cells = rowFormulas('G-005');
    await settle();
    expect(values(cells)).toEqual({
      NEXTSTEP: '等待备案平台初审（预计 2026-11-24）',
      STAGE: '资质审核、版本审核、小程序备案中',
      DUEDATE: serial(2026, 11, 23),
      DUEFOR: '资质审核',
      ETA: serial(2026, 12, 23),
      SEVERITY: '正常',
      FINDINGS: '',
      LIVE: false,
      EXPEDITE: 0,
      ICPDEADLINE: serial(2026, 11, 24),
    });
    // One answer each: nothing is emitted twice.
    for (const cell of Object.values(cells)) expect(cell.results).toHaveLength(1);
  });

  test('other rows: critical ICP deadline, findings one per line, expedites left, live eligible, blanks', async () => {
    setup();
    const g018 = rowFormulas('G-018');
    const g006 = rowFormulas('G-006');
    const p025 = rowFormulas('P-025');
    const g001 = rowFormulas('G-001');
    const p020 = rowFormulas('P-020');
    await settle();
    expect(g018.SEVERITY.value).toBe('严重');
    expect(g018.NEXTSTEP.value).toBe('提交小程序备案');
    expect(g018.DUEDATE.value).toBe(serial(2024, 3, 31));
    expect(g018.DUEDATE.value).toBe(45382);
    expect(g018.DUEFOR.value).toBe('小程序备案');
    expect(g018.ICPDEADLINE.value).toBe(serial(2024, 3, 31));
    expect(g018.ETA.value).toBe(''); // released: no ETA
    expect(g018.FINDINGS.value).toMatch(/（ICP-LEGACY-DEADLINE）$/);
    expect(g006.EXPEDITE.value).toBe(1);
    expect(String(g006.FINDINGS.value).split('\n')).toHaveLength(2);
    expect(String(g006.FINDINGS.value)).toMatch(/FLOW-SLA/);
    expect(String(g006.FINDINGS.value)).toMatch(/EXP-ELIGIBLE/);
    expect(p025.LIVE.value).toBe(true);
    expect(p025.EXPEDITE.value).toBe(0); // a mini-program: no expedite at all
    expect(g001).toMatchObject({ NEXTSTEP: { value: '注册账号' }, DUEDATE: { value: '' }, DUEFOR: { value: '' }, ICPDEADLINE: { value: '' }, FINDINGS: { value: '' } });
    expect(p020.SEVERITY.value).toBe('严重');
    expect(p020.ICPDEADLINE.value).toBe(serial(2026, 11, 21));
  });

  test('keys compare as the store compares them: case, width, spaces, numbers', async () => {
    const s = setup();
    s.model.sheet(ZH.portfolio)!.ensure(1, 0).value = 17; // G-001's key cell holds the number 17
    const cells = [' g-005 ', 'Ｇ－００５', 'G-005'].map((id) => formula<string>((inv) => F.nextStep(id, inv)));
    const byNumber = formula<string>((inv) => F.nextStep(17, inv));
    const byText = formula<string>((inv) => F.nextStep('17', inv));
    await settle();
    for (const cell of cells) expect(cell.value).toBe('等待备案平台初审（预计 2026-11-24）');
    expect(byNumber.value).toBe('注册账号');
    expect(byText.value).toBe('注册账号');
  });

  test('duplicate keys answer from the first row, which carries DATA-ID-DUPLICATE', async () => {
    const s = setup();
    const severity = formula<string>((inv) => F.severity('G-046', inv));
    const findings = formula<string>((inv) => F.findings('G-046', inv));
    await settle();
    expect(severity.value).toBe('错误');
    expect(findings.value).toMatch(/DATA-ID-DUPLICATE/);
    // The first G-046 gets another key: the formula now answers from the second, no longer a duplicate.
    editRow(s, 45, '项目编号', 'G-046A');
    await nextUpdate(s.store);
    expect(findings.value).toBe('');
    expect(severity.value).toBe('正常');
  });

  test('English by setting: texts, severity words and messages', async () => {
    setup(exampleWorkbook(), { language: 'en' });
    const cells = rowFormulas('G-018');
    const unknown = formula<string>((inv) => F.nextStep('NOPE-1', inv));
    await settle();
    expect(cells.SEVERITY.value).toBe('critical');
    expect(cells.NEXTSTEP.value).toBe('Submit the ICP filing');
    expect(cells.DUEFOR.value).toBe('ICP filing');
    expect(cells.FINDINGS.value).toMatch(/ \(ICP-LEGACY-DEADLINE\)$/);
    expect(excelError(unknown.value)).toEqual({ code: '#N/A', message: 'Project NOPE-1 not found' });
  });
});

describe('streaming: a cell updates when its row’s result changes, and only then', () => {
  test('an edit re-answers the edited row’s formulas whose value changed; the rest stay silent', async () => {
    const s = setup();
    const next = formula<string>((inv) => F.nextStep('G-001', inv));
    const stage = formula<string>((inv) => F.stage('G-001', inv));
    const live = formula<boolean>((inv) => F.live('G-001', inv));
    const other = formula<string>((inv) => F.nextStep('G-002', inv));
    const otherSeverity = formula<string>((inv) => F.severity('G-018', inv));
    await settle();
    expect(s.store.watching).toBe(true); // the functions started following the tables' edits
    expect(next.value).toBe('注册账号');
    const computedBefore = engineFor().stats.computed;

    editRow(s, 0, '注册状态', '已通过');
    const update = await nextUpdate(s.store);
    expect(update.rows).toContain(0);
    expect(next.results).toEqual(['注册账号', expect.any(String)]);
    expect(next.value).not.toBe('注册账号');
    expect(stage.results).toHaveLength(2);
    // Same value as before: not emitted again.
    expect(live.results).toEqual([false]);
    expect(other.results).toHaveLength(1);
    expect(otherSeverity.results).toHaveLength(1);
    // Only the formulas answered by the changed rows were recomputed.
    expect(engineFor().stats.computed - computedBefore).toBe(3);
  });

  test('an edit that changes nothing a formula shows emits nothing', async () => {
    const s = setup();
    const cells = rowFormulas('G-005');
    await settle();
    editRow(s, 4, '负责人', '王五'); // the owner is not part of any result
    await nextUpdate(s.store);
    for (const cell of Object.values(cells)) expect(cell.results).toHaveLength(1);
  });

  test('a key typed into a row: formulas asking for it find it, formulas for the old key say not found', async () => {
    const s = setup();
    const waiting = formula<string>((inv) => F.nextStep('G-999', inv));
    const old = formula<string>((inv) => F.nextStep('G-001', inv));
    await settle();
    expect(excelError(waiting.value)).toEqual({ code: '#N/A', message: '未找到项目 G-999' });
    editRow(s, 0, '项目编号', 'G-999');
    await nextUpdate(s.store);
    expect(waiting.value).toBe('注册账号');
    expect(excelError(old.value)).toEqual({ code: '#N/A', message: '未找到项目 G-001' });
  });

  test('10,000 formulas on a 2,000-row portfolio: one edit recomputes only that row’s formulas', async () => {
    const AS_OF = dayFromYmd(2026, 11, 21);
    const sample = generateSample({ rows: 2_000, seed: 7, asOf: AS_OF, dates: 'serial' });
    const s = setup(generatedWorkbook(sample.headers as string[], sample.rows));
    const ids = sample.rows.map((r) => String(r[0]));
    const fns = [F.nextStep, F.stage, F.severity, F.dueDate, F.findings] as ((id: unknown, inv: unknown) => void)[];
    const cells = ids.flatMap((id) => fns.map((fn) => formula<unknown>((inv) => fn(id, inv))));
    // The check of 2,000 rows runs in slices that give the event loop back by time, not by count
    // (src/workbook/slices.ts): under load it takes more than settle()'s ticks, so wait for it.
    await s.store.load();
    await settle();
    expect(s.store.reads).toBe(1);
    expect(cells.every((c) => c.results.length === 1)).toBe(true);
    const engine = engineFor();
    expect(engine.stats.subscriptions).toBe(10_000);
    const before = engine.stats.computed;

    // Row 10 is registered now (its status column gets a value it did not have).
    const status = s.store.portfolio!.headers.indexOf('注册状态');
    s.model.userEdit(s.model.sheet(ZH.portfolio)!, 11, status, '驳回');
    const update = await nextUpdate(s.store);
    expect(s.store.reads).toBe(2); // the edited row, re-read
    const rows = update.rows as number[];
    expect(rows).toContain(10);
    // Recomputed: the formulas of the rows whose result changed — not all 10,000.
    expect(engine.stats.computed - before).toBe(rows.length * fns.length);
    expect(engine.stats.computed - before).toBeLessThan(100);
    const changed = cells.filter((c) => c.results.length > 1);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThanOrEqual(rows.length * fns.length);
  });

  test('at midnight China time, when today moves, rows depending on today update; others stay silent', async () => {
    const model = exampleWorkbook();
    // No fixed check date: today is today in China.
    const settings = model.sheet(ZH.settings)!;
    for (const [r, line] of settings.cells) if (line.get(0)?.value === '检查日期') settings.ensure(r, 1).value = '';
    const s = setup(model);
    const eta = formula<number | string>((inv) => F.eta('G-001', inv));
    const released = formula<boolean>((inv) => F.live('P-025', inv));
    const stage = formula<string>((inv) => F.stage('P-025', inv));
    await settle();
    expect(s.store.portfolio!.settings.asOf).toBeNull();
    const first = eta.value as number;
    expect(typeof first).toBe('number');

    s.clock.now = NOW + 3 * 86_400_000; // Tuesday 2026-11-24, 10:00 in China (the 21st was a Saturday)
    s.store.newDay();
    expect(eta.results).toHaveLength(2);
    expect(eta.value as number).toBeGreaterThan(first);
    expect(released.results).toHaveLength(1);
    expect(stage.results).toHaveLength(1);
  });

  test('a cancelled formula hears nothing more', async () => {
    const s = setup();
    const next = formula<string>((inv) => F.nextStep('G-001', inv));
    await settle();
    const engine = engineFor();
    const subscribed = engine.stats.subscriptions;
    next.cancel();
    expect(engine.stats.subscriptions).toBe(subscribed - 1);
    editRow(s, 0, '注册状态', '已通过');
    await nextUpdate(s.store);
    expect(next.results).toEqual(['注册账号']);
  });
});

describe('one workbook read', () => {
  test('1,000 formulas entered at once, and 1,000 more later, cost one read', async () => {
    const s = setup();
    const early = Array.from({ length: 1_000 }, (_, i) => formula<string>((inv) => F.nextStep(`G-${String((i % 45) + 1).padStart(3, '0')}`, inv)));
    expect(early.every((c) => c.results.length === 0)).toBe(true); // waiting for the one read
    await settle();
    expect(s.store.reads).toBe(1);
    expect(early.every((c) => c.results.length === 1)).toBe(true);
    const late = Array.from({ length: 1_000 }, () => formula<string>((inv) => F.stage('G-005', inv)));
    // Answered from memory, synchronously.
    expect(late.every((c) => c.value === '资质审核、版本审核、小程序备案中')).toBe(true);
    await settle();
    expect(s.store.reads).toBe(1);
  });

  test('the functions share the pane’s store: a portfolio already loaded is not read again', async () => {
    const s = setup();
    await s.store.load();
    expect(s.store.reads).toBe(1);
    const cell = formula<string>((inv) => F.nextStep('G-005', inv));
    expect(cell.value).toBe('等待备案平台初审（预计 2026-11-24）');
    await settle();
    expect(s.store.reads).toBe(1);
  });

  test('the functions never write to the workbook', async () => {
    const s = setup();
    const sheet = s.model.sheet(ZH.portfolio)!;
    const snapshot = () => JSON.stringify(s.model.sheets.map((sh) => [sh.name, [...sh.cells].map(([r, line]) => [r, [...line]])]));
    const before = snapshot();
    rowFormulas('G-005');
    rowFormulas('G-001');
    formula<number>((inv) => F.workdayCn(serial(2026, 9, 30), 1, inv));
    await settle();
    editRow(s, 0, '注册状态', '已通过');
    await nextUpdate(s.store);
    sheet.cells.get(1)!.delete(14); // take back the test's own edit (the cell did not exist)
    expect(snapshot() === before).toBe(true);
    expect(s.model.tables.map((t) => t.name)).toEqual(['Portfolio', 'Settings', 'Holidays', 'Materials']);
  });
});

describe('errors', () => {
  test('an unknown key is #N/A “未找到项目 <id>”', async () => {
    setup();
    const cell = formula<string>((inv) => F.nextStep('X-404', inv));
    const number = formula<number>((inv) => F.expedite(404, inv));
    await settle();
    expect(excelError(cell.value)).toEqual({ code: '#N/A', message: '未找到项目 X-404' });
    expect(excelError(number.value)).toEqual({ code: '#N/A', message: '未找到项目 404' });
  });

  test('bad arguments are #VALUE! with a message', async () => {
    setup();
    const cases: [unknown, RegExp][] = [
      ['', /缺少项目编号/],
      ['   ', /缺少项目编号/],
      [null, /缺少项目编号/],
      [true, /文本或数字/],
      [Number.NaN, /文本或数字/],
      [[['G-001'], ['G-002']], /一个单元格/],
      [{ type: 'Entity' }, /文本或数字/],
    ];
    for (const [arg, message] of cases) {
      const cell = formula<string>((inv) => F.nextStep(arg as string, inv));
      const error = excelError(cell.value);
      expect(error.code).toBe('#VALUE!');
      expect(error.message).toMatch(message);
    }
    await settle();
  });

  test('no portfolio table: #N/A saying how to create one; the formulas recover when it is created', async () => {
    const model = new WorkbookModel();
    model.addSheet('Sheet1');
    const s = setup(model);
    const next = formula<string>((inv) => F.nextStep('G-001', inv));
    const workday = formula<number>((inv) => F.workdayCn(serial(2026, 9, 30), 1, inv));
    await settle();
    const error = excelError(next.value);
    expect(error.code).toBe('#N/A');
    expect(error.message).toMatch(/没有项目表/);
    expect(error.message).toMatch(/创建项目表/);
    // The helpers still answer, from the shipped calendar.
    expect(workday.value).toBe(serial(2026, 10, 8));

    // The pane creates the portfolio and checks it (reload): the formula answers.
    const source = exampleWorkbook();
    const table = source.table('Portfolio')!;
    const rows: (string | number | boolean | null)[][] = [];
    for (let r = 0; r <= table.height; r++) rows.push(Array.from({ length: table.width }, (_, c) => source.sheet(ZH.portfolio)!.value(r, c)));
    addTable(model, ZH.portfolio, 'Portfolio', rows);
    await s.store.reload();
    expect(next.value).toBe('注册账号');
    await settle();
    expect(s.store.watching).toBe(true);
  });

  test('a table without an ID column: #N/A naming the table', async () => {
    const model = new WorkbookModel();
    addTable(model, 'Sheet1', 'Portfolio', [['客户', '名称'], ['甲', '乙']]);
    setup(model);
    const cell = formula<string>((inv) => F.stage('G-001', inv));
    await settle();
    expect(excelError(cell.value)).toEqual({ code: '#N/A', message: expect.stringMatching(/Portfolio.*项目编号/) });
  });

  test('a failing workbook read: #N/A with the reason, and the next formula tries again', async () => {
    const model = exampleWorkbook();
    const real = fakeExcel(model);
    let fail = true;
    const excel: ExcelApi = { run: (batch) => (fail ? Promise.reject(new Error('Excel is busy')) : real.run(batch)), runIn: real.runIn };
    const s = setup(model, { excel });
    const first = formula<string>((inv) => F.nextStep('G-005', inv));
    await settle();
    expect(excelError(first.value)).toEqual({ code: '#N/A', message: '无法读取项目表：Excel is busy' });
    fail = false;
    const second = formula<string>((inv) => F.nextStep('G-005', inv));
    await settle();
    expect(second.value).toBe('等待备案平台初审（预计 2026-11-24）');
    expect(first.value).toBe('等待备案平台初审（预计 2026-11-24）'); // the reload's 'all' update reached it too
    expect(s.store.reads).toBe(1);
  });

  test('a read that fails for a passing reason is tried again by itself', async () => {
    const model = exampleWorkbook();
    const real = fakeExcel(model);
    let failures = 2;
    const excel: ExcelApi = { run: (batch) => (failures-- > 0 ? Promise.reject(new Error('Excel is busy')) : real.run(batch)), runIn: real.runIn };
    const s = setup(model, { excel });
    // Long enough that a loaded machine settles the first failure before the first retry.
    const engine = new FunctionsEngine(s.runtime, officeHost, { retryMs: 100 });
    try {
      const cell = fakeInvocation<string>();
      engine.row('nextStep', 'G-005', cell);
      await settle();
      expect(excelError(cell.value).message).toBe('无法读取项目表：Excel is busy');
      // 100 ms, then 200 ms later: the second retry reads.
      for (let i = 0; i < 300 && s.store.reads === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      await settle();
      expect(s.store.reads).toBe(1);
      expect(cell.value).toBe('等待备案平台初审（预计 2026-11-24）');
      expect(cell.results).toHaveLength(2); // the same error is not sent twice
    } finally {
      engine.dispose();
    }
  });

  test('a workbook without a portfolio is not polled', async () => {
    const model = new WorkbookModel();
    model.addSheet('Sheet1');
    const s = setup(model);
    const engine = new FunctionsEngine(s.runtime, officeHost, { retryMs: 1 });
    try {
      engine.row('stage', 'G-001', fakeInvocation<string>());
      await settle();
      const syncs = model.syncs.length;
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(model.syncs.length).toBe(syncs);
    } finally {
      engine.dispose();
    }
  });

  test('no unhandled exception reaches Excel, even without the CustomFunctions global or when setResult throws', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    const restore = (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
    delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
    try {
      const excel: ExcelApi = { run: () => Promise.reject(new TypeError('boom')), runIn: () => Promise.reject(new TypeError('boom')) };
      setup(exampleWorkbook(), { excel });
      const cell = formula<string>((inv) => F.nextStep('G-005', inv));
      const bad = formula<string>((inv) => F.nextStep('', inv));
      const throwing = { setResult: () => { throw new Error('Excel said no'); }, onCanceled: () => undefined };
      expect(() => F.nextStep('G-005', throwing as never)).not.toThrow();
      expect(() => F.workdayCn('no date', 1, throwing as never)).not.toThrow();
      await settle();
      // Without the global, errors are plain Errors named after Excel's error value.
      expect(cell.value).toBeInstanceOf(Error);
      expect((cell.value as Error).name).toBe('#N/A');
      expect((cell.value as Error).message).toBe('无法读取项目表：boom');
      expect((bad.value as Error).name).toBe('#VALUE!');
      expect(rejections).toEqual([]);
      expect(logged).toHaveBeenCalled(); // the refused results were logged, not thrown
    } finally {
      logged.mockRestore();
      process.off('unhandledRejection', onRejection);
      (globalThis as { CustomFunctions?: unknown }).CustomFunctions = restore;
    }
  });
});

describe('error messages: Excel shows them with #VALUE! and #N/A only', () => {
  // https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors: "The #VALUE! and
  // #N/A errors also support custom error messages"; CustomFunctions.ErrorCode: for #NUM! "A custom
  // error message can't be used".
  test('the fake follows the docs: a message given with #NUM! is dropped, and kept aside so a test can see it', () => {
    const value = new FakeCustomFunctionsError('#VALUE!', 'why');
    expect([value.code, value.message, value.droppedMessage]).toEqual(['#VALUE!', 'why', undefined]);
    const na = new FakeCustomFunctionsError('#N/A', 'not found');
    expect([na.code, na.message, na.droppedMessage]).toEqual(['#N/A', 'not found', undefined]);
    for (const code of ['#NUM!', '#DIV/0!', '#NULL!']) {
      const error = new FakeCustomFunctionsError(code, 'never shown');
      expect([error.code, error.message, error.droppedMessage]).toEqual([code, '', 'never shown']);
    }
    const bare = new FakeCustomFunctionsError('#NUM!');
    expect([bare.message, bare.droppedMessage]).toEqual(['', undefined]);
  });

  test('the host gives #VALUE! and #N/A their message, and #NUM! none, with the global or without it', () => {
    expect(excelError(officeHost.error('invalidValue', '开始日期不是日期'))).toEqual({ code: '#VALUE!', message: '开始日期不是日期' });
    expect(excelError(officeHost.error('notAvailable', '未找到项目 X'))).toEqual({ code: '#N/A', message: '未找到项目 X' });
    expect(excelError(officeHost.error('invalidNumber'))).toEqual({ code: '#NUM!', message: '' });
    // The types allow no message with #NUM!; one passed all the same never reaches Excel.
    const loose = officeHost.error as (kind: string, message?: string) => Error;
    expect(excelError(loose('invalidNumber', 'dropped'))).toEqual({ code: '#NUM!', message: '' });

    const restore = (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
    delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
    try {
      const plain = loose('invalidNumber', 'dropped');
      expect([plain.name, plain.message]).toEqual(['#NUM!', '']);
      const value = officeHost.error('invalidValue', 'why');
      expect([value.name, value.message]).toEqual(['#VALUE!', 'why']);
    } finally {
      (globalThis as { CustomFunctions?: unknown }).CustomFunctions = restore;
    }
  });

  test('every message the functions give travels with #VALUE! or #N/A', async () => {
    const model = new WorkbookModel();
    model.addSheet('Sheet1');
    setup(model);
    const cells = [
      formula<string>((inv) => F.nextStep('G-001', inv)), // no portfolio: #N/A
      formula<string>((inv) => F.nextStep('', inv)), // no key: #VALUE!
      formula<number>((inv) => F.workdayCn('明天', 1, inv)), // not a date: #VALUE!
      formula<number>((inv) => F.workdayCn(serial(2026, 1, 5), 1e12, inv)), // out of range: #NUM!
    ];
    await settle();
    const errors = cells.map((c) => excelError(c.value));
    expect(errors.map((e) => e.code)).toEqual(['#N/A', '#VALUE!', '#VALUE!', '#NUM!']);
    for (const e of errors) expect(e.message === '').toBe(e.code === '#NUM!');
  });
});

describe('calendar helpers: China working days, the workbook’s Holidays included', () => {
  test('WORKDAY.CN, NETWORKDAYS.CN, ISWORKDAY on the official calendar (National Day 2026)', async () => {
    setup();
    const workday = formula<number>((inv) => F.workdayCn(serial(2026, 9, 30), 1, inv));
    const back = formula<number>((inv) => F.workdayCn(serial(2026, 10, 8), -1, inv));
    const zero = formula<number>((inv) => F.workdayCn(serial(2026, 10, 1), 0, inv));
    const text = formula<number>((inv) => F.workdayCn('2026年9月30日', 1, inv));
    const days = formula<number>((inv) => F.networkDaysCn(serial(2026, 9, 28), serial(2026, 10, 11), inv));
    const backwards = formula<number>((inv) => F.networkDaysCn(serial(2026, 10, 11), serial(2026, 9, 28), inv));
    const makeUp = formula<boolean>((inv) => F.isWorkday(serial(2026, 10, 10), inv)); // Saturday, worked
    const holiday = formula<boolean>((inv) => F.isWorkday(serial(2026, 10, 1), inv));
    const monday = formula<boolean>((inv) => F.isWorkday('2026-11-23', inv));
    const withTime = formula<boolean>((inv) => F.isWorkday(serial(2026, 10, 1) + 0.75, inv));
    await settle();
    expect(workday.value).toBe(serial(2026, 10, 8)); // Oct 1–7 off
    expect(back.value).toBe(serial(2026, 9, 30));
    expect(zero.value).toBe(serial(2026, 10, 1)); // like WORKDAY: 0 days gives the start
    expect(text.value).toBe(serial(2026, 10, 8));
    expect(days.value).toBe(6); // Sep 28, 29, 30, Oct 8, 9, 10 (make-up Saturday)
    expect(backwards.value).toBe(-6);
    expect(makeUp.value).toBe(true);
    expect(holiday.value).toBe(false);
    expect(monday.value).toBe(true);
    expect(withTime.value).toBe(false);
  });

  test('the Holidays table counts, and an edit to it updates the helpers', async () => {
    const s = setup();
    // The example's Holidays table makes 2026-12-31 a day off; 2027 has no official data yet (weekends only).
    const workday = formula<number>((inv) => F.workdayCn(serial(2026, 12, 30), 1, inv));
    const other = formula<number>((inv) => F.workdayCn(serial(2026, 9, 30), 1, inv));
    await settle();
    expect(workday.value).toBe(serial(2027, 1, 1));
    s.model.userEdit(s.model.sheet(ZH.holidays)!, 1, 0, '2026-12-25');
    const update = await nextUpdate(s.store);
    expect(update.rows).toBe('all');
    expect(workday.results).toEqual([serial(2027, 1, 1), serial(2026, 12, 31)]);
    expect(other.results).toHaveLength(1); // unchanged: silent
    expect(s.store.reads).toBe(2);
  });

  test('bad arguments are #VALUE! with a message; results outside Excel’s dates a bare #NUM!, as WORKDAY gives', async () => {
    setup();
    const cases: [() => FakeInvocation<unknown>, string, RegExp][] = [
      [() => formula((inv) => F.workdayCn('明天', 1, inv as never)), '#VALUE!', /开始日期不是日期："明天"/],
      [() => formula((inv) => F.workdayCn(null as never, 1, inv as never)), '#VALUE!', /缺少开始日期/],
      [() => formula((inv) => F.workdayCn(serial(2026, 1, 5), 'x' as never, inv as never)), '#VALUE!', /天数不是数字/],
      [() => formula((inv) => F.workdayCn(serial(2026, 1, 5), null as never, inv as never)), '#VALUE!', /缺少天数/],
      [() => formula((inv) => F.workdayCn(-5, 1, inv as never)), '#VALUE!', /不是日期/],
      [() => formula((inv) => F.networkDaysCn(serial(2026, 1, 5), true as never, inv as never)), '#VALUE!', /结束日期不是日期/],
      [() => formula((inv) => F.isWorkday('13/45/2026', inv as never)), '#VALUE!', /日期不是日期/],
      // Excel shows no message with #NUM! (custom-functions-errors): none is given.
      [() => formula((inv) => F.workdayCn(serial(2026, 1, 5), 1e12, inv as never)), '#NUM!', /^$/],
      [() => formula((inv) => F.workdayCn(2_958_000, 1_000, inv as never)), '#NUM!', /^$/],
      [() => formula((inv) => F.workdayCn(serial(1900, 1, 2), -5, inv as never)), '#NUM!', /^$/],
    ];
    const cells = cases.map(([make]) => make());
    await settle();
    cases.forEach(([, code, message], i) => {
      const error = excelError(cells[i].value);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    });
  });
});

test('ADDINVERSION answers without Office', () => {
  expect(F.addinVersion()).toBe('dev');
});
