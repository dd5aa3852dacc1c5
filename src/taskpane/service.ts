/**
 * What the task pane can ask of the workbook: the contract between the presentational
 * React components (src/taskpane/components) and the controller that talks to Excel
 * through the Office adapter (src/excel). The components receive a PaneService as a prop
 * and never call Office.js themselves (the Office-Addin-TaskPane-React pattern).
 *
 * One implementation drives real Excel; in a plain browser the same implementation runs on
 * an in-memory workbook holding the example portfolio (preview mode).
 */
import type { Day } from '../rules/dates';
import type { Language, RowSeverity, StageCode } from '../rules/types';
import type { AttentionItem } from '../workbook/summary';
import type { Problem } from '../workbook/tables';
import type { DiagnosticReport, DiagnosticResult } from '../excel/diagnostics';
import type { HistorySource, SinceKind } from '../workbook/history';
import type { WorkbookErrorCode } from '../excel/errors';

/** What the Diagnostics run tells the pane while it runs. */
export interface DiagnosticsListener {
  onResult(result: DiagnosticResult): void;
  /** The run asks the person to type into a cell of its scratch sheet (the user-edit check). */
  onAskForEdit(sheet: string, address: string): void;
}

/**
 * Problems the pane shows as a message bar, each with what the user can do about it: the
 * adapter's codes (src/excel/errors.ts), one message each (strings/*.ts `errors`).
 */
export type PaneErrorCode = WorkbookErrorCode;

export class PaneError extends Error {
  constructor(
    readonly code: PaneErrorCode,
    /** Facts for the message: e.g. { looked: ['项目编号', 'ID'], found: ['客户'] } or { address: 'Sheet1!BX2' }. */
    readonly details: Record<string, unknown> = {},
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'PaneError';
  }
}

export interface Progress {
  phase: 'read' | 'check' | 'write';
  /** 0 … 1 */
  fraction: number;
}

/** A row needing attention: the summary's item (row is the 0-based data row selectRow takes). */
export type AttentionRow = AttentionItem;

/**
 * A column of the user's whose header is one of the product's (级别, 下一步 …) but which the
 * workbook does not record as the product's: it was left exactly as it was, and the product's
 * column was added beside it under a distinct header.
 */
export interface ColumnClash {
  /** The user's column, e.g. 级别. */
  userHeader: string;
  /** The product's column added for it, e.g. 级别（Launch Tracker）. */
  header: string;
}

export interface CheckSummary {
  /** The day the check ran for (China time, or the Settings' asOf). */
  today: Day;
  total: number;
  bySeverity: Record<RowSeverity, number>;
  byStage: Record<StageCode, number>;
  overdue: number;
  /** Rows whose due date falls within the next 7 days (today included). */
  dueWithin7: number;
  /**
   * Every checked row in the day's order: overdue / today / this week / later, then most severe,
   * soonest due. The pane's default view is the day's list, the rows needing action (needsAction:
   * a critical, error or warning finding, or due within 7 days or overdue); filters show others.
   */
  rows: AttentionRow[];
  /** The portfolio's owners (负责人 / Owner values), sorted: what the owner filter offers. */
  owners: string[];
  /** Problems with Settings / Holidays / Materials (problemText renders them in the pane's language). */
  problems: Problem[];
  /** When the outputs were written (ms since epoch). */
  checkedAt: number;
  /** The user's columns this write left alone, adding the product's beside them (only the write that added them says so). */
  clashes?: ColumnClash[];
  /** Since the last check, when this check recorded history (absent when nothing was recorded). */
  since?: SinceView | null;
}

/**
 * One thing that changed since the last check, language-free (the pane renders it in its
 * language): `detail` is a step or topic code (approved, rejected), `from>to` severity codes, a
 * rule ID (findings), an ISO date (overdue: the due date; released: the release date) or null.
 */
export interface SinceEntry {
  kind: SinceKind;
  id: string;
  detail: string | null;
  /** The 0-based table row selectRow takes; null for a removed row. */
  row: number | null;
  /** The row's owner (负责人), for the owner filter. */
  owner: string | null;
}

/** What the check recorded in History, and what changed since the previous check. */
export interface SinceView {
  /** The previous check, or null for a first check (a baseline). */
  previous: { checkedAt: number; source: HistorySource } | null;
  /** Records appended to History. */
  records: number;
  /** Every item, in the order of SINCE_KINDS. */
  items: SinceEntry[];
  /** No history written: a sheet or table of the user's has the product's name. */
  blocked: { what: 'sheet' | 'table'; name: string } | null;
}

export interface CreateOutcome {
  /** True when a new Portfolio table was made; false when an existing one was completed. */
  created: boolean;
  /** Headers added to an existing table (never any data cleared). */
  addedColumns: string[];
  /** Side tables created: Settings, Holidays, Materials. */
  addedTables: string[];
  /** The user's columns left alone, the product's columns added beside them. */
  clashes?: ColumnClash[];
}

export interface PaneService {
  /** True in a plain browser: an in-memory workbook holding the example portfolio. */
  readonly preview: boolean;
  /** Preview mode only: the in-memory workbook, to show beside the pane. */
  readonly previewWorkbook?: PreviewWorkbook;
  /** Office's display language, mapped to the pane's languages (zh-CN unless English). */
  readonly officeLanguage: Language;
  /** Throws PaneError('host-too-old') with { missing: 'ExcelApi 1.x' } when Excel lacks what the pane needs. */
  checkRequirements(): void;

  createPortfolio(language: Language): Promise<CreateOutcome>;
  checkPortfolio(language: Language, onProgress?: (p: Progress) => void): Promise<CheckSummary>;
  /** Select the row in the sheet (and scroll to it). */
  selectRow(row: number): Promise<void>;
  /** (Re)build the Dashboard sheet from the last check (running one first if none ran). */
  buildDashboard(language: Language): Promise<void>;

  /** "Keep up to date": remembered in the workbook's settings. */
  keepUpToDate(): boolean;
  setKeepUpToDate(on: boolean, language: Language): Promise<void>;
  /** Called after an automatic re-check of edited rows, with the new summary. */
  onUpdate(listener: (summary: CheckSummary) => void): () => void;

  /** Test every Excel call the product makes, on a scratch sheet deleted afterwards. */
  runDiagnostics(listener: DiagnosticsListener): Promise<DiagnosticReport>;

  /**
   * Can the pane hand the person a file it made (a download)? Not in Excel on Mac and iPad, whose
   * WKWebView does not download from an add-in ("by design", OfficeDev/office-js#2700).
   */
  readonly canDownload: boolean;
  /**
   * The last check's open due dates and launch dates as an iCalendar file (the command line's
   * `launch-tracker calendar`), of one owner's rows or everyone's (null); events of this pane's
   * previous export for the same owner that are no longer due come out cancelled.
   */
  exportCalendar(language: Language, owner: string | null): Promise<CalendarFile>;
}

export interface CalendarFile {
  fileName: string;
  /** The .ics text (RFC 5545: CRLF line ends, folded lines). */
  text: string;
  /** Open events, and events cancelled since the previous export. */
  open: number;
  cancelled: number;
  /** Rows of the owner without an ID: no stable UID, so no events. */
  withoutId: number;
}

/**
 * Preview mode only: the in-memory workbook, shown beside the pane so that what the buttons
 * do (tables created, outputs written, the selected row, the Dashboard sheet) can be seen.
 */
export interface PreviewWorkbook {
  sheetNames(): string[];
  activeSheet(): string;
  activate(name: string): void;
  /**
   * The sheet's used range (rows and columns from A1) and its frozen rows. Cells are read one
   * at a time (cell()), so a grid of 100,000 rows reads only the cells it shows.
   */
  sheetSize(name: string): { rows: number; columns: number; frozenRows: number };
  /** One cell as displayed: its text (dates as yyyy-mm-dd) and fill (#RRGGBB or null). */
  cell(name: string, row: number, column: number): { text: string; fill: string | null };
  /** The selected cell range's rows (0-based worksheet rows) on the active sheet, or null. */
  selection(): { sheet: string; firstRow: number; lastRow: number } | null;
  /** Type into a cell (0-based worksheet row and column), as a user would: fires change events. */
  edit(sheet: string, row: number, column: number, text: string): void;
  /** Called after any change (writes, edits, selection, sheets). */
  subscribe(listener: () => void): () => void;
}
