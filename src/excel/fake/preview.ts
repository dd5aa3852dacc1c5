/**
 * Preview mode's view of the in-memory workbook (PreviewWorkbook in src/taskpane/service.ts):
 * sheets as displayed text — dates formatted, conditional fills applied — the selection, and
 * typing into cells, which fires the same table events Excel would.
 */
import { dayFromExcelSerial, toIso } from '../../rules/dates';
import type { PreviewWorkbook } from '../../taskpane/service';
import { CellData, SheetModel, WorkbookModel } from './model';

function display(cell: CellData | undefined): string {
  if (!cell || cell.value === '') return '';
  const { value, numberFormat } = cell;
  if (typeof value === 'number' && numberFormat && /y/.test(numberFormat)) {
    const day = dayFromExcelSerial(value);
    if (day === null) return String(value);
    if (!/h/.test(numberFormat)) return toIso(day);
    const minutes = Math.round((value - Math.floor(value)) * 24 * 60);
    return `${toIso(day)} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/** The fill a cell shows: its own, or the first matching "contains text" conditional format. */
function fillOf(sheet: SheetModel, row: number, col: number, cell: CellData | undefined): string | null {
  if (cell?.fill) return cell.fill;
  const text = cell ? String(cell.value) : '';
  if (text === '') return null;
  for (const cf of sheet.conditionalFormats) {
    const inside = row >= cf.rect.top && row < cf.rect.top + cf.rect.rows && col >= cf.rect.left && col < cf.rect.left + cf.rect.cols;
    if (inside && cf.type === 'ContainsText' && cf.text && text.includes(cf.text)) return cf.fill ?? null;
  }
  return null;
}

export class PreviewView implements PreviewWorkbook {
  constructor(private readonly model: WorkbookModel) {
    model.onView(() => this.extents.clear());
  }

  sheetNames(): string[] {
    // Excel shows no tab for a hidden sheet (the state sheet is very hidden).
    return this.model.sheets.filter((s) => s.visibility === 'Visible').map((s) => s.name);
  }

  activeSheet(): string {
    return this.model.activeSheet?.name ?? this.model.sheets[0]?.name ?? '';
  }

  activate(name: string): void {
    const sheet = this.model.sheet(name);
    if (!sheet || sheet === this.model.activeSheet) return;
    this.model.activeSheet = sheet;
    this.model.selection = null;
    this.model.notifyView();
  }

  sheetSize(name: string): { rows: number; columns: number; frozenRows: number } {
    const sheet = this.model.sheet(name);
    const extent = sheet ? this.extent(sheet) : null;
    if (!sheet || !extent) return { rows: 0, columns: 0, frozenRows: 0 };
    return { rows: extent.rows, columns: extent.cols, frozenRows: Math.min(sheet.frozen.rows, extent.rows) };
  }

  cell(name: string, row: number, column: number): { text: string; fill: string | null } {
    const sheet = this.model.sheet(name);
    const cell = sheet?.cell(row, column);
    return { text: display(cell), fill: sheet ? fillOf(sheet, row, column, cell) : null };
  }

  /**
   * The used extent walks every cell (5 million at 100,000 rows): computed once per change of
   * the workbook, not at each render. Every change the grid shows comes with notifyView.
   */
  private readonly extents = new Map<SheetModel, { rows: number; cols: number } | null>();

  private extent(sheet: SheetModel): { rows: number; cols: number } | null {
    if (!this.extents.has(sheet)) this.extents.set(sheet, sheet.usedExtent());
    return this.extents.get(sheet) ?? null;
  }

  selection(): { sheet: string; firstRow: number; lastRow: number } | null {
    const sel = this.model.selection;
    if (!sel) return null;
    return { sheet: sel.sheet.name, firstRow: sel.rect.top, lastRow: sel.rect.top + sel.rect.rows - 1 };
  }

  edit(sheetName: string, row: number, column: number, text: string): void {
    const sheet = this.model.sheet(sheetName);
    if (sheet) this.model.userEdit(sheet, row, column, text);
  }

  subscribe(listener: () => void): () => void {
    return this.model.onView(listener);
  }
}
