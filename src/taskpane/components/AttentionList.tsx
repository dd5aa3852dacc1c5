/**
 * The list of rows the filters show (by default the day's list), grouped overdue / today / this
 * week / later. Each row shows its severity, ID, client, next step, due date and why it is listed
 * (its most severe finding); it expands to all its findings with their rule IDs.
 *
 * Virtualized (@tanstack/react-virtual): only the rows in view are in the page, so 100,000 rows
 * scroll as smoothly as 50. The list is one Tab stop (a roving tabindex): arrow keys, Page Up/Down,
 * Home and End move between rows, Right and Left show and hide a row's findings, click, Enter or
 * Space selects the row in the sheet. Each row is announced with its severity, next step and due
 * date. Texts are rendered here from the results' codes and arguments, in the pane's language.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type Key, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Badge, Caption1, Subtitle2, makeStyles, mergeClasses, tokens, useId, type BadgeProps } from '@fluentui/react-components';
import { actionText, catalogFor, findingText } from '../../rules/i18n';
import type { Day } from '../../rules/dates';
import type { Language, RowSeverity } from '../../rules/types';
import type { AttentionRow } from '../service';
import { todayGroup, type TodayGroup } from '../../workbook/summary';
import { useStrings } from '../strings';
import { formatDay, isActivationKey } from './format';
import { WholeDates } from './WholeDates';

const SEVERITY_COLOUR: Record<RowSeverity, BadgeProps['color']> = {
  critical: 'danger',
  error: 'severe',
  warning: 'warning',
  info: 'informative',
  ok: 'success',
};

/** A first guess at a row's height before it is measured (two lines and a finding at 12 px). */
const ESTIMATED_ROW_PX = 68;
const ESTIMATED_GROUP_PX = 30;
/** Rows rendered beyond the visible ones, so a fast scroll or an arrow key finds them ready. */
const OVERSCAN = 8;
/** Page Up / Page Down move by this many rows. */
const PAGE_ROWS = 10;

/**
 * The list stays a table for assistive technology (the explicit roles keep its table semantics,
 * which some browsers drop once CSS changes a table's display; aria-rowcount and aria-rowindex say
 * where a rendered row sits among all of them), but it is not laid out as one: a table cannot be
 * narrower than its unbreakable texts (the badge, "(no ID)", the date), and the pane must fit
 * 320 px (Excel's default width on Windows) in both languages whatever fonts are installed. Each
 * row is a small grid instead:
 *
 *   [badge] ID  client…                 2024-03-31
 *   next step, wrapping…                 due for…
 *   why: the top finding…                       ›
 *
 * Every free-text cell may wrap anywhere; the date never wraps and its column is as wide as it.
 * The column headers stay in the markup for screen readers, visually hidden.
 */
const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0 },
  // The list scrolls inside its own box, so the commands above it stay where they are.
  scroller: {
    maxHeight: '75vh',
    overflowY: 'auto',
    overflowX: 'hidden',
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  table: {
    display: 'block',
    width: '100%',
    minWidth: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
  body: { display: 'block', position: 'relative', width: '100%' },
  // Each rendered entry sits at its measured offset.
  entry: { position: 'absolute', top: 0, left: 0, width: '100%', boxSizing: 'border-box' },
  row: {
    display: 'grid',
    // badge | ID (at most 40 % of the row) | client (the rest) | due date (as wide as the date)
    gridTemplateColumns: 'auto fit-content(40%) minmax(0, 1fr) auto',
    gridTemplateAreas: '"severity id client due" "step step step due" "why why why more" "all all all all"',
    // A due cell taller than the first line (a "due for" that wraps) grows the second row, not the
    // first: the next step stays right under the ID.
    gridTemplateRows: 'auto 1fr auto auto',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  cell: { display: 'block', minWidth: 0, padding: 0, overflowWrap: 'anywhere' },
  severity: { gridArea: 'severity', whiteSpace: 'nowrap' },
  id: { gridArea: 'id', fontWeight: tokens.fontWeightSemibold },
  client: { gridArea: 'client', color: tokens.colorNeutralForeground2 },
  step: { gridArea: 'step' },
  // Why the row is on the list: its most severe finding, in the pane's smaller, quieter text.
  why: { gridArea: 'why', color: tokens.colorNeutralForeground3 },
  more: {
    gridArea: 'more',
    justifySelf: 'end',
    color: tokens.colorBrandForegroundLink,
    whiteSpace: 'nowrap',
    ':hover': { textDecorationLine: 'underline' },
  },
  all: { gridArea: 'all', margin: 0, paddingInlineStart: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground2 },
  finding: { marginBlockStart: tokens.spacingVerticalXXS },
  rule: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3, marginInlineEnd: tokens.spacingHorizontalXS },
  group: {
    display: 'block',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS} ${tokens.spacingVerticalXXS}`,
    fontWeight: tokens.fontWeightSemibold,
    textAlign: 'start',
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  overdueGroup: { color: tokens.colorPaletteRedForeground1 },
  due: { gridArea: 'due', textAlign: 'end' },
  // inline-block: the date is one box, as wide as its text, that never wraps (the tests measure it).
  date: { display: 'inline-block', whiteSpace: 'nowrap' },
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  // "WeChat verification" wraps under the date rather than widening its column.
  dueFor: { display: 'block', maxWidth: '8em', marginInlineStart: 'auto', color: tokens.colorNeutralForeground3 },
});

/** Where the virtualizer puts a rendered entry, and how it measures it. */
interface Placement {
  ref: (element: Element | null) => void;
  'data-index': number;
  style: CSSProperties;
}

type Entry = { kind: 'group'; group: TodayGroup; count: number } | { kind: 'row'; row: AttentionRow; group: TodayGroup };

/** The list's entries: a heading before each group, then its rows (the rows come grouped). */
function entriesOf(rows: readonly AttentionRow[], today: Day): { entries: Entry[]; rowAt: number[] } {
  const entries: Entry[] = [];
  const rowAt: number[] = []; // entry index of each row, in order: the arrow keys walk it
  let heading: Extract<Entry, { kind: 'group' }> | null = null;
  for (const row of rows) {
    const group = todayGroup(row, today);
    if (heading === null || heading.group !== group) entries.push((heading = { kind: 'group', group, count: 0 }));
    heading.count++;
    rowAt.push(entries.length);
    entries.push({ kind: 'row', row, group });
  }
  return { entries, rowAt };
}

export interface AttentionListProps {
  /** The rows to show, in the day's order (grouped overdue / today / this week / later). */
  rows: readonly AttentionRow[];
  /** The list's heading: the day's list, or the filtered rows. */
  title: string;
  /** Rows that need nothing now, said under the heading (null: not said, e.g. when filtered). */
  fine: number | null;
  /** The check's day: due dates before it are overdue. */
  today: Day;
  /** Texts (next steps, findings, "due for" topics) are rendered in it from the results' codes. */
  language: Language;
  onSelectRow: (row: number) => void;
  /** When the list is empty: why (nothing to do, or nothing matches the filters). */
  emptyText: string;
  /** Changes when the filters do: the list then starts again at its top. */
  viewKey?: string;
}

export function AttentionList({ rows, title, fine, today, language, onSelectRow, emptyText, viewKey = '' }: AttentionListProps) {
  const styles = useStyles();
  const s = useStrings();
  const headingId = useId('attention');
  const scroller = useRef<HTMLDivElement>(null);
  const { entries, rowAt } = useMemo(() => entriesOf(rows, today), [rows, today]);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  // The row (by table row) that takes Tab into the list: the last one focused.
  const [current, setCurrent] = useState<number | null>(null);
  const pendingFocus = useRef<number | null>(null);

  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (entries[i].kind === 'group' ? ESTIMATED_GROUP_PX : ESTIMATED_ROW_PX),
    getItemKey: (i) => {
      const e = entries[i];
      return e.kind === 'group' ? `group-${e.group}` : e.row.row;
    },
    overscan: OVERSCAN,
    // Before the box is measured (and where nothing is laid out: server rendering, jsdom) render
    // as many rows as a pane's height holds.
    initialRect: { width: 320, height: 800 },
  });
  const items = virtualizer.getVirtualItems();

  const rendered = new Set(items.map((v) => entries[v.index]).filter((e) => e.kind === 'row').map((e) => (e as Extract<Entry, { kind: 'row' }>).row.row));
  const firstRendered = items.map((v) => entries[v.index]).find((e) => e.kind === 'row') as Extract<Entry, { kind: 'row' }> | undefined;
  // A row scrolled out of the page cannot take focus: the first row in view does instead.
  const tabStop = current !== null && rendered.has(current) ? current : (firstRendered?.row.row ?? null);

  // Focus follows the arrow keys once the row they moved to is rendered (it may have been scrolled to).
  useLayoutEffect(() => {
    const target = pendingFocus.current;
    if (target === null) return;
    const element = scroller.current?.querySelector<HTMLElement>(`[data-row-key="${target}"]`);
    if (element) {
      pendingFocus.current = null;
      element.focus({ preventScroll: true });
    }
  });

  // Another list (a filter changed): start at its top. A re-check of the same view (an edit, with
  // "keep up to date") keeps the place the person scrolled to.
  useEffect(() => {
    scroller.current?.scrollTo?.({ top: 0 });
  }, [viewKey]);

  const moveTo = (position: number) => {
    const to = Math.max(0, Math.min(rowAt.length - 1, position));
    const entry = entries[rowAt[to]] as Extract<Entry, { kind: 'row' }>;
    pendingFocus.current = entry.row.row;
    setCurrent(entry.row.row);
    virtualizer.scrollToIndex(rowAt[to], { align: 'auto' });
  };

  const toggle = (row: number, open?: boolean) => {
    setExpanded((was) => {
      const next = new Set(was);
      if (open ?? !was.has(row)) next.add(row);
      else next.delete(row);
      return next;
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, row: AttentionRow, position: number) => {
    if (isActivationKey(event.key)) {
      event.preventDefault(); // Space would scroll the pane
      onSelectRow(row.row);
      return;
    }
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      if (row.findings.length === 0) return;
      event.preventDefault();
      toggle(row.row, event.key === 'ArrowRight');
      return;
    }
    const to = { ArrowDown: position + 1, ArrowUp: position - 1, PageDown: position + PAGE_ROWS, PageUp: position - PAGE_ROWS, Home: 0, End: rowAt.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    moveTo(to);
  };

  const topics = catalogFor(language).topic;
  const positionOf = useMemo(() => new Map(rowAt.map((entryIndex, position) => [entryIndex, position])), [rowAt]);

  const renderRow = (r: AttentionRow, place: Placement, key: Key) => {
    const entryIndex = place['data-index'];
    const id = r.id ?? s.attention.noId;
    const overdue = r.due !== null && r.due < today;
    const nextStep = actionText(r.nextStep, language);
    const open = expanded.has(r.row);
    const why = r.findings[0];
    const onMore = (event: MouseEvent) => {
      event.stopPropagation(); // showing the findings does not select the row
      toggle(r.row);
    };
    return (
      <tr
        key={key}
        {...place}
        data-item=""
        data-row-key={r.row}
        role="row"
        aria-rowindex={entryIndex + 2}
        className={mergeClasses(styles.entry, styles.row)}
        tabIndex={r.row === tabStop ? 0 : -1}
        onFocus={() => setCurrent(r.row)}
        // Not aria-expanded: ARIA allows it on a row only in a treegrid (axe aria-conditional-attr); the label says it.
        aria-label={s.attention.rowLabel(id, s.severity[r.severity], nextStep, r.due === null ? null : formatDay(r.due), overdue, r.findings.length, open)}
        onClick={() => onSelectRow(r.row)}
        onKeyDown={(event) => onKeyDown(event, r, positionOf.get(entryIndex) ?? 0)}
        data-testid={`attention-row-${r.row}`}
      >
        <td role="cell" className={mergeClasses(styles.cell, styles.severity)}>
          <Badge appearance="tint" color={SEVERITY_COLOUR[r.severity]} data-severity={r.severity}>
            {s.severity[r.severity]}
          </Badge>
        </td>
        <td role="cell" className={mergeClasses(styles.cell, styles.id)}>{id}</td>
        <td role="cell" className={mergeClasses(styles.cell, styles.client)}>{r.client ?? ''}</td>
        <td role="cell" className={mergeClasses(styles.cell, styles.step)} data-testid={`attention-step-${r.row}`}>
          <WholeDates text={nextStep} />
        </td>
        <td role="cell" className={mergeClasses(styles.cell, styles.due)}>
          <span className={mergeClasses(styles.date, overdue ? styles.overdue : undefined)} data-testid={`attention-due-${r.row}`}>
            {formatDay(r.due)}
          </span>
          {r.dueFor && <span className={styles.dueFor}>{topics[r.dueFor] ?? r.dueFor}</span>}
        </td>
        {why && !open && (
          <td role="cell" className={mergeClasses(styles.cell, styles.why)} data-testid={`attention-why-${r.row}`} title={why.rule}>
            <WholeDates text={findingText(why, language)} />
          </td>
        )}
        {why && (
          // The mouse's way to what Right and Left do; not a Tab stop (the row is the list's one stop).
          <td role="cell" className={mergeClasses(styles.cell, styles.more)} aria-hidden="true" onClick={onMore} data-testid={`attention-more-${r.row}`}>
            {open ? s.attention.less : s.attention.more(r.findings.length)}
          </td>
        )}
        {open && (
          <td role="cell" className={mergeClasses(styles.cell, styles.all)} data-testid={`attention-findings-${r.row}`}>
            <ul className={styles.all}>
              {r.findings.map((f, k) => (
                <li key={k} className={styles.finding}>
                  <span className={styles.rule}>{f.rule}</span>
                  <Badge size="small" appearance="outline" color={SEVERITY_COLOUR[f.severity]}>
                    {s.severity[f.severity]}
                  </Badge>{' '}
                  <WholeDates text={findingText(f, language)} />
                </li>
              ))}
            </ul>
          </td>
        )}
      </tr>
    );
  };

  const renderGroup = (group: TodayGroup, count: number, place: Placement, key: Key) => (
    <tr key={key} {...place} className={styles.entry} role="row" aria-rowindex={place['data-index'] + 2} data-testid={`attention-group-${group}`}>
      <th role="rowheader" colSpan={5} scope="rowgroup" className={mergeClasses(styles.group, group === 'overdue' ? styles.overdueGroup : undefined)}>
        {`${s.attention.groups[group]} (${count})`}
      </th>
    </tr>
  );

  return (
    <section className={styles.box} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={styles.heading} data-testid="attention-title">
        {title} ({rows.length})
      </Subtitle2>
      {fine !== null && fine > 0 && <Caption1 data-testid="attention-fine">{s.attention.fine(fine)}</Caption1>}
      {rows.length === 0 ? (
        <Caption1 data-testid="attention-empty">{emptyText}</Caption1>
      ) : (
        <div ref={scroller} className={styles.scroller} data-testid="attention-scroller">
          <table className={styles.table} role="table" aria-labelledby={headingId} aria-rowcount={entries.length + 1} data-testid="attention-list">
            <thead className={styles.visuallyHidden} role="rowgroup">
              <tr role="row" aria-rowindex={1}>
                <th role="columnheader" scope="col">{s.attention.columns.severity}</th>
                <th role="columnheader" scope="col">{s.attention.columns.id}</th>
                <th role="columnheader" scope="col">{s.attention.columns.client}</th>
                <th role="columnheader" scope="col">{s.attention.columns.nextStep}</th>
                <th role="columnheader" scope="col">{s.attention.columns.due}</th>
              </tr>
            </thead>
            <tbody className={styles.body} role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
              {items.map((v) => {
                const entry = entries[v.index];
                // The row itself is measured (data-index on it), so a row that expands moves the ones after it.
                const place: Placement = { ref: virtualizer.measureElement, 'data-index': v.index, style: { transform: `translateY(${v.start}px)` } };
                return entry.kind === 'group' ? renderGroup(entry.group, entry.count, place, v.key) : renderRow(entry.row, place, v.key);
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
