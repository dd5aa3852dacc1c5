/**
 * What index.tsx shows before the service is ready (Office.onReady can take a moment, inside Excel
 * however long Excel takes: after a few seconds a line says so) and if it never becomes ready.
 * No service means no Office language yet: the browser's language decides.
 */
import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Language } from '../../rules/types';
import { startupProblemCode } from '../host';
import { StringsContext, stringsFor } from '../strings';
import { toPaneError, errorFacts } from './paneError';
import { officeTheme } from './theme';

const useStyles = makeStyles({
  page: { padding: tokens.spacingHorizontalL, minHeight: '100vh', boxSizing: 'border-box' },
  waiting: { display: 'block', marginTop: tokens.spacingVerticalM, textAlign: 'center', color: tokens.colorNeutralForeground3 },
});

export function browserLanguage(): Language {
  return typeof navigator !== 'undefined' && /^en\b/i.test(navigator.language ?? '') ? 'en' : 'zh-CN';
}

export function StartupScreen({ failure, stillWaiting = false }: { failure?: unknown; stillWaiting?: boolean }) {
  const styles = useStyles();
  const s = stringsFor(browserLanguage());
  const problem = failure === undefined ? null : startupProblemCode(failure);
  const known = problem === 'office-js-missing' ? s.startup.officeJsMissing : problem === 'not-excel' ? s.startup.notExcel : null;
  const message = failure === undefined || known ? null : (errorFacts(toPaneError(failure)).message ?? s.errors.unexpected.title);
  return (
    <FluentProvider theme={officeTheme()} className={styles.page}>
      <StringsContext.Provider value={s}>
        {failure === undefined ? (
          <>
            <Spinner label={s.loading} data-testid="pane-loading" />
            {stillWaiting && (
              <Text className={styles.waiting} data-testid="pane-still-waiting">
                {s.startup.stillWaiting}
              </Text>
            )}
          </>
        ) : (
          <MessageBar intent="error" layout="multiline" data-testid="message-startup" data-problem={problem ?? 'failed'}>
            <MessageBarBody>
              <MessageBarTitle>{known ? known.title : s.startupFailed.title}</MessageBarTitle>
              {known ? known.body : s.startupFailed.body(message ?? '')}
            </MessageBarBody>
          </MessageBar>
        )}
      </StringsContext.Provider>
    </FluentProvider>
  );
}
