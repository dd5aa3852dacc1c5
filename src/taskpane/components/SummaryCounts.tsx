/**
 * Counts of the last check (of the owner's rows when the owner filter is on): rows per severity,
 * overdue rows, rows due within 7 days. Each tile is a toggle button: pressed, the list shows only
 * its rows (a severity and a due tile combine).
 */
import type { ReactNode } from 'react';
import { Caption1, Subtitle2, makeStyles, mergeClasses, tokens, useId } from '@fluentui/react-components';
import type { RowSeverity } from '../../rules/types';
import type { CheckSummary } from '../service';
import type { Tile, ViewCounts } from '../dayView';
import { useStrings } from '../strings';
import { formatDay, formatMoment } from './format';
import { WholeDates } from './WholeDates';

export const SEVERITY_ORDER: readonly RowSeverity[] = ['critical', 'error', 'warning', 'info', 'ok'];

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  // Chips that wrap: a number and its label on one line each, as many to a line as fit (three or
  // four at 320 px), so the counts take two or three short lines, not a tall grid.
  tiles: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, margin: 0 },
  tile: {
    display: 'inline-flex',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalXS,
    minWidth: 0,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground1,
    fontFamily: 'inherit',
    textAlign: 'start',
    whiteSpace: 'nowrap',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground2Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  pressed: {
    backgroundColor: tokens.colorBrandBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke1}`,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  number: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase400 },
  label: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground2 },
  critical: { borderLeftColor: tokens.colorPaletteRedBorderActive },
  error: { borderLeftColor: tokens.colorPaletteDarkOrangeBorderActive },
  warning: { borderLeftColor: tokens.colorPaletteYellowBorderActive },
  info: { borderLeftColor: tokens.colorPaletteBlueBorderActive },
  ok: { borderLeftColor: tokens.colorPaletteGreenBorderActive },
  overdue: { borderLeftColor: tokens.colorPaletteRedBorderActive },
  due7: { borderLeftColor: tokens.colorPaletteMarigoldBorderActive },
});

export interface SummaryCountsProps {
  summary: CheckSummary;
  /** The counts the tiles show (the owner's rows, or all). */
  counts: ViewCounts;
  isPressed: (tile: Tile) => boolean;
  onToggle: (tile: Tile) => void;
  /** Shown under the tiles, in the same box (since last check). */
  children?: ReactNode;
}

export function SummaryCounts({ summary, counts, isPressed, onToggle, children }: SummaryCountsProps) {
  const styles = useStyles();
  const s = useStrings();
  const headingId = useId('summary');
  const tile = (kind: Tile, label: string, value: number) => (
    <button
      type="button"
      key={kind}
      className={mergeClasses(styles.tile, styles[kind], isPressed(kind) && styles.pressed)}
      aria-pressed={isPressed(kind)}
      onClick={() => onToggle(kind)}
      data-testid={`tile-${kind}`}
    >
      <span className={styles.number} data-testid={`count-${kind}`}>
        {value}
      </span>
      <span className={styles.label}>{label}</span>
    </button>
  );
  return (
    <section className={styles.box} aria-labelledby={headingId} data-testid="check-summary">
      <Subtitle2 as="h2" id={headingId} className={styles.heading}>
        {s.summary.title} · {s.summary.total(summary.total)}
      </Subtitle2>
      <Caption1 data-testid="checked-for">
        <WholeDates text={s.summary.checkedFor(formatDay(summary.today), formatMoment(summary.checkedAt))} />
      </Caption1>
      <div className={styles.tiles} role="group" aria-label={s.filters.tilesLabel}>
        {SEVERITY_ORDER.map((severity) => tile(severity, s.severity[severity], counts.bySeverity[severity]))}
        {tile('overdue', s.summary.overdue, counts.overdue)}
        {tile('due7', s.summary.dueWithin7, counts.dueWithin7)}
      </div>
      {children}
    </section>
  );
}
