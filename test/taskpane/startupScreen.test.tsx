/**
 * The start-up screen (src/taskpane/components/StartupScreen.tsx) rendered to HTML: the spinner, the
 * "still waiting for Excel" line a slow Office start adds, and the sentences for a start-up that
 * cannot happen inside Office — in the browser's language, Chinese unless it speaks English.
 */
import { renderToString } from 'react-dom/server';
import { StartupScreen } from '../../src/taskpane/components/StartupScreen';
import { StartupProblem } from '../../src/taskpane/host';
import { en } from '../../src/taskpane/strings/en';
import { zhCN } from '../../src/taskpane/strings/zh-CN';

function withLanguage<T>(language: string, render: () => T): T {
  const had = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: { language }, configurable: true });
  try {
    return render();
  } finally {
    if (had) Object.defineProperty(globalThis, 'navigator', had);
    else delete (globalThis as { navigator?: unknown }).navigator;
  }
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ');

describe('StartupScreen', () => {
  test.each([
    ['zh-CN', zhCN],
    ['en-US', en],
  ] as const)('%s: spinner, then the still-waiting line', (language, s) => {
    const first = withLanguage(language, () => renderToString(<StartupScreen />));
    expect(first).toContain('data-testid="pane-loading"');
    expect(first).not.toContain('pane-still-waiting');
    const later = withLanguage(language, () => renderToString(<StartupScreen stillWaiting />));
    expect(later).toContain('data-testid="pane-loading"');
    expect(later).toContain('data-testid="pane-still-waiting"');
    expect(text(later)).toContain(s.startup.stillWaiting);
  });

  test.each([
    ['zh-CN', zhCN],
    ['en-US', en],
  ] as const)('%s: office.js missing inside Office, and a host that is not Excel', (language, s) => {
    const missing = withLanguage(language, () => renderToString(<StartupScreen failure={new StartupProblem('office-js-missing', '_host_Info query: x')} />));
    expect(missing).toContain('data-problem="office-js-missing"');
    expect(text(missing)).toContain(s.startup.officeJsMissing.title);
    expect(text(missing)).toContain('appsforoffice.microsoft.com');
    const notExcel = withLanguage(language, () => renderToString(<StartupScreen failure={{ name: 'StartupProblem', code: 'not-excel' }} />));
    expect(notExcel).toContain('data-problem="not-excel"');
    expect(text(notExcel)).toContain(s.startup.notExcel.title);
  });

  test('any other failure: the start-up failed sentence with its message', () => {
    const html = withLanguage('en-US', () => renderToString(<StartupScreen failure={new Error('boom')} />));
    expect(html).toContain('data-problem="failed"');
    expect(text(html)).toContain(en.startupFailed.title);
    expect(text(html)).toContain('boom');
  });
});
