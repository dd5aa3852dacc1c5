/**
 * @jest-environment jsdom
 *
 * The Diagnostics section of the pane: the run's results as they come, the request to type
 * into a cell, the report with one element per check, and the Copy button.
 */
import { act } from 'react';
import { App } from '../../src/taskpane/App';
import type { DiagnosticResult } from '../../src/excel/diagnostics';
import type { DiagnosticsListener } from '../../src/taskpane/service';
import { fakeService } from './fakeService';
import { click, container, mount, need, unmount } from './dom';

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

afterEach(unmount);

test('a run shows each check as it finishes, asks for the edit, then the report with its counts; Copy puts the text on the clipboard', async () => {
  let finish: () => void = () => undefined;
  let seen: DiagnosticsListener | null = null;
  const results: DiagnosticResult[] = [
    { name: 'requirements', state: 'pass', reason: 'ExcelApi 1.8 supported', ms: 1 },
    { name: 'event-user-edit', state: 'skip', reason: 'no edit within 60 s', ms: 60_000 },
    { name: 'custom-functions', state: 'fail', reason: '=LAUNCH.ADDINVERSION() shows "#NAME?"', ms: 15_000 },
  ];
  const service = fakeService({
    officeLanguage: 'en',
    diagnostics: (listener) => {
      seen = listener;
      return new Promise((resolve) => (finish = () => resolve({ startedAt: Date.UTC(2026, 11, 2, 3), host: 'PC', results })));
    },
  });
  const written: string[] = [];
  Object.assign(navigator, { clipboard: { writeText: async (text: string) => void written.push(text) } });
  await mount(<App service={service} />);
  await click(need('run-diagnostics'));
  expect(need('run-diagnostics').getAttribute('aria-disabled')).toBe('true');

  await act(async () => {
    seen!.onResult(results[0]);
    seen!.onAskForEdit('LT-diagnostics-X1', 'B3');
  });
  expect(need('diagnostic-requirements').dataset.state).toBe('pass');
  expect(need('diagnostics-prompt').textContent).toBe(
    'Now type anything into cell B3 of the sheet "LT-diagnostics-X1" and press Enter (the check waits a minute, then skips).',
  );

  await act(async () => {
    seen!.onResult(results[1]);
    seen!.onResult(results[2]);
    finish();
  });
  expect(container.querySelector('[data-testid="diagnostics-prompt"]')).toBeNull();
  const items = [...need('diagnostics-report').querySelectorAll('li')];
  expect(items.map((li) => [li.dataset.testid, li.dataset.state])).toEqual([
    ['diagnostic-requirements', 'pass'],
    ['diagnostic-event-user-edit', 'skip'],
    ['diagnostic-custom-functions', 'fail'],
  ]);
  expect(items[2].textContent).toContain('LAUNCH functions answer');
  expect(items[2].textContent).toContain('=LAUNCH.ADDINVERSION() shows "#NAME?"');
  expect(need('diagnostics-summary').textContent).toBe('1 passed, 1 failed, 1 skipped.');

  await click(need('diagnostics-copy'));
  expect(written).toHaveLength(1);
  expect(written[0].split('\n')[3]).toBe('FAIL custom-functions (15000 ms): =LAUNCH.ADDINVERSION() shows "#NAME?"');
  expect(container.textContent).toContain('Copied.');
});

test('in Chinese the checks are named in Chinese', async () => {
  await mount(<App service={fakeService({ officeLanguage: 'zh-CN' })} />);
  await click(need('run-diagnostics'));
  expect(need('diagnostic-read-tables').textContent).toContain('一次请求读取四个表');
  expect(need('diagnostic-read-tables').textContent).toContain('通过');
  expect(need('diagnostics-summary').textContent).toBe('通过 15 项，失败 0 项，跳过 0 项。');
});
