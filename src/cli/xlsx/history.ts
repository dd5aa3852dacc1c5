/**
 * The history's two parts in an .xlsx package (the format is src/workbook/history.ts): reading
 * the state sheet and the History table of the input, and the XML of the parts the copy writes
 * for them — the state sheet (veryHidden), the History sheet and its table part.
 *
 * Both sheets are the product's, like the Summary sheet: rewritten whole at every check. The
 * History table keeps its id and name; its records are read from the input and written back
 * after the compaction, with the new ones at the bottom.
 */
import { HISTORY_TABLE, isHistoryHeader, PortfolioState, recordTime, RowState, STATE_MAGIC, STATE_SHEET, StateReader, stateReader, StateReadProblem } from '../../workbook/history';
import { Cell, cellText } from '../../workbook/values';
import { xmlAttr, xmlText } from '../../workbook/xmlText';
import { columnName, rangeRef, SheetInfo, TableInfo, WorkbookPackage } from './package';
import { DAYS_1900_TO_1904, readSheet } from './sheetRead';

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const HISTORY_WIDTH = 6;

export interface HistoryInput {
  /** The state sheet, when the input has ours. */
  stateSheet: SheetInfo | null;
  state: PortfolioState | null;
  /** Why a state sheet of ours could not be read (the check then records a baseline again). */
  stateProblem: StateReadProblem | null;
  /** The History table, when the input has ours. */
  table: TableInfo | null;
  /** Its data rows, the oldest first, six cells each. */
  records: Cell[][];
  /** Why history cannot be written: a sheet or table of the user's under the product's name. */
  blocked: string | null;
}

async function readCells(pkg: WorkbookPackage, sheet: SheetInfo, area: { top: number; bottom: number; left: number; right: number }): Promise<Cell[][]> {
  const read = await readSheet(await pkg.zip.stream(sheet.part!), { sharedStrings: pkg.sharedStrings, styles: pkg.styles, date1904: pkg.date1904, area });
  return [...read.rows.keys()].sort((a, b) => a - b).map((r) => read.rows.get(r)!);
}

type StateRead = { mine: false } | { mine: true; state: PortfolioState | null; problem: StateReadProblem | null };

/**
 * The state sheet, decoded row by row as the sheet streams by (100,000 rows are not kept as
 * cells first). Row 1 says whether it is ours and how to read the rest; row 2 names the columns.
 */
async function readState(pkg: WorkbookPackage, sheet: SheetInfo, current: ReadonlyMap<string, RowState> | undefined): Promise<StateRead> {
  let reader: StateReader | { problem: StateReadProblem } | null = null;
  let mine = false;
  await readSheet(await pkg.zip.stream(sheet.part!), {
    sharedStrings: pkg.sharedStrings,
    styles: pkg.styles,
    date1904: pkg.date1904,
    // Version 1 rows were eight cells wide.
    area: { top: 1, bottom: Infinity, left: 1, right: 8 },
    onRow: (row, values) => {
      if (row === 1) {
        mine = cellText(values[0]) === STATE_MAGIC;
        reader = stateReader(values, current);
      } else if (row >= 3 && reader !== null && 'add' in reader) reader.add(values);
    },
  });
  const found = reader as StateReader | { problem: StateReadProblem } | null;
  if (!mine || found === null) return { mine: false };
  return 'problem' in found ? { mine: true, state: null, problem: found.problem } : { mine: true, state: found.state(), problem: null };
}

/**
 * `portfolio` is the portfolio's sheet: a table named History there is the user's. `current`,
 * the states this check collected: rows of the state sheet that did not change are not decoded.
 */
export async function readHistoryInput(pkg: WorkbookPackage, portfolio: SheetInfo, current?: ReadonlyMap<string, RowState>): Promise<HistoryInput> {
  const input: HistoryInput = { stateSheet: null, state: null, stateProblem: null, table: null, records: [], blocked: null };
  const stateSheet = pkg.sheets.find((s) => s.name.toLowerCase() === STATE_SHEET.toLowerCase());
  if (stateSheet) {
    if (!stateSheet.isWorksheet || stateSheet === portfolio) return { ...input, blocked: `a sheet named "${STATE_SHEET}" that is not a worksheet` };
    const read = await readState(pkg, stateSheet, current);
    if (!read.mine) return { ...input, blocked: `a sheet of yours named "${STATE_SHEET}"` };
    input.stateSheet = stateSheet;
    input.state = read.state;
    input.stateProblem = read.problem;
  }
  const table = pkg.tables.find((t) => t.name.toLowerCase() === HISTORY_TABLE.toLowerCase());
  if (table) {
    if (table.sheet === portfolio || table.headerRowCount !== 1 || !isHistoryHeader(table.columns)) return { ...input, blocked: `a table of yours named "${table.name}" (sheet "${table.sheet.name}")` };
    input.table = table;
    const rows = await readCells(pkg, table.sheet, { top: table.top + 1, bottom: table.bottom - table.totalsRowCount, left: table.left, right: table.left + HISTORY_WIDTH - 1 });
    input.records = rows.filter((r) => r.some((c) => cellText(c) !== null));
  }
  return input;
}

function textCell(ref: string, text: string, style = 0): string {
  const s = style > 0 ? ` s="${style}"` : '';
  const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
}

/** A sheet the product writes whole (state, History, Summary): the XML before its rows and after them. */
export function worksheetShell(widths: readonly number[], tablePart?: string): { head: string; foot: string } {
  const cols = widths.map((w, j) => `<col min="${j + 1}" max="${j + 1}" width="${w}" customWidth="1"/>`).join('');
  const tableParts = tablePart ? `<tableParts count="1"><tablePart r:id="${xmlAttr(tablePart)}"/></tableParts>` : '';
  return {
    head:
      `${DECLARATION}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`,
    foot: `</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${tableParts}</worksheet>`,
  };
}

/**
 * Text gathered into pieces of about this many characters before it is encoded and handed on:
 * under V8's large-object size, so a piece's string dies young instead of waiting in the old
 * generation for a full collection.
 */
const PIECE = 1 << 15;

/**
 * The state sheet, streamed as it is made from the state's rows: every cell an inline string
 * (no shared-string table to grow, no value Excel could reinterpret).
 */
export function stateSheetPieces(rows: Iterable<readonly string[]>): Generator<Buffer> {
  const { head, foot } = worksheetShell([14, 120]);
  return xmlPieces(head, stateRows(rows), foot);
}

function* stateRows(rows: Iterable<readonly string[]>): Generator<string> {
  let r = 0;
  for (const cells of rows) {
    r++;
    let row = '';
    for (let j = 0; j < cells.length; j++) if (cells[j] !== '') row += textCell(`${columnName(j + 1)}${r}`, cells[j]);
    if (row !== '') yield `<row r="${r}">${row}</row>`;
  }
}

/** `head`, the texts and `foot` joined and encoded in pieces of about PIECE characters (never one large string). */
export function* xmlPieces(head: string, texts: Iterable<string>, foot: string): Generator<Buffer> {
  let xml = head;
  for (const t of texts) {
    xml += t;
    if (xml.length >= PIECE) {
      yield Buffer.from(xml, 'utf8');
      xml = '';
    }
  }
  yield Buffer.from(xml + foot, 'utf8');
}

/** The state sheet's whole XML (the benchmark measures it). */
export function stateSheetXml(rows: Iterable<readonly string[]>): Buffer {
  return Buffer.concat([...stateSheetPieces(rows)]);
}

export interface HistorySheetStyles {
  header: number;
  when: number;
}

/** The History sheet: the header row and one row per record from A1, the table over it. */
export function historySheetXml(headers: readonly string[], records: readonly (readonly Cell[])[], styles: HistorySheetStyles, date1904: boolean, tableRelId: string, widths: readonly number[]): Buffer {
  const chunks: string[] = [`<row r="1">${headers.map((h, j) => textCell(`${columnName(j + 1)}1`, h, styles.header)).join('')}</row>`];
  records.forEach((cells, i) => {
    const r = i + 2;
    let xml = '';
    for (let j = 0; j < HISTORY_WIDTH; j++) {
      const v = cells[j];
      const ref = `${columnName(j + 1)}${r}`;
      if (j === 0) {
        const serial = recordTime(v);
        if (serial !== null) xml += `<c r="${ref}" s="${styles.when}"><v>${date1904 ? serial - DAYS_1900_TO_1904 : serial}</v></c>`;
        continue;
      }
      const text = cellText(v ?? null);
      if (text !== null) xml += textCell(ref, text);
    }
    chunks.push(`<row r="${r}">${xml}</row>`);
  });
  const { head, foot } = worksheetShell(widths, tableRelId);
  return Buffer.from(head + chunks.join('') + foot, 'utf8');
}

/** The History table part (ECMA-376 Part 1 §18.5.1.2): header row 1, at least one data row. */
export function historyTableXml(id: number, headers: readonly string[], recordCount: number): Buffer {
  const ref = rangeRef({ top: 1, left: 1, bottom: 1 + Math.max(1, recordCount), right: HISTORY_WIDTH });
  const columns = headers.map((h, i) => `<tableColumn id="${i + 1}" name="${xmlAttr(h)}"/>`).join('');
  return Buffer.from(
    `${DECLARATION}<table xmlns="${NS_MAIN}" id="${id}" name="${HISTORY_TABLE}" displayName="${HISTORY_TABLE}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
      `<autoFilter ref="${ref}"/><tableColumns count="${headers.length}">${columns}</tableColumns>` +
      '<tableStyleInfo name="TableStyleLight9" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>',
    'utf8',
  );
}
