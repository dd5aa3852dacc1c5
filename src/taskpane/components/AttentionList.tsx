/**
 * The rows that need attention, as the service sorted them (most severe first, then soonest due).
 * Each row is focusable; click, Enter or Space selects it in the sheet, arrow keys move between rows.
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

export const ATTENTION_PAGE = 50;

const SEVERITY_COLOUR: Record<RowSeverity, BadgeProps['color']> = {
  critical: 'danger',
  error: 'severe',
  warning: 'warning',
  info: 'informative',
  ok: 'success',
};

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  th: {
    textAlign: 'start',
    whiteSpace: 'nowrap',
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  row: {
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `-${tokens.strokeWidthThick}`,
    },
  },
  td: {
    verticalAlign: 'top',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  nowrap: { whiteSpace: 'nowrap' },
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  // "WeChat verification" must wrap in a 320 px pane rather than widen the table.
  dueFor: { display: 'block', color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
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
  const topics = catalogFor(language).topic;
  const visible = rows.slice(0, shown);

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, row: number) => {
    if (isActivationKey(event.key)) {
      event.preventDefault(); // Space would scroll the pane
      onSelectRow(row);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? event.currentTarget.nextElementSibling : event.currentTarget.previousElementSibling;
      if (next instanceof HTMLElement) next.focus();
    }
  };

  return (
    <section className={styles.box} aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={styles.heading}>
        {s.attention.title} ({rows.length})
      </Subtitle2>
      {rows.length === 0 ? (
        <Caption1 data-testid="attention-empty">{s.attention.empty}</Caption1>
      ) : (
        <table className={styles.table} data-testid="attention-list">
          <thead>
            <tr>
              <th className={styles.th} scope="col">{s.attention.columns.severity}</th>
              <th className={styles.th} scope="col">{s.attention.columns.id}</th>
              <th className={styles.th} scope="col">{s.attention.columns.client}</th>
              <th className={styles.th} scope="col">{s.attention.columns.nextStep}</th>
              <th className={styles.th} scope="col">{s.attention.columns.due}</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => {
              const id = r.id ?? s.attention.noId;
              const overdue = r.due !== null && r.due < today;
              return (
                <tr
                  key={r.row}
                  className={styles.row}
                  tabIndex={0}
                  aria-label={s.attention.rowLabel(id, r.nextStep)}
                  onClick={() => onSelectRow(r.row)}
                  onKeyDown={(event) => onKeyDown(event, r.row)}
                  data-testid={`attention-row-${r.row}`}
                >
                  <td className={mergeClasses(styles.td, styles.nowrap)}>
                    <Badge appearance="tint" color={SEVERITY_COLOUR[r.severity]} data-severity={r.severity}>
                      {s.severity[r.severity]}
                    </Badge>
                  </td>
                  <td className={mergeClasses(styles.td, styles.nowrap)}>{id}</td>
                  <td className={styles.td}>{r.client ?? ''}</td>
                  <td className={styles.td}>{r.nextStep}</td>
                  <td className={styles.td}>
                    <span className={mergeClasses(styles.nowrap, overdue ? styles.overdue : undefined)}>{formatDay(r.due)}</span>
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
