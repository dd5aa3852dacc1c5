/**
 * @jest-environment jsdom
 *
 * 自上次检查 / Since last check in the pane: below the counts after a check, each item a link that
 * selects its row, of my rows when an owner is chosen, re-rendered at once in the other language.
 */
import { act } from 'react';
import { App } from '../../src/taskpane/App';
import type { SinceView } from '../../src/taskpane/service';
import { fakeService, summary } from './fakeService';
import { byTestId, click, container, mount, need, unmount } from './dom';

const SINCE: SinceView = {
  previous: { checkedAt: Date.UTC(2026, 10, 20, 18, 0), source: 'cli' }, // 2026-11-21 02:00 in China
  records: 6,
  items: [
    { kind: 'overdue', id: 'G-005', detail: '2026-11-20', row: 4, owner: '张敏' },
    { kind: 'approved', id: 'G-031', detail: 'version', row: 30, owner: '李雷' },
    { kind: 'severityUp', id: 'G-005', detail: 'warning>critical', row: 4, owner: '张敏' },
    { kind: 'findingsCleared', id: 'G-031', detail: 'FLOW-SLA', row: 30, owner: '李雷' },
    { kind: 'removed', id: 'G-099', detail: null, row: null, owner: null },
  ],
  blocked: null,
};

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

afterEach(async () => {
  await unmount();
  document.body.innerHTML = '';
  localStorage.clear();
});

async function checked(since: SinceView = SINCE) {
  const service = fakeService({ check: async () => summary({ since }) });
  await mount(<App service={service} />);
  await click(need('check-portfolio'));
  return service;
}

const items = () => [...container.querySelectorAll<HTMLElement>('[data-testid^="since-item-"]')];

test('after a check: the section below the counts, its items in the kinds order, a click selects the row', async () => {
  const service = await checked();
  const section = need('since-last-check');
  // Below the counts.
  expect(need('check-summary').compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  expect(section.textContent).toContain('自上次检查');
  expect(need('since-caption').textContent).toBe('与 2026-11-21 02:00 的检查（命令行）相比。 已在变更记录中记录 6 项变更。');
  expect(need('since-kind-overdue').textContent).toContain('新超期 1');
  expect(items().map((i) => i.textContent)).toEqual(['G-005（2026-11-20）', 'G-031（版本审核）', 'G-005（警告 → 严重）', 'G-031（FLOW-SLA）']);
  // A removed row has no row to select: shown, not a link.
  expect(need('since-kind-removed').textContent).toContain('G-099');
  await click(items()[1]);
  expect(service.calls.select).toEqual([30]);
});

test('the owner filter keeps my rows only; the other language re-renders every text at once', async () => {
  localStorage.setItem('launchTracker.owner', '李雷');
  await checked();
  expect(items().map((i) => i.dataset.testid)).toEqual(['since-item-30', 'since-item-30']);
  expect(byTestId('since-kind-removed')).toBeNull();
  await click(need('language-toggle'));
  expect(need('since-last-check').textContent).toContain('Since last check');
  expect(need('since-caption').textContent).toBe('Compared with the check of 2026-11-21 02:00 (command line). 6 changes recorded in History.');
  expect(items().map((i) => i.textContent)).toEqual(['G-031 (version review)', 'G-031 (FLOW-SLA)']);
});

test('a first check (a baseline) shows no section; a sheet of the user under the name says why nothing is recorded', async () => {
  await checked({ previous: null, records: 1, items: [], blocked: null });
  expect(byTestId('since-last-check')).toBeNull();
  await unmount();
  await checked({ previous: null, records: 0, items: [], blocked: { what: 'sheet', name: 'LaunchTrackerState' } });
  expect(need('since-caption').textContent).toContain('你自己的工作表「LaunchTrackerState」');
});

test('no since-last-check section before any check, nor when the check recorded nothing', async () => {
  const service = fakeService();
  await mount(<App service={service} />);
  expect(byTestId('since-last-check')).toBeNull();
  await act(async () => undefined);
  await click(need('check-portfolio'));
  expect(byTestId('since-last-check')).toBeNull();
});
