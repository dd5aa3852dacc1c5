/**
 * Task pane entry: a PLACEHOLDER until the real pane lands in a later issue.
 * It renders without Office too (plain browser), so the page can be smoke-tested headless.
 */
import { createRoot } from 'react-dom/client';
import { StrictMode, useEffect, useState } from 'react';
import {
  Caption1,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Title2,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    minHeight: '100vh',
    boxSizing: 'border-box',
  },
});

/** Where the page runs: "Excel (PC)" etc. inside Office, or null in a plain browser. */
function useOfficeHost(): string | null | undefined {
  const [host, setHost] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') {
      setHost(null);
      return;
    }
    void Office.onReady().then((info) => {
      setHost(info.host ? `${info.host} (${info.platform ?? '?'})` : null);
    });
  }, []);
  return host;
}

export function PlaceholderPane() {
  const styles = useStyles();
  const host = useOfficeHost();
  return (
    <FluentProvider theme={webLightTheme}>
      <main className={styles.page}>
        <header>
          <Title2 as="h1">Launch Tracker</Title2>
          <br />
          <Subtitle2>上线追踪</Subtitle2>
        </header>
        <MessageBar intent="info" data-testid="placeholder-note">
          <MessageBarBody>
            <MessageBarTitle>任务窗格即将推出</MessageBarTitle>
            The task pane is coming in a later issue. 任务窗格将在后续版本中提供。
          </MessageBarBody>
        </MessageBar>
        <Caption1 data-testid="office-host">
          {host === undefined
            ? 'Office: …'
            : host === null
              ? 'Office: 未在 Office 中运行 / not running inside Office'
              : `Office: ${host}`}
        </Caption1>
      </main>
    </FluentProvider>
  );
}

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <PlaceholderPane />
    </StrictMode>,
  );
}
