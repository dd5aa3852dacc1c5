/**
 * The cost of History, in its own process: `historyRun.js check N` — a check of N generated rows
 * after one where 1% of them changed (collect the states, compare, make the records, encode the
 * state sheet, write the state and History sheets' XML and deflate them as the copy does);
 * `historyRun.js year N` — a year of daily checks of N rows, 1% of them changing each day, and
 * the History table it leaves (after the compaction rule). JSON on stdout.
 */
import * as zlib from 'node:zlib';
import { addDays, dayFromYmd, excelSerialFromInstant, toIso } from '../rules/dates';
import { checkWorkbook } from '../workbook/check';
import {
  collectStates,
  CollectedStates,
  diffStates,
  encodeState,
  HISTORY_HEADERS,
  HISTORY_WIDTHS,
  historyRows,
  nextState,
  PortfolioState,
  recordsToDrop,
  RowState,
} from '../workbook/history';
import { generateSample } from '../workbook/sample';
import type { Cell } from '../workbook/values';
import { historySheetXml, stateSheetXml } from '../cli/xlsx/history';

const AS_OF = dayFromYmd(2026, 11, 21);
const NOW = Date.UTC(2026, 10, 21, 7, 30);
const DAY_MS = 86_400_000;
const STYLES = { header: 1, when: 2 };

/** The copy deflates parts at level 6 (src/cli/xlsx/zip.ts): the bytes a part adds to the file. */
const deflated = (xml: Buffer) => zlib.deflateRawSync(xml, { level: 6 }).length;

function realStates(rows: number): CollectedStates {
  const table = generateSample({ rows, seed: 42, asOf: AS_OF, dates: 'serial' });
  const out = checkWorkbook({ portfolio: table }, { today: AS_OF, language: 'zh-CN' });
  return collectStates(out.rows, out.results);
}

/** Day `day`'s edits: 1% of the rows move a step on — its status and date, the next step, the due date, the severity, a finding. */
function changeOnePercent(states: Map<string, RowState>, day: number): Map<string, RowState> {
  const out = new Map(states);
  const keys = [...states.keys()];
  const count = Math.max(1, Math.round(keys.length / 100));
  const iso = toIso(addDays(AS_OF, day));
  for (let i = 0; i < count; i++) {
    const key = keys[(day * 7919 + i * 104_729) % keys.length];
    const s = out.get(key)!;
    const approved = s.steps.version?.status === 'submitted';
    out.set(key, {
      ...s,
      steps: { ...s.steps, version: { status: approved ? 'approved' : 'submitted', date: iso } },
      nextStep: { code: approved ? 'icp.submit' : 'version.await', due: null, detail: null },
      due: approved ? null : toIso(addDays(AS_OF, day + 3)),
      severity: approved ? 'ok' : 'warning',
      findings: approved ? s.findings.filter((f) => f !== 'FLOW-SLA') : [...new Set([...s.findings, 'FLOW-SLA'])].sort(),
    });
  }
  return out;
}

function stateAt(rows: Map<string, RowState>, day: number): PortfolioState {
  return { version: 1, checkedAt: NOW + day * DAY_MS, today: toIso(addDays(AS_OF, day)), source: 'cli', rows };
}

function measureCheck(rows: number): object {
  const collected = realStates(rows);
  const before = nextState(null, collected, { checkedAt: NOW, today: AS_OF, source: 'cli' });
  const changed: CollectedStates = { ...collected, rows: changeOnePercent(collected.rows, 1) };
  const t0 = performance.now();
  const diff = diffStates(before, changed);
  const after = nextState(before, changed, { checkedAt: NOW + DAY_MS, today: addDays(AS_OF, 1), source: 'cli' });
  const records = historyRows(diff, before, after, { when: excelSerialFromInstant(NOW + DAY_MS), source: 'cli', language: 'zh-CN' });
  const t1 = performance.now();
  const stateXml = stateSheetXml(encodeState(after));
  const historyXml = historySheetXml(HISTORY_HEADERS['zh-CN'], records, STYLES, false, 'rId1', HISTORY_WIDTHS);
  const stateBytes = deflated(stateXml);
  const t2 = performance.now();
  return {
    rows,
    changedRows: diff.rows.length,
    records: records.length,
    diffMs: t1 - t0,
    writeMs: t2 - t1,
    stateXmlMB: stateXml.length / 1e6,
    stateBytes,
    addedBytes: deflated(historyXml) - deflated(historySheetXml(HISTORY_HEADERS['zh-CN'], [], STYLES, false, 'rId1', HISTORY_WIDTHS)),
  };
}

function measureYear(rows: number): object {
  let states = realStates(rows).rows;
  let previous = stateAt(states, 0);
  let table: Cell[][] = [];
  let dropped = 0;
  let perDay = 0;
  for (let day = 1; day <= 365; day++) {
    states = changeOnePercent(states, day);
    const next = stateAt(states, day);
    const diff = diffStates(previous, { rows: states, withoutId: 0, duplicates: new Set() });
    const when = excelSerialFromInstant(next.checkedAt);
    const added = historyRows(diff, previous, next, { when, source: 'cli', language: 'zh-CN' });
    perDay = added.length;
    const drop = recordsToDrop(table.map((r) => r[0] as number), when, added.length);
    dropped += drop;
    table = [...table.slice(drop), ...added];
    previous = next;
  }
  const t0 = performance.now();
  const xml = historySheetXml(HISTORY_HEADERS['zh-CN'], table, STYLES, false, 'rId1', HISTORY_WIDTHS);
  const bytes = deflated(xml);
  const writeMs = performance.now() - t0;
  return { rows, days: 365, recordsPerDay: perDay, records: table.length, dropped, xmlMB: xml.length / 1e6, bytes, writeMs };
}

const [mode, n] = process.argv.slice(2);
process.stdout.write(JSON.stringify({ ...(mode === 'year' ? measureYear(Number(n)) : measureCheck(Number(n))), maxRssMB: process.resourceUsage().maxRSS / 1024 }));
