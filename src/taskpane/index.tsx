/**
 * Task pane entry. The page is the shared runtime (see taskpane.html), so this runs beside the
 * custom functions and ribbon commands. A spinner shows at once; the pane replaces it when the
 * service is ready (inside Excel after Office.onReady, however long that takes — with a line saying
 * it is still waiting after a few seconds; in a plain browser on the preview workbook).
 *
 * In Internet Explorer 11 or Microsoft Edge Legacy the bundles cannot run (or, if they do, must not
 * start): taskpane.html's inline boot.js already shows its #old-webview paragraph there.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import type { Boot } from './boot';
import { StartupScreen } from './components/StartupScreen';
import { createPaneService } from './controller';

async function start(container: HTMLElement): Promise<void> {
  const root = createRoot(container);
  let ready = false;
  root.render(<StartupScreen />);
  const onStillWaiting = () => {
    if (!ready) root.render(<StartupScreen stillWaiting />);
  };
  try {
    const service = await createPaneService({ onStillWaiting });
    ready = true;
    root.render(
      <StrictMode>
        <App service={service} />
      </StrictMode>,
    );
  } catch (thrown) {
    ready = true;
    console.error(thrown); // for whoever opens the developer tools; the pane shows a sentence
    root.render(<StartupScreen failure={thrown} />);
  }
}

const boot = (globalThis as { LaunchTrackerBoot?: Boot }).LaunchTrackerBoot;
const container = document.getElementById('root');
if (container && !boot?.state.oldWebview) void start(container);
