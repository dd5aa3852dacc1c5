/**
 * The shape of the task pane's texts. Each language is one file (zh-CN.ts, en.ts) holding every
 * string the pane shows; components take them from useStrings() and never hard-code text.
 * Texts with facts in them are functions, so word order can differ between languages.
 */
import type { DiagnosticName, DiagnosticState } from '../../excel/diagnostics';
import type { RowSeverity } from '../../rules/types';
import type { HistorySource, SinceKind } from '../../workbook/history';
import type { PaneErrorCode, Progress } from '../service';

export interface ErrorTexts {
  title: string;
  /** The facts come from PaneError.details, already checked to be strings. */
  body(facts: { looked: string[]; found: string[]; address: string | null; missing: string | null; message: string | null }): string;
}

export interface UiStrings {
  /** BCP 47 tag for <html lang>. */
  htmlLang: string;
  appTitle: string;
  appSubtitle: string;
  loading: string;

  /** The language toggle shows the language it switches to. */
  languageToggle: { text: string; ariaLabel: string };

  previewBanner: { title: string; body: string };

  actions: {
    groupLabel: string;
    createPortfolio: string;
    checkPortfolio: string;
    buildDashboard: string;
    keepUpToDate: string;
    keepUpToDateHint: string;
  };

  progress: { phase: Record<Progress['phase'], string>; label(phase: string, percent: number): string };

  summary: {
    title: string;
    checkedFor(today: string, at: string): string;
    total(n: number): string;
    overdue: string;
    dueWithin7: string;
  };

  severity: Record<RowSeverity, string>;

  /** 自上次检查 / Since last check: what changed, rendered from the items' codes. */
  since: {
    title: string;
    /** The previous check: when (China time) and by what. */
    previous(when: string, source: string): string;
    records(n: number): string;
    nothing: string;
    /** No history written: a sheet or table of the user's has the product's name. */
    blocked(what: 'sheet' | 'table', name: string): string;
    kinds: Record<SinceKind, string>;
    sources: Record<HistorySource, string>;
    /** An item with what it is about: "G-005 (Version review)". */
    item(id: string, detail: string): string;
    more(n: number): string;
    /** The accessible name of an item's button. */
    selectLabel(kind: string, item: string): string;
  };

  attention: {
    title: string;
    columns: { severity: string; id: string; client: string; nextStep: string; due: string };
    empty: string;
    noId: string;
    /** The list's heading when filters other than the owner show rows beyond the day's list. */
    filteredTitle: string;
    /** The list is empty because nothing matches the filters. */
    emptyFiltered: string;
    /**
     * What a screen reader says of a row: its severity, next step and due date (due: a date or null;
     * overdue or not), how many findings it has (Right arrow shows them, Left hides them when `open`)
     * and what Enter does.
     */
    rowLabel(id: string, severity: string, nextStep: string, due: string | null, overdue: boolean, findings: number, open: boolean): string;
    /** The day's list's groups: overdue, due today, this week, later (or no date). */
    groups: Record<'overdue' | 'today' | 'week' | 'later', string>;
    /** How many checked rows are not on the list (nothing to do now). */
    fine(count: number): string;
    /** The mouse's way to show a row's findings (`count` of them), and to hide them. */
    more(count: number): string;
    less: string;
  };

  outcome: {
    created(tables: string[]): string;
    completed(columns: string[], tables: string[]): string;
    unchanged: string;
    dashboardBuilt: string;
    title: string;
  };

  errors: Record<PaneErrorCode, ErrorTexts> & {
    createAction: string;
    retryAction: string;
  };

  problems: { title: string };

  /**
   * A user's own column headed like one of the product's (级别, 下一步 …), left as it was; the
   * product's column was added beside it. `written`: after a check wrote its results there;
   * `added`: after "Create portfolio" added it.
   */
  clashes: {
    title: string;
    written(userHeader: string, header: string): string;
    added(userHeader: string, header: string): string;
  };

  dismiss: string;
  /** Join a list of names for a sentence (、 in Chinese, ", " in English). */
  list(items: string[]): string;

  startupFailed: { title: string; body(message: string): string };
  /** Inside Office, start-up problems that are not preview mode's business (src/taskpane/host.ts). */
  startup: {
    /** Under the spinner when Office.onReady is slow. */
    stillWaiting: string;
    /** office.js did not load from Microsoft's CDN. */
    officeJsMissing: { title: string; body: string };
    /** Office says the host is not Excel. */
    notExcel: { title: string; body: string };
  };

  grid: {
    title: string;
    sheetsLabel: string;
    editHint: string;
    /** The header of the row-number column (the grid's corner). */
    rowNumbers: string;
    /** The grid's accessible name: the sheet and its size. */
    gridLabel(sheet: string, rows: number): string;
    emptySheet: string;
    cellLabel(address: string, value: string): string;
    editLabel(address: string): string;
  };

  /** The owner filter above the day's list. */
  filters: {
    owner: string;
    allOwners: string;
    /** Asked until the person has chosen (an owner, or all): the default view is their rows. */
    whoAmI: string;
    search: string;
    searchPlaceholder: string;
    /** The tiles' group: pressing a tile shows only its rows. */
    tilesLabel: string;
    clear: string;
    /** What the list shows, said beside the clear button: `parts` name each filter that is on. */
    active(parts: string[]): string;
    searchPart(text: string): string;
  };

  /** The calendar export (.ics) of the rows' due dates. */
  calendar: {
    label: string;
    all: string;
    mine(owner: string): string;
    saved(fileName: string, open: number, cancelled: number, withoutId: number): string;
    /** Where Excel cannot download (Mac, iPad): what to run instead (the command follows). */
    steps: string;
  };

  /** The Diagnostics run (src/excel/diagnostics.ts): what each check is, and the report around it. */
  diagnostics: {
    action: string;
    hint: string;
    title: string;
    running: string;
    /** Asking the person to type into a cell of the scratch sheet (the user-edit check). */
    prompt(sheet: string, address: string): string;
    states: Record<DiagnosticState, string>;
    names: Record<DiagnosticName, string>;
    summary(pass: number, fail: number, skip: number): string;
    copy: string;
    copied: string;
    copyFailed: string;
  };
}
