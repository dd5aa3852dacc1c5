/** The progress of a running check: phase (read, check, write) and how far it is. */
import { Caption1, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import type { Progress } from '../service';
import { useStrings } from '../strings';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
});

export function CheckProgress({ progress }: { progress: Progress | null }) {
  const styles = useStyles();
  const s = useStrings();
  const fraction = progress ? Math.min(1, Math.max(0, progress.fraction)) : undefined;
  const label = progress
    ? s.progress.label(s.progress.phase[progress.phase] ?? progress.phase, Math.round((fraction ?? 0) * 100))
    : s.loading;
  return (
    <div className={styles.box} data-testid="check-progress">
      <Caption1 aria-live="polite">{label}</Caption1>
      {/* No progress reported yet: an indeterminate bar rather than a bar stuck at 0. */}
      <ProgressBar thickness="large" value={fraction} max={1} aria-label={label} />
    </div>
  );
}
