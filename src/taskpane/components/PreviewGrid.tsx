/**
 * Preview mode only (loaded lazily, never in Excel): the in-memory example workbook beside the pane,
 * so what the buttons do can be seen — tables created, outputs written, the selected row, the
 * Dashboard sheet. Cells can be edited (double-click, Enter, F2 or typing) through
 * PreviewWorkbook.edit, which fires change events as Excel would, to demonstrate "keep up to date".
 *
 * Any row of the sheet can be shown: rows and columns are virtualized (@tanstack/react-virtual),
 * only those in view are in the document, so ?rows=100000 scrolls as the example does. The column
 * letters and the sheet's frozen rows (the portfolio's header) stay at the top, the row numbers at
 * the left, as in Excel. Selecting a row from the pane scrolls the grid to it.
 *
 * Keyboard: one cell is in the tab order at a time (roving tabindex); arrow keys move it. The
 * grid is an ARIA grid with aria-rowcount/aria-rowindex, so a screen reader knows where a row
 * stands in the whole sheet, not only among the rows rendered.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range, type VirtualItem } from '@tanstack/react-virtual';
import { Caption1, Subtitle2, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { PreviewWorkbook } from '../service';
import { useStrings } from '../strings';
import type { UiStrings } from '../strings/types';
import { cellAddress, columnLetter } from './format';
import { ROW_HEIGHT, columnWidth, rowHeaderWidth, rowInView, sampleRowCount, withPinned } from './previewWindow';
import { SheetTabs } from './SheetTabs';
import { isDarkColour } from './theme';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0 },
  scroller: {
    overflow: 'auto',
    height: '75vh',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  // Rows and cells are placed by the virtualizer (absolute positions), not by table layout: the
  // explicit roles keep the grid's semantics, which display: block would otherwise take away.
  table: {
    display: 'block',
    position: 'relative',
    fontSize: tokens.fontSizeBase200,
    lineHeight: `${ROW_HEIGHT - 1}px`,
  },
  head: { display: 'block', position: 'sticky', top: 0, zIndex: 2, backgroundColor: tokens.colorNeutralBackground1 },
  body: { display: 'block', position: 'relative' },
  row: { display: 'block', position: 'relative', height: `${ROW_HEIGHT}px` },
  bodyRow: { position: 'absolute', top: 0, left: 0 },
  header: {
    display: 'block',
    boxSizing: 'border-box',
    height: `${ROW_HEIGHT}px`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightRegular,
    padding: `0 ${tokens.spacingHorizontalS}`,
    whiteSpace: 'nowrap',
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  columnHeader: { position: 'absolute', top: 0, textAlign: 'center', overflow: 'hidden' },
  // The row numbers stay at the left (sticky) above the cells, which scroll under them.
  rowHeader: { position: 'sticky', left: 0, zIndex: 1, textAlign: 'end', borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}` },
  corner: { zIndex: 3 },
  selectedRowHeader: { backgroundColor: tokens.colorBrandBackground2, color: tokens.colorBrandForeground2 },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  },
  cell: {
    position: 'absolute',
    top: 0,
    boxSizing: 'border-box',
    height: `${ROW_HEIGHT}px`,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ':focus': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})` },
  },
  // Fills stay visible under the selection: it is drawn as a brand-coloured band, not a background.
  // (A token is a var(): negating one takes calc(-1 * …); "-var(…)" is invalid CSS and draws nothing.)
  selectedCell: {
    boxShadow: `inset 0 ${tokens.strokeWidthThick} 0 ${tokens.colorBrandStroke1}, inset 0 calc(-1 * ${tokens.strokeWidthThick}) 0 ${tokens.colorBrandStroke1}`,
  },
  input: {
    width: '100%',
    boxSizing: 'border-box',
    font: 'inherit',
    border: 'none',
    padding: 0,
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
});

type Styles = ReturnType<typeof useStyles>;

/** Re-render whenever the workbook changes (writes, edits, selection, sheets); the number of changes so far. */
function useWorkbookChanges(workbook: PreviewWorkbook): number {
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => workbook.subscribe(bump), [workbook]);
  return version;
}

interface Cursor {
  row: number;
  column: number;
}

interface Editing extends Cursor {
  text: string;
}

/** The editor's handlers, stable across renders so that rows stay memoized while it is open. */
interface EditorActions {
  change(text: string): void;
  keyDown(event: KeyboardEvent<HTMLInputElement>): void;
  blur(): void;
}

/** Column widths estimated from the text of the sheet's first rows (previewWindow.ts). */
function useColumnWidths(workbook: PreviewWorkbook, sheet: string, rows: number, columns: number, version: number): number[] {
  return useMemo(() => {
    const sample = sampleRowCount(rows, columns);
    return Array.from({ length: columns }, (_, c) => columnWidth(Array.from({ length: sample }, (_, r) => workbook.cell(sheet, r, c).text)));
  }, [workbook, sheet, rows, columns, version]); // eslint-disable-line react-hooks/exhaustive-deps
}

interface RowProps {
  workbook: PreviewWorkbook;
  sheet: string;
  row: number;
  /** Where the row is drawn inside its row group, in pixels; null for a frozen row (in the header). */
  top: number | null;
  width: number;
  headerWidth: number;
  columns: VirtualItem[];
  selected: boolean;
  /** The cursor's column when the cursor is in this row. */
  cursorColumn: number | null;
  /** The open editor when it is in this row. */
  editing: Editing | null;
  editor: EditorActions;
  styles: Styles;
  strings: UiStrings;
  /** Changes with the workbook: a memoized row re-renders when its cells may have changed. */
  version: number;
}

/** One worksheet row: its number, then the cells of the columns in view. Only re-rendered when its props change. */
const GridRow = memo(function GridRow(props: RowProps) {
  const { workbook, sheet, row, top, width, headerWidth, columns, selected, cursorColumn, editing, editor, styles, strings } = props;
  const position: CSSProperties = top === null ? { width } : { width, transform: `translateY(${top}px)` };
  return (
    <tr role="row" aria-rowindex={row + 2} aria-selected={selected} className={mergeClasses(styles.row, top !== null && styles.bodyRow)} style={position} data-row={row} data-selected={selected || undefined}>
      <th role="rowheader" className={mergeClasses(styles.header, styles.rowHeader, selected && styles.selectedRowHeader)} style={{ width: headerWidth }}>
        {row + 1}
      </th>
      {columns.map(({ index: column, start, size }) => {
        const place: CSSProperties = { left: start, width: size };
        const address = cellAddress(row, column);
        if (editing && editing.column === column) {
          return (
            <td key={column} role="gridcell" aria-colindex={column + 2} className={styles.cell} style={place} data-testid={`preview-cell-${row}-${column}`}>
              <input
                className={styles.input}
                autoFocus
                aria-label={strings.grid.editLabel(address)}
                value={editing.text}
                onChange={(event) => editor.change(event.target.value)}
                onKeyDown={editor.keyDown}
                onBlur={editor.blur}
                data-testid="preview-cell-editor"
              />
            </td>
          );
        }
        const { text, fill } = workbook.cell(sheet, row, column);
        // Excel fills are light or dark colours of their own: text must contrast with the fill, not the theme.
        const colours: CSSProperties = fill ? { backgroundColor: fill, color: isDarkColour(fill) ? '#ffffff' : '#242424' } : {};
        return (
          <td
            key={column}
            role="gridcell"
            aria-colindex={column + 2}
            className={mergeClasses(styles.cell, selected && styles.selectedCell)}
            style={{ ...place, ...colours }}
            tabIndex={cursorColumn === column ? 0 : -1}
            title={text || undefined}
            aria-label={strings.grid.cellLabel(address, text)}
            data-cell={`${row}-${column}`}
            data-testid={`preview-cell-${row}-${column}`}
          >
            {text}
          </td>
        );
      })}
    </tr>
  );
});

/** The cell a grid event happened in (its data-cell), or null outside the cells (headers, the editor). */
function eventCell(target: EventTarget): Cursor | null {
  const cell = (target as HTMLElement).closest?.<HTMLElement>('[data-cell]');
  if (!cell?.dataset.cell) return null;
  const [row, column] = cell.dataset.cell.split('-').map(Number);
  return { row, column };
}

const ARROWS: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

function PreviewGrid({ workbook }: { workbook: PreviewWorkbook }) {
  const version = useWorkbookChanges(workbook);
  const styles = useStyles();
  const s = useStrings();
  const [cursor, setCursor] = useState<Cursor>({ row: 0, column: 0 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  // Focus follows the cursor only after the user moved it inside the grid, never on a data change.
  const focusCursor = useRef(false);

  const sheetNames = workbook.sheetNames();
  const active = workbook.activeSheet();
  const size = workbook.sheetSize(active);
  const frozen = size.frozenRows;
  const selection = workbook.selection();
  const selected = selection && selection.sheet === active ? selection : null;
  const isSelected = (row: number) => selected !== null && row >= selected.firstRow && row <= selected.lastRow;

  const widths = useColumnWidths(workbook, active, size.rows, size.columns, version);
  const headerWidth = rowHeaderWidth(size.rows);
  /** The column letters and the frozen rows, sticky at the top. */
  const headHeight = ROW_HEIGHT * (1 + frozen);

  // Rows below the frozen ones scroll (index i is worksheet row frozen + i); the cursor's and the editor's stay rendered.
  const editingRow = editing?.row ?? null;
  const rowRange = useCallback(
    (range: Range) => withPinned(defaultRangeExtractor(range), [cursor.row - frozen, editingRow === null ? null : editingRow - frozen], range.count),
    [cursor.row, editingRow, frozen],
  );
  const rowVirtualizer = useVirtualizer({
    count: Math.max(0, size.rows - frozen),
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
    rangeExtractor: rowRange,
    // Before the scroller is measured (and in server rendering): about a screen of rows.
    initialRect: { width: 960, height: 640 },
    // The virtualizer's synchronous flush runs inside React's commit and React reports it as an error.
    useFlushSync: false,
  });
  const columnRange = useCallback(
    (range: Range) => withPinned(defaultRangeExtractor(range), [cursor.column, editing?.column ?? null], range.count),
    [cursor.column, editing?.column],
  );
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: size.columns,
    getScrollElement: () => scrollerRef.current,
    estimateSize: (c) => widths[c] ?? widths[0],
    overscan: 2,
    scrollMargin: headerWidth,
    scrollPaddingStart: headerWidth,
    rangeExtractor: columnRange,
    initialRect: { width: 960, height: 640 },
    useFlushSync: false,
  });
  // The estimates are read once per count; new texts (a check writing its columns) change the widths.
  useLayoutEffect(() => columnVirtualizer.measure(), [widths, columnVirtualizer]);
  // Item starts count from the scroller's edge (scrollMargin: the row numbers, the headers); totals from the list's.
  const columns = columnVirtualizer.getVirtualItems();
  const totalWidth = headerWidth + columnVirtualizer.getTotalSize();
  const bodyHeight = rowVirtualizer.getTotalSize();

  /** Brings a cell into view below the sticky headers (a frozen row is always in view). */
  const reveal = (row: number, column: number) => {
    if (row >= frozen) rowVirtualizer.scrollToIndex(row - frozen, { align: 'auto' });
    columnVirtualizer.scrollToIndex(column, { align: 'auto' });
  };

  useEffect(() => {
    if (!focusCursor.current) return;
    focusCursor.current = false;
    scrollerRef.current?.querySelector<HTMLElement>(`[data-cell="${cursor.row}-${cursor.column}"]`)?.focus({ preventScroll: true });
  }, [cursor, editing]);

  // Another sheet opens at A1, as a sheet does in Excel the first time it is shown (not where the last one was scrolled).
  useEffect(() => {
    scrollerRef.current?.scrollTo?.({ top: 0, left: 0 });
    setCursor({ row: 0, column: 0 });
  }, [active]);

  // Show the selected rows (selectRow in the pane) as Excel would scroll to them: centred when out
  // of view, where they are when already shown. The cursor goes there too, so Tab into the grid lands on it.
  useEffect(() => {
    if (!selected) return;
    const scroller = scrollerRef.current;
    const index = selected.firstRow - frozen;
    if (scroller && index >= 0 && !rowInView(index, scroller.scrollTop, scroller.clientHeight, headHeight)) {
      rowVirtualizer.scrollToIndex(index, { align: 'center' });
    }
    setCursor((now) => ({ row: selected.firstRow, column: now.column }));
  }, [active, selected?.firstRow]); // eslint-disable-line react-hooks/exhaustive-deps

  const moveTo = (row: number, column: number) => {
    if (row < 0 || row >= size.rows || column < 0 || column >= size.columns) return;
    focusCursor.current = true;
    reveal(row, column);
    setCursor({ row, column });
  };

  // The editor's latest text, and whether it is still open: Enter and Escape close it before its blur fires.
  const editingRef = useRef<Editing | null>(null);
  const updateEditing = (next: Editing | null) => {
    editingRef.current = next;
    setEditing(next);
  };

  const startEditing = (row: number, column: number, text: string) => {
    setCursor({ row, column });
    updateEditing({ row, column, text });
  };

  /** Writes the edit; with a row step (Enter) the cursor moves down and keeps focus, on blur it stays put. */
  const commit = (rowStep: number | null) => {
    const next = editingRef.current;
    if (!next) return;
    updateEditing(null);
    const old = workbook.cell(active, next.row, next.column).text;
    if (next.text !== old) workbook.edit(active, next.row, next.column, next.text);
    if (rowStep !== null) moveTo(Math.min(size.rows - 1, next.row + rowStep), next.column);
  };

  const cancel = () => {
    focusCursor.current = true;
    updateEditing(null);
  };

  const editorKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit(1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    }
  };
  const latest = useRef({ editorKeyDown, commit, updateEditing });
  latest.current = { editorKeyDown, commit, updateEditing };
  const editor = useMemo<EditorActions>(
    () => ({
      change: (text) => editingRef.current && latest.current.updateEditing({ ...editingRef.current, text }),
      keyDown: (event) => latest.current.editorKeyDown(event),
      blur: () => latest.current.commit(null),
    }),
    [],
  );

  // Cell events are handled once for the grid (delegated), so the rows are plain and memoized.
  const onClick = (event: MouseEvent) => {
    const at = eventCell(event.target);
    if (at) setCursor(at);
  };
  const onDoubleClick = (event: MouseEvent) => {
    const at = eventCell(event.target);
    if (at) startEditing(at.row, at.column, workbook.cell(active, at.row, at.column).text);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const at = eventCell(event.target);
    if (!at) return;
    const { row, column } = at;
    const value = workbook.cell(active, row, column).text;
    if (ARROWS[event.key]) {
      event.preventDefault();
      moveTo(row + ARROWS[event.key][0], column + ARROWS[event.key][1]);
    } else if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      startEditing(row, column, value);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      if (value !== '') workbook.edit(active, row, column, '');
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault(); // typing replaces the cell, as in Excel
      startEditing(row, column, event.key);
    }
  };

  const rowProps = (row: number, top: number | null): RowProps => ({
    workbook,
    sheet: active,
    row,
    top,
    width: totalWidth,
    headerWidth,
    columns,
    selected: isSelected(row),
    cursorColumn: cursor.row === row ? cursor.column : null,
    editing: editing && editing.row === row ? editing : null,
    editor,
    styles,
    strings: s,
    version,
  });

  return (
    <section className={styles.box} aria-label={s.grid.title} data-testid="preview-grid">
      <Subtitle2 as="h2" className={styles.heading}>
        {s.grid.title}
      </Subtitle2>
      <SheetTabs
        sheets={sheetNames}
        active={active}
        label={s.grid.sheetsLabel}
        onSelect={(name) => {
          updateEditing(null);
          setCursor({ row: 0, column: 0 });
          workbook.activate(name);
        }}
      />
      <Caption1>{s.grid.editHint}</Caption1>
      {size.rows === 0 ? (
        <Caption1>{s.grid.emptySheet}</Caption1>
      ) : (
        <div className={styles.scroller} ref={scrollerRef} data-testid="preview-scroller">
          <table
            role="grid"
            aria-label={s.grid.gridLabel(active, size.rows)}
            aria-rowcount={size.rows + 1}
            aria-colcount={size.columns + 1}
            className={styles.table}
            style={{ width: totalWidth, height: headHeight + bodyHeight }}
            data-sheet={active}
            data-rows={size.rows}
            onClick={onClick}
            onDoubleClick={onDoubleClick}
            onKeyDown={onKeyDown}
          >
            <thead role="rowgroup" className={styles.head} style={{ width: totalWidth, height: headHeight }}>
              <tr role="row" aria-rowindex={1} className={styles.row} style={{ width: totalWidth }}>
                <th role="columnheader" className={mergeClasses(styles.header, styles.rowHeader, styles.corner)} style={{ width: headerWidth }}>
                  <span className={styles.visuallyHidden}>{s.grid.rowNumbers}</span>
                </th>
                {columns.map(({ index, start, size: width }) => (
                  <th key={index} role="columnheader" aria-colindex={index + 2} className={mergeClasses(styles.header, styles.columnHeader)} style={{ left: start, width }}>
                    {columnLetter(index)}
                  </th>
                ))}
              </tr>
              {Array.from({ length: frozen }, (_, row) => (
                <GridRow key={row} {...rowProps(row, null)} />
              ))}
            </thead>
            <tbody role="rowgroup" className={styles.body} style={{ width: totalWidth, height: bodyHeight }}>
              {rowVirtualizer.getVirtualItems().map((item) => (
                <GridRow key={frozen + item.index} {...rowProps(frozen + item.index, item.start - headHeight)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

// The pane re-renders at every progress step of a check; the grid has nothing new to show then.
export default memo(PreviewGrid);
