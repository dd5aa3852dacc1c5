/**
 * Task pane entry. The page is the shared runtime (see taskpane.html), so this runs beside the
 * custom functions and ribbon commands. A spinner shows at once; the pane replaces it when the
 * service is ready (inside Excel after Office.onReady, in a plain browser on the preview workbook).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { StartupScreen } from './components/StartupScreen';
import { createPaneService } from './controller';

async function start(container: HTMLElement): Promise<void> {
  const root = createRoot(container);
  root.render(<StartupScreen />);
  try {
    const service = await createPaneService();
    root.render(
      <StrictMode>
        <App service={service} />
      </StrictMode>,
    );
  } catch (thrown) {
    console.error(thrown); // for whoever opens the developer tools; the pane shows a sentence
    root.render(<StartupScreen failure={thrown} />);
  }
}

const container = document.getElementById('root');
if (container) void start(container);
