/**
 * Preview mode only (loaded lazily, never in Excel): the in-memory example workbook beside the pane,
 * so what the buttons do can be seen — tables created, outputs written, the selected row, the
 * Dashboard sheet. Cells can be edited (double-click, Enter, F2 or typing) through
 * PreviewWorkbook.edit, which fires change events as Excel would, to demonstrate "keep up to date".
 *
 * Keyboard: one cell is in the tab order at a time (roving tabindex); arrow keys move it.
 */
import { memo, useEffect, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import { Caption1, Subtitle2, Tab, TabList, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { PreviewWorkbook } from '../service';
import { useStrings } from '../strings';
import { cellAddress, columnLetter } from './format';
import { MAX_PREVIEW_COLUMNS, previewRows } from './previewWindow';
import { isDarkColour } from './theme';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0 },
  scroller: {
    overflow: 'auto',
    maxHeight: '75vh',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  table: {
    borderCollapse: 'separate',
    borderSpacing: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  corner: { position: 'sticky', top: 0, left: 0, zIndex: 3, backgroundColor: tokens.colorNeutralBackground3 },
  columnHeader: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightRegular,
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  rowHeader: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightRegular,
    textAlign: 'end',
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  selectedRowHeader: { backgroundColor: tokens.colorBrandBackground2, color: tokens.colorBrandForeground2 },
  cell: {
    maxWidth: '16em',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    padding: `0 ${tokens.spacingHorizontalXS}`,
    height: '20px',
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ':focus': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})` },
  },
  // Fills stay visible under the selection: it is drawn as a brand-coloured band, not a background.
  // (A token is a var(): negating one takes calc(-1 * …); "-var(…)" is invalid CSS and draws nothing.)
  selectedCell: {
    boxShadow: `inset 0 ${tokens.strokeWidthThick} 0 ${tokens.colorBrandStroke1}, inset 0 calc(-1 * ${tokens.strokeWidthThick}) 0 ${tokens.colorBrandStroke1}`,
  },
  gap: { textAlign: 'center', color: tokens.colorNeutralForeground3 },
  input: {
    width: '100%',
    minWidth: '8em',
    boxSizing: 'border-box',
    font: 'inherit',
    border: 'none',
    padding: 0,
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
});

/** Re-render whenever the workbook changes (writes, edits, selection, sheets). */
function useWorkbookChanges(workbook: PreviewWorkbook): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => workbook.subscribe(bump), [workbook]);
}

interface Cursor {
  row: number;
  column: number;
}

interface Editing extends Cursor {
  text: string;
}

/**
 * Memoised: the grid redraws when the workbook changes (useWorkbookChanges) or the language does,
 * not each time the pane above it renders — a check's progress bar moves a few dozen times, and
 * redrawing 200 rows of 50 cells each time made every step a long task.
 */
export default memo(PreviewGrid);

function PreviewGrid({ workbook }: { workbook: PreviewWorkbook }) {
  useWorkbookChanges(workbook);
  const styles = useStyles();
  const s = useStrings();
  const [cursor, setCursor] = useState<Cursor>({ row: 0, column: 0 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  // Focus follows the cursor only after the user moved it inside the grid, never on a data change.
  const focusCursor = useRef(false);

  const sheetNames = workbook.sheetNames();
  const active = workbook.activeSheet();
  const { rows, fills } = workbook.sheet(active);
  const selection = workbook.selection();
  const selected = selection && selection.sheet === active ? selection : null;
  const rendered = previewRows(rows.length, selected?.firstRow ?? null);
  const columnCount = Math.min(MAX_PREVIEW_COLUMNS, rows.reduce((max, r) => Math.max(max, r.length), 0));
  const columns = Array.from({ length: columnCount }, (_, c) => c);

  useEffect(() => {
    if (!focusCursor.current) return;
    focusCursor.current = false;
    tableRef.current?.querySelector<HTMLElement>(`[data-cell="${cursor.row}-${cursor.column}"]`)?.focus();
  }, [cursor, editing]);

  // Another sheet opens at A1, as a sheet does in Excel the first time it is shown (not where the last one was scrolled).
  const scrollerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    scrollerRef.current?.scrollTo?.({ top: 0, left: 0 });
    setCursor({ row: 0, column: 0 });
  }, [active]);

  // Show the selected rows (selectRow in the pane) as Excel would scroll to them.
  useEffect(() => {
    if (!selected) return;
    tableRef.current?.querySelector(`[data-row="${selected.firstRow}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active, selected?.firstRow]); // eslint-disable-line react-hooks/exhaustive-deps

  const moveTo = (row: number, column: number) => {
    const at = rendered.indexOf(row);
    if (at < 0 || column < 0 || column >= columnCount) return;
    focusCursor.current = true;
    setCursor({ row, column });
  };

  const move = (rowStep: number, columnStep: number) => {
    const at = rendered.indexOf(cursor.row);
    const nextRow = rendered[Math.min(rendered.length - 1, Math.max(0, (at < 0 ? 0 : at) + rowStep))];
    moveTo(nextRow ?? 0, Math.min(columnCount - 1, Math.max(0, cursor.column + columnStep)));
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
    const old = rows[next.row]?.[next.column] ?? '';
    if (next.text !== old) workbook.edit(active, next.row, next.column, next.text);
    if (rowStep !== null) move(rowStep, 0);
  };

  const cancel = () => {
    focusCursor.current = true;
    updateEditing(null);
  };

  const onCellKeyDown = (event: KeyboardEvent<HTMLTableCellElement>, row: number, column: number) => {
    const value = rows[row]?.[column] ?? '';
    const arrows: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (arrows[event.key]) {
      event.preventDefault();
      move(...arrows[event.key]);
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

  const renderCell = (row: number, column: number) => {
    const value = rows[row]?.[column] ?? '';
    const fill = fills[row]?.[column] ?? null;
    const address = cellAddress(row, column);
    const isCursor = cursor.row === row && cursor.column === column;
    if (editing && editing.row === row && editing.column === column) {
      return (
        <td key={column} className={styles.cell} data-testid={`preview-cell-${row}-${column}`}>
          <input
            className={styles.input}
            autoFocus
            aria-label={s.grid.editLabel(address)}
            value={editing.text}
            onChange={(event) => updateEditing({ ...editing, text: event.target.value })}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                commit(1);
              } else if (event.key === 'Escape') {
                event.preventDefault();
                cancel();
              }
            }}
            onBlur={() => commit(null)}
            data-testid="preview-cell-editor"
          />
        </td>
      );
    }
    return (
      <td
        key={column}
        className={mergeClasses(styles.cell, selected !== null && row >= selected.firstRow && row <= selected.lastRow && styles.selectedCell)}
        // Excel fills are light or dark colours of their own: text must contrast with the fill, not the theme.
        style={fill ? { backgroundColor: fill, color: isDarkColour(fill) ? '#ffffff' : '#242424' } : undefined}
        tabIndex={isCursor ? 0 : -1}
        title={value || undefined}
        aria-label={s.grid.cellLabel(address, value)}
        data-cell={`${row}-${column}`}
        data-testid={`preview-cell-${row}-${column}`}
        onClick={() => setCursor({ row, column })}
        onDoubleClick={() => startEditing(row, column, value)}
        onKeyDown={(event) => onCellKeyDown(event, row, column)}
      >
        {value}
      </td>
    );
  };

  return (
    <section className={styles.box} aria-label={s.grid.title} data-testid="preview-grid">
      <Subtitle2 as="h2" className={styles.heading}>
        {s.grid.title}
      </Subtitle2>
      <TabList
        size="small"
        selectedValue={active}
        onTabSelect={(_, data) => {
          updateEditing(null);
          setCursor({ row: 0, column: 0 });
          workbook.activate(String(data.value));
        }}
        aria-label={s.grid.sheetsLabel}
      >
        {sheetNames.map((name) => (
          <Tab key={name} value={name} data-testid={`preview-sheet-${name}`}>
            {name}
          </Tab>
        ))}
      </TabList>
      <Caption1>{s.grid.editHint}</Caption1>
      {rows.length === 0 ? (
        <Caption1>{s.grid.emptySheet}</Caption1>
      ) : (
        <div className={styles.scroller} ref={scrollerRef} data-testid="preview-scroller">
          <table className={styles.table} ref={tableRef} data-sheet={active}>
            <thead>
              <tr>
                <th className={styles.corner} />
                {columns.map((c) => (
                  <th key={c} scope="col" className={styles.columnHeader}>
                    {columnLetter(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rendered.map((row, i) => {
                const isSelected = selected !== null && row >= selected.firstRow && row <= selected.lastRow;
                const skipped = i > 0 && row !== rendered[i - 1] + 1;
                return [
                  skipped && (
                    <tr key={`gap-${row}`} aria-hidden>
                      <td className={styles.gap} colSpan={columnCount + 1}>
                        ⋮
                      </td>
                    </tr>
                  ),
                  <tr key={row} data-row={row} data-selected={isSelected || undefined}>
                    <th scope="row" className={mergeClasses(styles.rowHeader, isSelected && styles.selectedRowHeader)}>
                      {row + 1}
                    </th>
                    {columns.map((column) => renderCell(row, column))}
                  </tr>,
                ];
              })}
            </tbody>
          </table>
        </div>
      )}
      {rendered.length < rows.length && <Caption1>{s.grid.showingRows(rendered.length, rows.length)}</Caption1>}
    </section>
  );
}
