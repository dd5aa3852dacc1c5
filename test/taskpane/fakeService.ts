/** A PaneService on fixed data for the pane's tests: records calls, answers what it is told. */
import { dayFromYmd } from '../../src/rules/dates';
import { actionText, findingText } from '../../src/rules/i18n';
import { SEVERITY_RANK, type Action, type Finding, type Language, type RowSeverity } from '../../src/rules/types';
import type { AttentionItem } from '../../src/workbook/summary';
import type { CheckSummary, CreateOutcome, DiagnosticsListener, PaneService, PreviewWorkbook, Progress } from '../../src/taskpane/service';
import { DIAGNOSTICS, type DiagnosticReport } from '../../src/excel/diagnostics';

export const TODAY = dayFromYmd(2026, 11, 21);

type ItemFacts = Omit<AttentionItem, 'nextStep' | 'findings' | 'severity'> & {
  nextStep: Omit<Action, 'text'>;
  findings: Omit<Finding, 'text'>[];
};

/** A row as the check gives it: texts rendered (in Chinese) from real codes and arguments, the severity from its findings. */
export function attentionItem(facts: ItemFacts): AttentionItem {
  const nextStep = { ...facts.nextStep, text: '' } as Action;
  nextStep.text = actionText(nextStep, 'zh-CN');
  const findings = facts.findings.map((f) => ({ ...f, text: findingText({ ...f, text: '' }, 'zh-CN') }));
  const severity = findings.reduce<RowSeverity>((worst, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst] ? f.severity : worst), 'ok');
  return { ...facts, nextStep, findings, severity };
}

export function summary(overrides: Partial<CheckSummary> = {}): CheckSummary {
  return {
    today: TODAY,
    total: 48,
    bySeverity: { critical: 3, error: 5, warning: 7, info: 11, ok: 22 },
    byStage: { planned: 1, registration: 2, setup: 3, review: 4, filing: 5, ready: 6, released: 27 },
    overdue: 4,
    dueWithin7: 9,
    rows: [
      attentionItem({
        row: 4, id: 'G-005', client: '星河互娱', name: '星河消消乐', owner: '张敏', due: dayFromYmd(2026, 11, 20), dueFor: 'icp',
        nextStep: { code: 'icp.verify_sms', due: dayFromYmd(2026, 11, 20) },
        findings: [{ rule: 'ICP-SMS-PENDING', severity: 'critical', step: 'icp', args: { sms: dayFromYmd(2026, 11, 19), due: dayFromYmd(2026, 11, 20), missed: true, step: 'icp' } }],
      }),
      attentionItem({
        row: 11, id: 'G-012', client: '青柠科技', name: '青柠跑酷', owner: null, due: dayFromYmd(2026, 11, 24), dueFor: 'version',
        nextStep: { code: 'version.resubmit', due: dayFromYmd(2026, 11, 24) },
        findings: [
          { rule: 'FLOW-REJECTED', severity: 'error', step: 'version', args: { rejected: dayFromYmd(2026, 11, 17), step: 'version' } },
          { rule: 'VERIFY-SLA', severity: 'warning', step: 'verify', args: { since: dayFromYmd(2026, 11, 10), due: dayFromYmd(2026, 11, 17), late: 4, step: 'verify' } },
        ],
      }),
      attentionItem({
        row: 0, id: null, client: null, name: null, owner: null, due: null, dueFor: null,
        nextStep: { code: 'none' },
        findings: [{ rule: 'DATA-ID-MISSING', severity: 'warning', step: 'row', args: { step: 'row' } }],
      }),
      attentionItem({ row: 30, id: 'G-031', client: '远山文化', name: '远山小镇物语', owner: '李雷', due: null, dueFor: null, nextStep: { code: 'release.publish' }, findings: [] }),
    ],
    owners: ['张敏', '李雷'],
    problems: [],
    checkedAt: Date.UTC(2026, 10, 21, 2, 30),
    ...overrides,
  };
}

export interface FakeCalls {
  create: Language[];
  check: Language[];
  select: number[];
  dashboard: Language[];
  keep: [boolean, Language][];
  calendar: [Language, string | null][];
}

export interface FakeOptions {
  preview?: boolean;
  previewWorkbook?: PreviewWorkbook;
  officeLanguage?: Language;
  requirements?: () => void;
  check?: (language: Language, onProgress?: (p: Progress) => void) => Promise<CheckSummary>;
  create?: () => Promise<CreateOutcome>;
  dashboard?: () => Promise<void>;
  setKeep?: (on: boolean) => Promise<void>;
  keep?: boolean;
  /** False: the host cannot download (Excel on Mac). */
  canDownload?: boolean;
  /** The Diagnostics run: by default every check passes at once. */
  diagnostics?: (listener: DiagnosticsListener) => Promise<DiagnosticReport>;
}

export function fakeService(options: FakeOptions = {}): PaneService & { calls: FakeCalls; update(s: CheckSummary): void } {
  const calls: FakeCalls = { create: [], check: [], select: [], dashboard: [], keep: [], calendar: [] };
  const listeners = new Set<(s: CheckSummary) => void>();
  let keep = options.keep ?? false;
  return {
    calls,
    preview: options.preview ?? false,
    previewWorkbook: options.previewWorkbook,
    officeLanguage: options.officeLanguage ?? 'zh-CN',
    checkRequirements: options.requirements ?? (() => {}),
    async createPortfolio(language) {
      calls.create.push(language);
      return options.create ? options.create() : { created: true, addedColumns: [], addedTables: ['Settings', 'Holidays', 'Materials'] };
    },
    async checkPortfolio(language, onProgress) {
      calls.check.push(language);
      return options.check ? options.check(language, onProgress) : summary();
    },
    async selectRow(row) {
      calls.select.push(row);
    },
    async buildDashboard(language) {
      calls.dashboard.push(language);
      if (options.dashboard) await options.dashboard();
    },
    keepUpToDate: () => keep,
    async setKeepUpToDate(on, language) {
      calls.keep.push([on, language]);
      if (options.setKeep) await options.setKeep(on);
      keep = on;
    },
    onUpdate(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    update(s) {
      for (const l of listeners) l(s);
    },
    canDownload: options.canDownload ?? true,
    async exportCalendar(language, owner) {
      calls.calendar.push([language, owner]);
      const text = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Launch Tracker//test//EN\r\nEND:VCALENDAR\r\n';
      return { fileName: `launch-tracker${owner ? `-${owner}` : ''}-2026-11-21.ics`, text, open: 3, cancelled: 1, withoutId: 1 };
    },
    async runDiagnostics(listener) {
      if (options.diagnostics) return options.diagnostics(listener);
      const results = DIAGNOSTICS.map((name) => ({ name, state: 'pass' as const, reason: 'ok', ms: 1 }));
      results.forEach((r) => listener.onResult(r));
      return { startedAt: Date.UTC(2026, 10, 21, 2, 0), host: 'Fake', results };
    },
  };
}

/** A small in-memory PreviewWorkbook: a Portfolio sheet with a header, two rows, a fill and a selection. */
export function fakeWorkbook(rowCount = 3): PreviewWorkbook & { edits: [string, number, number, string][]; changed(): void } {
  const listeners = new Set<() => void>();
  const edits: [string, number, number, string][] = [];
  let active = 'Portfolio';
  const rows = [['项目编号', '客户', '下一步'], ...Array.from({ length: rowCount - 1 }, (_, i) => [`G-00${i + 1}`, `客户${i + 1}`, '提交审核'])];
  const fills = rows.map((_, r) => (r === 1 ? ['#F4B6B6', null, '#203040'] : [null, null, null]));
  const settings = { rows: [['设置', '值']], fills: [[null, null]] };
  const sheets = (name: string) => (name === 'Portfolio' ? { rows, fills } : settings);
  return {
    edits,
    sheetNames: () => ['Portfolio', 'Settings'],
    activeSheet: () => active,
    activate(name) {
      active = name;
      for (const l of listeners) l();
    },
    sheetSize: (name) => {
      const sheet = sheets(name);
      return { rows: sheet.rows.length, columns: sheet.rows[0]?.length ?? 0, frozenRows: 1 };
    },
    cell: (name, row, column) => {
      const sheet = sheets(name);
      return { text: sheet.rows[row]?.[column] ?? '', fill: sheet.fills[row]?.[column] ?? null };
    },
    selection: () => ({ sheet: 'Portfolio', firstRow: 2, lastRow: 2 }),
    edit(sheet, row, column, text) {
      edits.push([sheet, row, column, text]);
      rows[row][column] = text;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    changed() {
      for (const l of listeners) l();
    },
  };
}
