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
    gridTemplateAreas: '"severity id client due" "step step step due"',
    // A due cell taller than the first line (a "due for" that wraps) grows the second row, not the
    // first: the next step stays right under the ID.
    gridTemplateRows: 'auto 1fr',
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
  due: { gridArea: 'due', textAlign: 'end' },
  // inline-block: the date is one box, as wide as its text, that never wraps (the tests measure it).
  date: { display: 'inline-block', whiteSpace: 'nowrap' },
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  // "WeChat verification" wraps under the date rather than widening its column.
  dueFor: { display: 'block', maxWidth: '8em', marginInlineStart: 'auto', color: tokens.colorNeutralForeground3 },
});

export interface AttentionListProps {
  rows: AttentionRow[];
  /** The check's day: due dates before it are overdue. */
  today: Day;
  /** For the "due for" topic names, which come from the rules' own vocabulary. */
  language: Language;
  onSelectRow: (row: number) => void;
}

export function AttentionList({ rows, today, language, onSelectRow }: AttentionListProps) {
  const styles = useStyles();
  const s = useStrings();
  const headingId = useId('attention');
  const [shown, setShown] = useState(ATTENTION_PAGE);
  // The row that takes Tab into the list (the last one focused), by its table row.
  const [current, setCurrent] = useState<number | null>(null);
  const topics = catalogFor(language).topic;
  const visible = rows.slice(0, shown);
  const tabStop = visible.some((r) => r.row === current) ? current : (visible[0]?.row ?? null);

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, row: number) => {
    if (isActivationKey(event.key)) {
      event.preventDefault(); // Space would scroll the pane
      onSelectRow(row);
      return;
    }
    const body = event.currentTarget.parentElement;
    const target =
      event.key === 'ArrowDown'
        ? event.currentTarget.nextElementSibling
        : event.key === 'ArrowUp'
          ? event.currentTarget.previousElementSibling
          : event.key === 'Home'
            ? body?.firstElementChild
            : event.key === 'End'
              ? body?.lastElementChild
              : undefined;
    if (target === undefined) return;
    event.preventDefault();
    if (target instanceof HTMLElement) target.focus();
  };

  return (
    <section className={styles.box} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={styles.heading}>
        {s.attention.title} ({rows.length})
      </Subtitle2>
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
            {visible.map((r) => {
              const id = r.id ?? s.attention.noId;
              const overdue = r.due !== null && r.due < today;
              return (
                <tr
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
                </tr>
              );
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
