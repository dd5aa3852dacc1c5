/**
 * What index.tsx shows before the service is ready (Office.onReady can take a moment) and if it
 * never becomes ready. No service means no Office language yet: the browser's language decides.
 */
import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { Language } from '../../rules/types';
import { StringsContext, stringsFor } from '../strings';
import { toPaneError, errorFacts } from './paneError';
import { officeTheme } from './theme';

const useStyles = makeStyles({
  page: { padding: tokens.spacingHorizontalL, minHeight: '100vh', boxSizing: 'border-box' },
});

export function browserLanguage(): Language {
  return typeof navigator !== 'undefined' && /^en\b/i.test(navigator.language ?? '') ? 'en' : 'zh-CN';
}

export function StartupScreen({ failure }: { failure?: unknown }) {
  const styles = useStyles();
  const s = stringsFor(browserLanguage());
  const message = failure === undefined ? null : (errorFacts(toPaneError(failure)).message ?? s.errors.unexpected.title);
  return (
    <FluentProvider theme={officeTheme()} className={styles.page}>
      <StringsContext.Provider value={s}>
        {message === null ? (
          <Spinner label={s.loading} data-testid="pane-loading" />
        ) : (
          <MessageBar intent="error" layout="multiline" data-testid="message-startup">
            <MessageBarBody>
              <MessageBarTitle>{s.startupFailed.title}</MessageBarTitle>
              {s.startupFailed.body(message)}
            </MessageBarBody>
          </MessageBar>
        )}
      </StringsContext.Provider>
    </FluentProvider>
  );
}
