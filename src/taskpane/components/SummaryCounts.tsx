/** Counts of the last check: rows per severity, overdue rows, rows due within 7 days. */
import { Caption1, Subtitle2, makeStyles, mergeClasses, tokens, useId } from '@fluentui/react-components';
import type { RowSeverity } from '../../rules/types';
import type { CheckSummary } from '../service';
import { useStrings } from '../strings';
import { formatDay, formatMoment } from './format';
import { WholeDates } from './WholeDates';

export const SEVERITY_ORDER: readonly RowSeverity[] = ['critical', 'error', 'warning', 'info', 'ok'];

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  tiles: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(72px, 1fr))',
    gap: tokens.spacingHorizontalS,
    margin: 0,
  },
  tile: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke1}`,
  },
  number: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  label: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  critical: { borderLeftColor: tokens.colorPaletteRedBorderActive },
  error: { borderLeftColor: tokens.colorPaletteDarkOrangeBorderActive },
  warning: { borderLeftColor: tokens.colorPaletteYellowBorderActive },
  info: { borderLeftColor: tokens.colorPaletteBlueBorderActive },
  ok: { borderLeftColor: tokens.colorPaletteGreenBorderActive },
  overdue: { borderLeftColor: tokens.colorPaletteRedBorderActive },
  due7: { borderLeftColor: tokens.colorPaletteMarigoldBorderActive },
});

type TileKind = RowSeverity | 'overdue' | 'due7';

export function SummaryCounts({ summary }: { summary: CheckSummary }) {
  const styles = useStyles();
  const s = useStrings();
  const headingId = useId('summary');
  const tile = (kind: TileKind, label: string, value: number) => (
    <div key={kind} className={mergeClasses(styles.tile, styles[kind])}>
      <dt className={styles.label}>{label}</dt>
      <dd className={styles.number} data-testid={`count-${kind}`}>
        {value}
      </dd>
    </div>
  );
  return (
    <section className={styles.box} aria-labelledby={headingId} data-testid="check-summary">
      <Subtitle2 as="h2" id={headingId} className={styles.heading}>
        {s.summary.title} · {s.summary.total(summary.total)}
      </Subtitle2>
      <Caption1 data-testid="checked-for">
        <WholeDates text={s.summary.checkedFor(formatDay(summary.today), formatMoment(summary.checkedAt))} />
      </Caption1>
      <dl className={styles.tiles} aria-label={s.summary.countsLabel}>
        {SEVERITY_ORDER.map((severity) => tile(severity, s.severity[severity], summary.bySeverity[severity] ?? 0))}
        {tile('overdue', s.summary.overdue, summary.overdue)}
        {tile('due7', s.summary.dueWithin7, summary.dueWithin7)}
      </dl>
    </section>
  );
}
