/**
 * The pane's commands: create, check, dashboard, and the "keep up to date" switch.
 * While one command runs the others stay focusable but disabled (disabledFocusable), so keyboard
 * focus does not fall back to the page and two writes never overlap.
 */
import { Button, Spinner, Switch, makeStyles, tokens } from '@fluentui/react-components';
import { useStrings } from '../strings';

export type PaneAction = 'create' | 'check' | 'dashboard';

const useStyles = makeStyles({
  // One wrapping row of small buttons: at 320 px two lines, the switch beside the third button, so
  // that the day's list starts high enough to be seen in a 700 px tall pane.
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export interface ActionBarProps {
  running: PaneAction | null;
  keepUpToDate: boolean;
  keepUpToDatePending: boolean;
  onCreate: () => void;
  onCheck: () => void;
  onDashboard: () => void;
  onKeepUpToDate: (on: boolean) => void;
}

export function ActionBar(props: ActionBarProps) {
  const styles = useStyles();
  const s = useStrings();
  const busy = props.running !== null;
  const icon = (action: PaneAction) => (props.running === action ? <Spinner size="tiny" /> : undefined);
  return (
    <section className={styles.bar} aria-label={s.actions.groupLabel}>
      <Button size="small" appearance="primary" onClick={props.onCheck} disabledFocusable={busy} icon={icon('check')} data-testid="check-portfolio">
        {s.actions.checkPortfolio}
      </Button>
      <Button size="small" onClick={props.onCreate} disabledFocusable={busy} icon={icon('create')} data-testid="create-portfolio">
        {s.actions.createPortfolio}
      </Button>
      <Button size="small" onClick={props.onDashboard} disabledFocusable={busy} icon={icon('dashboard')} data-testid="build-dashboard">
        {s.actions.buildDashboard}
      </Button>
      <Switch
        checked={props.keepUpToDate}
        disabled={props.keepUpToDatePending}
        onChange={(_, data) => props.onKeepUpToDate(data.checked)}
        label={s.actions.keepUpToDate}
        title={s.actions.keepUpToDateHint}
        data-testid="keep-up-to-date"
      />
    </section>
  );
}
