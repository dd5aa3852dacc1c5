/**
 * Diagnostics: a self-test of every Excel call the product depends on, against the live host,
 * for the first person who runs the add-in in real Excel (no Excel runs where it is built; the
 * fake in src/excel/fake is written from Microsoft's documentation, and this is how the
 * documentation gets checked). docs/verify-in-excel.md says what each failing check means.
 *
 * Everything happens on a scratch sheet the run adds and deletes, with tables of its own names;
 * the one document setting it writes is removed again. The user's sheets, tables, ownership
 * record and settings are never touched, and the scratch sheet is deleted even when a check
 * fails midway (the last check, `cleanup`, proves it is gone).
 */
import { DATE_FORMAT } from '../workbook/template';
import { queueTableRead, tableReadOf } from './read';
import { ExcelApi, MAX_PAYLOAD_BYTES, officeErrorCode } from './run';
import { DocumentSettings, REQUIRED_EXCEL_API } from './workbook';

export const DIAGNOSTICS = [
  'requirements',
  'scratch-sheet',
  'read-tables',
  'add-columns',
  'write-values',
  'conditional-format',
  'data-validation',
  'freeze-panes',
  'history-calls',
  'event-own-write',
  'event-user-edit',
  'settings',
  'request-limit',
  'custom-functions',
  'cleanup',
] as const;

export type DiagnosticName = (typeof DIAGNOSTICS)[number];
export type DiagnosticState = 'pass' | 'fail' | 'skip';

export interface DiagnosticResult {
  name: DiagnosticName;
  state: DiagnosticState;
  /** A short technical reason (English: the report goes back to the developers). */
  reason: string;
  ms: number;
}

export interface DiagnosticReport {
  /** When the run started (ms since epoch). */
  startedAt: number;
  host: string;
  results: DiagnosticResult[];
}

export interface DiagnosticsHost {
  excel: ExcelApi;
  settings: DocumentSettings;
  isSetSupported(name: string, version: string): boolean;
  /** Office.context.platform, as text ('OfficeOnline', 'PC', 'Mac' …; 'Preview' in preview mode). */
  platform: string;
  /** The add-in's version, which =LAUNCH.ADDINVERSION() must answer. */
  version: string;
  /**
   * Ask the person to type something into a cell of the scratch sheet (the pane shows the
   * request; preview mode types it itself). Absent: the user-edit check is skipped.
   */
  askForEdit?(sheet: string, address: string): void;
  /** How long to wait for that edit (ms). */
  userEditMs?: number;
  /** Each check's result as it is known. */
  onResult?(result: DiagnosticResult): void;
  now?(): number;
}

class Skip extends Error {}
class Fail extends Error {}

const fail = (reason: string): never => {
  throw new Fail(reason);
};

/** Events arrive after the request that caused them: wait at most this long for one. */
const EVENT_MS = 5_000;
/** A streaming custom function answers after Excel calculates it: poll its cell this long. */
const FUNCTION_MS = 15_000;

const SETTING = 'launchTracker.diagnostics';

export async function runDiagnostics(host: DiagnosticsHost): Promise<DiagnosticReport> {
  const now = host.now ?? Date.now;
  const token = Math.floor(now() % 1e9).toString(36).toUpperCase();
  const sheetName = `LT-diagnostics-${token}`;
  const tableName = (role: string) => `LTDiag${token}_${role}`;
  const report: DiagnosticReport = { startedAt: now(), host: host.platform, results: [] };
  let sheetMade = false;

  const check = async (name: DiagnosticName, body: () => Promise<string>): Promise<void> => {
    const start = now();
    let result: DiagnosticResult;
    try {
      result = { name, state: 'pass', reason: await body(), ms: 0 };
    } catch (e) {
      const state: DiagnosticState = e instanceof Skip ? 'skip' : 'fail';
      const reason = e instanceof Skip || e instanceof Fail ? e.message : describe(e);
      result = { name, state, reason, ms: 0 };
    }
    result.ms = Math.round(now() - start);
    report.results.push(result);
    host.onResult?.(result);
  };
  const needSheet = () => {
    if (!sheetMade) throw new Skip('no scratch sheet');
  };
  const run = host.excel.run;

  await check('requirements', async () => {
    if (!host.isSetSupported('ExcelApi', REQUIRED_EXCEL_API)) fail(`ExcelApi ${REQUIRED_EXCEL_API} is not supported`);
    const extra = ['1.9', '1.14'].map((v) => `${v}: ${host.isSetSupported('ExcelApi', v) ? 'yes' : 'no'}`);
    return `ExcelApi ${REQUIRED_EXCEL_API} supported (${extra.join(', ')}; SharedRuntime 1.1: ${host.isSetSupported('SharedRuntime', '1.1') ? 'yes' : 'no'})`;
  });

  try {
    await check('scratch-sheet', async () => {
      await run(async (ctx) => {
        ctx.workbook.worksheets.add(sheetName);
        await ctx.sync();
      });
      sheetMade = true;
      return `added ${sheetName}`;
    });

    await check('read-tables', async () => {
      needSheet();
      const roles = ['Portfolio', 'Settings', 'Holidays', 'Materials'];
      await run(async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItem(sheetName);
        // One above the other: columns added to the first move only its own rows' cells.
        roles.forEach((role, k) => {
          sheet.getRangeByIndexes(k * 5, 0, 3, 2).values = [
            ['项目编号', '客户'],
            [`${role}-1`, '甲'],
            [`${role}-2`, '乙'],
          ];
          sheet.tables.add(sheet.getRangeByIndexes(k * 5, 0, 3, 2), true).name = tableName(role);
        });
        await ctx.sync();
      });
      return run(async (ctx) => {
        const pending = roles.map((role) => queueTableRead(ctx, tableName(role), true));
        await ctx.sync();
        const reads = pending.map((p) => tableReadOf(p, p.body.values));
        reads.forEach((read, k) => {
          const role = roles[k];
          if (read.headers.join() !== '项目编号,客户') fail(`${read.name}: headers ${JSON.stringify(read.headers)}`);
          if (read.rows.length !== 2 || read.rows[1][0] !== `${role}-2`) fail(`${read.name}: rows ${JSON.stringify(read.rows)}`);
          if (read.headerRow !== k * 5 || read.firstColumn !== 0 || read.sheetName !== sheetName) fail(`${read.name}: at row ${read.headerRow}, column ${read.firstColumn} of ${read.sheetName}`);
          if (!read.id) fail(`${read.name}: no id`);
        });
        return 'four tables read in one request: headers, values, positions and ids as written';
      });
    });

    const portfolio = tableName('Portfolio');
    await check('add-columns', async () => {
      needSheet();
      return run(async (ctx) => {
        const table = ctx.workbook.tables.getItem(portfolio);
        table.columns.add(undefined, undefined, '级别');
        table.columns.add(undefined, undefined, '最近截止');
        const header = table.getHeaderRowRange().load('values');
        await ctx.sync();
        const headers = header.values[0];
        if (headers.join() !== '项目编号,客户,级别,最近截止') fail(`headers after adding: ${JSON.stringify(headers)}`);
        return 'two columns added at the right of a table, with their headers';
      });
    });

    await check('write-values', async () => {
      needSheet();
      return run(async (ctx) => {
        const body = ctx.workbook.tables.getItem(portfolio).getDataBodyRange();
        const texts = body.getColumn(2);
        const dates = body.getColumn(3);
        texts.numberFormat = [['@'], ['@']];
        dates.numberFormat = [[DATE_FORMAT], [DATE_FORMAT]];
        texts.values = [['严重'], ['=1+1']];
        dates.values = [[46350], ['']];
        texts.load(['values', 'numberFormat']);
        dates.load(['values', 'numberFormat']);
        await ctx.sync();
        if (texts.values[0][0] !== '严重') fail(`text read back as ${JSON.stringify(texts.values[0][0])}`);
        if (texts.values[1][0] !== '=1+1') fail(`"=1+1" in a text-formatted cell read back as ${JSON.stringify(texts.values[1][0])} (it became a formula)`);
        if (dates.values[0][0] !== 46350) fail(`date serial read back as ${JSON.stringify(dates.values[0][0])}`);
        if (dates.values[1][0] !== '') fail(`"" did not clear the cell: ${JSON.stringify(dates.values[1][0])}`);
        if (texts.numberFormat[0][0] !== '@' || dates.numberFormat[0][0] !== DATE_FORMAT) fail(`number formats read back as ${texts.numberFormat[0][0]} / ${dates.numberFormat[0][0]}`);
        return 'text, a text starting with =, a date serial under a date format and a clear, read back as written';
      });
    });

    await check('conditional-format', async () => {
      needSheet();
      return run(async (ctx) => {
        const column = ctx.workbook.tables.getItem(portfolio).getDataBodyRange().getColumn(2);
        const cf = column.conditionalFormats.add('ContainsText' as Excel.ConditionalFormatType);
        cf.textComparison.format.fill.color = '#FDE7E9';
        cf.textComparison.rule = { operator: 'Contains' as Excel.ConditionalTextOperator, text: '严重' };
        const count = column.conditionalFormats.getCount();
        await ctx.sync();
        if (count.value < 1) fail(`${count.value} conditional formats after adding one`);
        return 'a "contains text" format with a fill added and counted';
      });
    });

    await check('data-validation', async () => {
      needSheet();
      return run(async (ctx) => {
        const column = ctx.workbook.tables.getItem(portfolio).getDataBodyRange().getColumn(1);
        column.dataValidation.rule = { list: { inCellDropDown: true, source: '甲,乙,丙' } };
        const validation = column.dataValidation.load('rule');
        await ctx.sync();
        const source = validation.rule.list?.source;
        if (source !== '甲,乙,丙') fail(`list read back as ${JSON.stringify(source)}`);
        return 'a drop-down list set and read back';
      });
    });

    await check('freeze-panes', async () => {
      needSheet();
      return run(async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItem(sheetName);
        sheet.freezePanes.freezeRows(1);
        const frozen = sheet.freezePanes.getLocationOrNullObject().load('address');
        await ctx.sync();
        if (frozen.isNullObject) fail('no frozen pane after freezeRows(1)');
        return `header row frozen (${frozen.address})`;
      });
    });

    await check('history-calls', async () => {
      needSheet();
      return historyCalls(run, sheetName, tableName('History'));
    });

    await check('event-own-write', async () => {
      needSheet();
      const event = await listenOnce(host.excel, portfolio, async () => {
        await run(async (ctx) => {
          ctx.workbook.tables.getItem(portfolio).getDataBodyRange().getCell(0, 1).values = [['丁']];
          await ctx.sync();
        });
      }, EVENT_MS);
      if (!event) fail(`no table change event within ${EVENT_MS / 1000} s of the add-in's own write`);
      const keys = Object.keys(event!).filter((k) => !k.startsWith('_') && typeof (event as unknown as Record<string, unknown>)[k] !== 'function');
      const trigger = 'triggerSource' in event! ? ` (it has triggerSource: ${(event as { triggerSource?: unknown }).triggerSource})` : '';
      return `TableChanged at ${event!.address}, ${event!.changeType}; details: ${detailsOf(event!)}; fields: ${keys.join(', ')}${trigger}`;
    });

    await check('event-user-edit', async () => {
      needSheet();
      if (!host.askForEdit) throw new Skip('no one to ask for an edit');
      const wait = host.userEditMs ?? 60_000;
      const event = await listenOnce(host.excel, portfolio, async () => host.askForEdit!(sheetName, 'B3'), wait);
      if (!event) throw new Skip(`no edit within ${Math.round(wait / 1000)} s`);
      return `TableChanged at ${event.address}, ${event.changeType}, source ${event.source}; details: ${detailsOf(event)}`;
    });

    await check('settings', async () => {
      const value = `check-${token}`;
      host.settings.set(SETTING, value);
      await host.settings.save();
      await host.settings.reload();
      const back = host.settings.get(SETTING);
      host.settings.remove(SETTING);
      await host.settings.save();
      if (back !== value) fail(`saved ${value}, read back ${JSON.stringify(back)} after refreshAsync`);
      return 'a setting saved, reloaded, removed';
    });

    await check('request-limit', async () => {
      needSheet();
      // The largest request the product makes (MAX_PAYLOAD_BYTES of values) must go through.
      const rows = 2_000;
      const cell = 'x'.repeat(Math.floor(MAX_PAYLOAD_BYTES / rows / 2) - 8);
      const block = (n: number) => Array.from({ length: n }, () => [cell, cell]);
      await run(async (ctx) => {
        ctx.workbook.worksheets.getItem(sheetName).getRangeByIndexes(10, 20, rows, 2).values = block(rows);
        await ctx.sync();
      });
      if (host.platform !== 'OfficeOnline') return `${(MAX_PAYLOAD_BYTES / 1048576).toFixed(0)} MB request accepted (the 5 MB limit is Excel on the web's)`;
      // Excel on the web: one over 5 MB is refused, with the code the product splits on.
      const code = await run(async (ctx) => {
        ctx.workbook.worksheets.getItem(sheetName).getRangeByIndexes(10, 20, Math.ceil(rows * 1.5), 2).values = block(Math.ceil(rows * 1.5));
        await ctx.sync();
        return 'accepted';
      }).catch((e: unknown) => officeErrorCode(e) || describe(e));
      if (code !== 'RequestPayloadSizeLimitExceeded') fail(`a 6 MB request gave ${code}, not RequestPayloadSizeLimitExceeded`);
      return '4 MB request accepted; 6 MB refused with RequestPayloadSizeLimitExceeded';
    });

    await check('custom-functions', async () => {
      needSheet();
      const version = await formulaValue(host, sheetName, '=LAUNCH.ADDINVERSION()', FUNCTION_MS);
      if (version !== host.version) fail(`=LAUNCH.ADDINVERSION() shows ${JSON.stringify(version)}, not ${host.version}`);
      const holiday = await formulaValue(host, sheetName, '=LAUNCH.ISWORKDAY("2026-10-01")', FUNCTION_MS);
      if (holiday !== false) fail(`=LAUNCH.ISWORKDAY("2026-10-01") shows ${JSON.stringify(holiday)}, not FALSE (National Day)`);
      return `=LAUNCH.ADDINVERSION() answered ${version}; =LAUNCH.ISWORKDAY("2026-10-01") answered FALSE`;
    });
  } finally {
    await check('cleanup', async () => {
      if (host.settings.get(SETTING) !== undefined && host.settings.get(SETTING) !== null) {
        host.settings.remove(SETTING);
        await host.settings.save();
      }
      if (!sheetMade) return 'nothing to remove';
      return run(async (ctx) => {
        ctx.workbook.worksheets.getItem(sheetName).delete();
        await ctx.sync();
        const gone = ctx.workbook.worksheets.getItemOrNullObject(sheetName);
        await ctx.sync();
        if (!gone.isNullObject) fail(`${sheetName} is still there`);
        return `${sheetName} and its tables deleted; the diagnostics setting removed`;
      });
    });
  }
  return report;
}

/** The first change event of a table after `act` (null when none comes within `ms`); the handler is removed after. */
async function listenOnce(excel: ExcelApi, tableName: string, act: () => Promise<void>, ms: number): Promise<Excel.TableChangedEventArgs | null> {
  let seen: (args: Excel.TableChangedEventArgs) => void = () => undefined;
  const arrived = new Promise<Excel.TableChangedEventArgs>((resolve) => (seen = resolve));
  const handle = await excel.run(async (ctx) => {
    const table = ctx.workbook.tables.getItem(tableName).load('id');
    await ctx.sync();
    const id = table.id;
    const result = ctx.workbook.tables.onChanged.add(async (args: Excel.TableChangedEventArgs) => {
      if (args.tableId === id) seen(args);
    });
    await ctx.sync();
    return result;
  });
  try {
    await act();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
    const event = await Promise.race([arrived, timeout]);
    clearTimeout(timer);
    return event;
  } finally {
    await excel.runIn(handle.context, async (ctx) => {
      handle.remove();
      await ctx.sync();
    });
  }
}

function detailsOf(event: Excel.TableChangedEventArgs): string {
  try {
    const d = event.details;
    return d ? `${JSON.stringify(d.valueBefore)} → ${JSON.stringify(d.valueAfter)}` : 'none';
  } catch {
    return 'none';
  }
}

/** Write a formula into the scratch sheet and wait for its value (a custom function answers asynchronously). */
async function formulaValue(host: DiagnosticsHost, sheetName: string, formula: string, ms: number): Promise<unknown> {
  const now = host.now ?? Date.now;
  const start = now();
  await host.excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(sheetName).getRange('A20').formulas = [[formula]];
    await ctx.sync();
  });
  for (;;) {
    const value = await host.excel.run(async (ctx) => {
      const cell = ctx.workbook.worksheets.getItem(sheetName).getRange('A20').load('values');
      await ctx.sync();
      return cell.values[0][0];
    });
    const busy = value === '#BUSY!' || value === '#GETTING_DATA';
    if (!busy || now() - start > ms) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

function describe(e: unknown): string {
  const code = officeErrorCode(e);
  const message = e instanceof Error ? e.message : String(e);
  return code ? `${code}: ${message}` : message;
}

/** The report as plain text, for the Copy button (and for pasting into an issue). */
export function reportText(report: DiagnosticReport, version: string): string {
  const lines = [`Launch Tracker ${version} diagnostics — ${new Date(report.startedAt).toISOString()} — host ${report.host}`];
  for (const r of report.results) lines.push(`${r.state.toUpperCase().padEnd(4)} ${r.name} (${r.ms} ms): ${r.reason}`);
  const counts = (['pass', 'fail', 'skip'] as const).map((s) => `${report.results.filter((r) => r.state === s).length} ${s}`);
  lines.push(counts.join(', '));
  return lines.join('\n');
}

/**
 * The calls History makes (src/excel/history.ts): a table's oldest body row deleted (Range.delete
 * up), rows added at its end (rows.add with null), the last rows formatted as text and then
 * given a date-like text (which must stay text); and a very hidden sheet, its visibility read
 * back, its used range a null object while it is blank. The very hidden sheet is made visible
 * again and deleted in the same check.
 */
async function historyCalls(run: ExcelApi['run'], sheetName: string, table: string): Promise<string> {
  await run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.getItem(sheetName);
    const range = sheet.getRangeByIndexes(25, 0, 3, 2);
    range.values = [['时间', '项目编号'], ['old-1', 'A'], ['old-2', 'B']];
    sheet.tables.add(range, true).name = table;
    await ctx.sync();
  });
  await run(async (ctx) => {
    const t = ctx.workbook.tables.getItem(table);
    t.getDataBodyRange().getRow(0).delete('Up' as Excel.DeleteShiftDirection);
    t.rows.add(null as unknown as number, [['', ''], ['', '']]);
    const added = t.getDataBodyRange().getLastRow().getOffsetRange(-1, 0).getResizedRange(1, 0);
    added.numberFormat = '@' as unknown as string[][];
    added.values = [['2026-11-24', 'G-005'], ['001', 'G-006']];
    const body = t.getDataBodyRange().load(['values', 'numberFormat']);
    await ctx.sync();
    const want = [['old-2', 'B'], ['2026-11-24', 'G-005'], ['001', 'G-006']];
    if (JSON.stringify(body.values) !== JSON.stringify(want)) fail(`body after delete and add: ${JSON.stringify(body.values)}`);
    if (body.numberFormat[1][0] !== '@') fail(`added rows' format: ${JSON.stringify(body.numberFormat)}`);
  });
  const hidden = `${sheetName}-h`.slice(0, 31);
  return run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.add(hidden);
    sheet.visibility = 'VeryHidden' as Excel.SheetVisibility;
    sheet.load('visibility');
    const used = sheet.getUsedRangeOrNullObject(true);
    const probe = ctx.workbook.worksheets.getItemOrNullObject(hidden).load('name');
    await ctx.sync();
    const visibility = sheet.visibility;
    const blank = used.isNullObject;
    const found = !probe.isNullObject;
    sheet.visibility = 'Visible' as Excel.SheetVisibility;
    sheet.delete();
    await ctx.sync();
    if (visibility !== 'VeryHidden') fail(`visibility read back as ${visibility}`);
    if (!blank) fail('the used range of a blank sheet is not a null object');
    if (!found) fail('getItemOrNullObject did not find the very hidden sheet');
    return 'oldest row deleted, rows added at the end as text ("2026-11-24", "001" kept), a very hidden sheet made, found and deleted';
  });
}
