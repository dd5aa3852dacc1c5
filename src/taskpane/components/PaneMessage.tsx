/**
 * Message bars: an error the user can act on (one per PaneError code, with its action button),
 * what an action did, the problems a check found in the side tables, and the user's own columns
 * a write left alone (adding the product's beside them).
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ColumnClash, CreateOutcome, PaneError } from '../service';
import { useStrings } from '../strings';
import { errorFacts } from './paneError';

const useStyles = makeStyles({
  problems: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  // A Fluent button is at least 64 px wide: as the bar's corner action that took a quarter of a
  // 320 px pane from the message. The × needs the width of a small square.
  dismiss: { minWidth: tokens.spacingHorizontalXXXL, paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
});

/** Close button without an icon package: a multiplication sign with a spoken name. */
function DismissButton({ onDismiss }: { onDismiss: () => void }) {
  const s = useStrings();
  const styles = useStyles();
  return (
    <Button appearance="transparent" size="small" className={styles.dismiss} aria-label={s.dismiss} title={s.dismiss} onClick={onDismiss}>
      ×
    </Button>
  );
}

export interface ErrorMessageProps {
  error: PaneError;
  /** Offered for 'no-portfolio'. */
  onCreate?: () => void;
  /** Offered for 'busy' (and 'unexpected'): runs the failed action again. */
  onRetry?: () => void;
  onDismiss?: () => void;
}

export function ErrorMessage({ error, onCreate, onRetry, onDismiss }: ErrorMessageProps) {
  const s = useStrings();
  const texts = s.errors[error.code] ?? s.errors.unexpected;
  const action =
    error.code === 'no-portfolio' && onCreate ? (
      <Button onClick={onCreate} data-testid="message-create-portfolio">
        {s.errors.createAction}
      </Button>
    ) : (error.code === 'busy' || error.code === 'unexpected') && onRetry ? (
      <Button onClick={onRetry} data-testid="message-retry">
        {s.errors.retryAction}
      </Button>
    ) : null;
  return (
    <MessageBar
      intent={error.code === 'busy' ? 'warning' : 'error'}
      layout="multiline"
      data-testid={`message-${error.code}`}
    >
      <MessageBarBody>
        <MessageBarTitle>{texts.title}</MessageBarTitle>
        {texts.body(errorFacts(error))}
      </MessageBarBody>
      {(action || onDismiss) && (
        <MessageBarActions containerAction={onDismiss ? <DismissButton onDismiss={onDismiss} /> : undefined}>
          {action}
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

export type Outcome = { kind: 'portfolio'; outcome: CreateOutcome } | { kind: 'dashboard' };

export function outcomeText(s: ReturnType<typeof useStrings>, outcome: Outcome): string {
  if (outcome.kind === 'dashboard') return s.outcome.dashboardBuilt;
  const { created, addedColumns, addedTables } = outcome.outcome;
  if (created) return s.outcome.created(addedTables);
  if (addedColumns.length === 0 && addedTables.length === 0) return s.outcome.unchanged;
  return s.outcome.completed(addedColumns, addedTables);
}

export function OutcomeMessage({ outcome, onDismiss }: { outcome: Outcome; onDismiss?: () => void }) {
  const s = useStrings();
  return (
    <MessageBar intent="success" layout="multiline" data-testid={`message-${outcome.kind === 'dashboard' ? 'dashboard' : 'created'}`}>
      <MessageBarBody>
        <MessageBarTitle>{s.outcome.title}</MessageBarTitle>
        {outcomeText(s, outcome)}
      </MessageBarBody>
      {onDismiss && <MessageBarActions containerAction={<DismissButton onDismiss={onDismiss} />} />}
    </MessageBar>
  );
}

/** summary.problems arrive already in the display language of the check. */
export function ProblemsMessage({ problems }: { problems: string[] }) {
  const styles = useStyles();
  const s = useStrings();
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="message-problems">
      <MessageBarBody>
        <MessageBarTitle>{s.problems.title}</MessageBarTitle>
        <ul className={styles.problems}>
          {problems.map((problem, i) => (
            <li key={i}>{problem}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

/**
 * The user's own columns headed like the product's (级别, 下一步 …): left as they were, the
 * product's columns added beside them. `after` says which command added them.
 */
export function ClashMessage({ clashes, after, onDismiss }: { clashes: ColumnClash[]; after: 'check' | 'create'; onDismiss?: () => void }) {
  const styles = useStyles();
  const s = useStrings();
  const text = after === 'create' ? s.clashes.added : s.clashes.written;
  return (
    <MessageBar intent="info" layout="multiline" data-testid="message-clashes">
      <MessageBarBody>
        <MessageBarTitle>{s.clashes.title}</MessageBarTitle>
        {clashes.length === 1 ? (
          text(clashes[0].userHeader, clashes[0].header)
        ) : (
          <ul className={styles.problems}>
            {clashes.map((c, i) => (
              <li key={i}>{text(c.userHeader, c.header)}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
      {onDismiss && <MessageBarActions containerAction={<DismissButton onDismiss={onDismiss} />} />}
    </MessageBar>
  );
}
