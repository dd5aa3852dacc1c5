/**
 * The rows that need attention, as the service sorted them (most severe first, then soonest due).
 * The list is one Tab stop (a roving tabindex): arrow keys, Home and End move between its rows, click,
 * Enter or Space selects a row in the sheet, and each row is announced with its severity, next step
 * and due date.
 * Only the first rows are rendered, more on request: a large portfolio can list thousands.
 */
import { useState, type KeyboardEvent } from 'react';
import { Badge, Button, Caption1, Subtitle2, makeStyles, mergeClasses, tokens, useId, type BadgeProps } from '@fluentui/react-components';
import { catalogFor } from '../../rules/i18n';
import type { Day } from '../../rules/dates';
import type { Language, RowSeverity } from '../../rules/types';
import type { AttentionRow } from '../service';
import { todayGroup, type TodayGroup } from '../../workbook/summary';
import { useStrings } from '../strings';
import { formatDay, isActivationKey } from './format';
import { WholeDates } from './WholeDates';

export const ATTENTION_PAGE = 50;

const SEVERITY_COLOUR: Record<RowSeverity, BadgeProps['color']> = {
  critical: 'danger',
  error: 'severe',
  warning: 'warning',
  info: 'informative',
  ok: 'success',
};

/**
 * The list stays a table for assistive technology (the explicit roles keep its table semantics,
 * which some browsers drop once CSS changes a table's display), but it is not laid out as one: a
 * table cannot be narrower than its unbreakable texts (the badge, "(no ID)", the date), and the
 * pane must fit 320 px (Excel's default width on Windows) in both languages whatever fonts are
 * installed. Each row is a small grid instead:
 *
 *   [badge] ID  client…                 2024-03-31
 *   next step, wrapping…                 due for…
 *
 * Every free-text cell may wrap anywhere; the date never wraps and its column is as wide as it.
 * The column headers stay in the markup for screen readers, visually hidden.
 */
const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0 },
  table: {
    display: 'block',
    width: '100%',
    minWidth: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
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
  body: { display: 'block' },
  row: {
    display: 'grid',
    // badge | ID (at most 40 % of the row) | client (the rest) | due date (as wide as the date)
    gridTemplateColumns: 'auto fit-content(40%) minmax(0, 1fr) auto',
    gridTemplateAreas: '"severity id client due" "step step step due" "why why why why"',
    // A due cell taller than the first line (a "due for" that wraps) grows the second row, not the
    // first: the next step stays right under the ID.
    gridTemplateRows: 'auto 1fr auto',
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
  group: {
    display: 'block',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS} ${tokens.spacingVerticalXXS}`,
    fontWeight: tokens.fontWeightSemibold,
    textAlign: 'start',
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

/** How many of the list's rows each group holds (its heading says so). */
function groupCounts(rows: readonly AttentionRow[], today: Day): Map<TodayGroup, number> {
  const counts = new Map<TodayGroup, number>();
  for (const r of rows) {
    const group = todayGroup(r, today);
    counts.set(group, (counts.get(group) ?? 0) + 1);
  }
  return counts;
}

export interface AttentionListProps {
  /** The day's list, grouped and ordered (CheckSummary.attention). */
  rows: AttentionRow[];
  /** Rows checked in all: those not listed need nothing now. */
  total: number;
  /** The check's day: due dates before it are overdue. */
  today: Day;
  /** For the "due for" topic names, which come from the rules' own vocabulary. */
  language: Language;
  onSelectRow: (row: number) => void;
}

export function AttentionList({ rows, total, today, language, onSelectRow }: AttentionListProps) {
  const styles = useStyles();
  const s = useStrings();
  const headingId = useId('attention');
  const [shown, setShown] = useState(ATTENTION_PAGE);
  // The row that takes Tab into the list (the last one focused), by its table row.
  const [current, setCurrent] = useState<number | null>(null);
  const topics = catalogFor(language).topic;
  const visible = rows.slice(0, shown);
  const groups = visible.map((r) => todayGroup(r, today));
  const counts = groupCounts(rows, today);
  const tabStop = visible.some((r) => r.row === current) ? current : (visible[0]?.row ?? null);

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, row: number) => {
    if (isActivationKey(event.key)) {
      event.preventDefault(); // Space would scroll the pane
      onSelectRow(row);
      return;
    }
    // The group headings between the rows are not stops.
    const items = [...(event.currentTarget.parentElement?.querySelectorAll<HTMLElement>('tr[data-item]') ?? [])];
    const at = items.indexOf(event.currentTarget);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    items[Math.max(0, Math.min(items.length - 1, to))]?.focus();
  };

  return (
    <section className={styles.box} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={styles.heading}>
        {s.attention.title} ({rows.length})
      </Subtitle2>
      {total > rows.length && <Caption1 data-testid="attention-fine">{s.attention.fine(total - rows.length)}</Caption1>}
      {rows.length === 0 ? (
        <Caption1 data-testid="attention-empty">{s.attention.empty}</Caption1>
      ) : (
        <table className={styles.table} role="table" aria-labelledby={headingId} data-testid="attention-list">
          <thead className={styles.visuallyHidden} role="rowgroup">
            <tr role="row">
              <th role="columnheader" scope="col">{s.attention.columns.severity}</th>
              <th role="columnheader" scope="col">{s.attention.columns.id}</th>
              <th role="columnheader" scope="col">{s.attention.columns.client}</th>
              <th role="columnheader" scope="col">{s.attention.columns.nextStep}</th>
              <th role="columnheader" scope="col">{s.attention.columns.due}</th>
            </tr>
          </thead>
          <tbody className={styles.body} role="rowgroup">
            {visible.map((r, k) => {
              const id = r.id ?? s.attention.noId;
              const overdue = r.due !== null && r.due < today;
              const group = groups[k];
              const heading = k === 0 || groups[k - 1] !== group;
              return [
                heading && (
                  <tr key={`group-${group}`} role="row" data-testid={`attention-group-${group}`}>
                    <th role="rowheader" colSpan={5} scope="rowgroup" className={mergeClasses(styles.group, group === 'overdue' ? styles.overdueGroup : undefined)}>
                      {`${s.attention.groups[group]} (${counts.get(group) ?? 0})`}
                    </th>
                  </tr>
                ),
                <tr
                  data-item=""
                  key={r.row}
                  role="row"
                  className={styles.row}
                  tabIndex={r.row === tabStop ? 0 : -1}
                  onFocus={() => setCurrent(r.row)}
                  aria-label={s.attention.rowLabel(id, s.severity[r.severity], r.nextStep, r.due === null ? null : formatDay(r.due), overdue)}
                  onClick={() => onSelectRow(r.row)}
                  onKeyDown={(event) => onKeyDown(event, r.row)}
                  data-testid={`attention-row-${r.row}`}
                >
                  <td role="cell" className={mergeClasses(styles.cell, styles.severity)}>
                    <Badge appearance="tint" color={SEVERITY_COLOUR[r.severity]} data-severity={r.severity}>
                      {s.severity[r.severity]}
                    </Badge>
                  </td>
                  <td role="cell" className={mergeClasses(styles.cell, styles.id)}>{id}</td>
                  <td role="cell" className={mergeClasses(styles.cell, styles.client)}>{r.client ?? ''}</td>
                  <td role="cell" className={mergeClasses(styles.cell, styles.step)}>
                    <WholeDates text={r.nextStep} />
                  </td>
                  <td role="cell" className={mergeClasses(styles.cell, styles.due)}>
                    <span className={mergeClasses(styles.date, overdue ? styles.overdue : undefined)} data-testid={`attention-due-${r.row}`}>
                      {formatDay(r.due)}
                    </span>
                    {r.dueFor && <span className={styles.dueFor}>{topics[r.dueFor] ?? r.dueFor}</span>}
                  </td>
                  {r.why && (
                    <td role="cell" className={mergeClasses(styles.cell, styles.why)} data-testid={`attention-why-${r.row}`} title={r.why.rule}>
                      <WholeDates text={r.why.text} />
                    </td>
                  )}
                </tr>,
              ];
            })}
          </tbody>
        </table>
      )}
      {rows.length > shown && (
        <div>
          <Caption1>{s.attention.showing(shown, rows.length)}</Caption1>{' '}
          <Button size="small" appearance="subtle" onClick={() => setShown(shown + ATTENTION_PAGE * 2)} data-testid="attention-more">
            {s.attention.showMore}
          </Button>
        </div>
      )}
    </section>
  );
}
