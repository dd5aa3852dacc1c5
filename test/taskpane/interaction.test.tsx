/**
 * @jest-environment jsdom
 *
 * The pane in a DOM (react-dom/client on jsdom): clicks, keys and the service calls they make.
 */
import { act } from 'react';
import { App } from '../../src/taskpane/App';
import PreviewGrid from '../../src/taskpane/components/PreviewGrid';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { PaneError, type CheckSummary, type PaneService, type Progress } from '../../src/taskpane/service';
import { fakeService, fakeWorkbook, summary } from './fakeService';
import { byTestId, click, container, key, mount, need, unmount } from './dom';



/** Types into a controlled input the way React notices: the native value setter, then an input event. */
async function type(input: HTMLInputElement, text: string): Promise<void> {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** A promise with its resolve/reject outside, to hold a service call open. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

afterEach(async () => {
  await unmount();
  document.body.innerHTML = '';
});

describe('pane interactions', () => {
  test('check: progress while it runs, then counts and the attention list', async () => {
    const pending = deferred<CheckSummary>();
    let report: ((p: Progress) => void) | undefined;
    const service = fakeService({
      check: (_language, onProgress) => {
        report = onProgress;
        return pending.promise;
      },
    });
    await mount(<App service={service} />);
    await click(need('check-portfolio'));
    expect(service.calls.check).toEqual(['zh-CN']);
    expect(byTestId('check-progress')).not.toBeNull();
    await act(async () => report!({ phase: 'write', fraction: 0.5 }));
    expect(need('check-progress').textContent).toContain('写回中… 50%');
    expect(need('check-portfolio').getAttribute('aria-disabled')).toBe('true');

    await act(async () => pending.resolve(summary()));
    expect(byTestId('check-progress')).toBeNull();
    // The tiles count the rows: one critical (G-005), overdue since 2026-11-20; G-012 due 2026-11-24.
    expect(need('count-critical').textContent).toBe('1');
    expect(need('count-due7').textContent).toBe('1');
    expect(need('attention-row-4').textContent).toContain('G-005');
    expect(need('check-portfolio').getAttribute('aria-disabled')).toBeNull();
  });

  test('a row selects itself in the sheet on click, Enter and Space', async () => {
    const service = fakeService();
    await mount(<App service={service} />);
    await click(need('check-portfolio'));
    await click(need('attention-row-11'));
    await key(need('attention-row-4'), 'Enter');
    await key(need('attention-row-0'), ' ');
    await key(need('attention-row-0'), 'a');
    expect(service.calls.select).toEqual([11, 4, 0]);
    await act(async () => need('attention-row-4').focus());
    await key(need('attention-row-4'), 'ArrowDown');
    expect(document.activeElement).toBe(need('attention-row-11'));
  });

  test('the list is one Tab stop that follows the focus; arrows, Home and End move inside it', async () => {
    await mount(<App service={fakeService()} />);
    await click(need('check-portfolio'));
    const tabStops = () => [...container.querySelectorAll('[data-testid^="attention-row-"]')].filter((r) => r.getAttribute('tabindex') === '0').map((r) => r.getAttribute('data-testid'));
    expect(tabStops()).toEqual(['attention-row-4']);
    await act(async () => need('attention-row-4').focus());
    await key(need('attention-row-4'), 'End');
    expect(document.activeElement).toBe(need('attention-row-0'));
    expect(tabStops()).toEqual(['attention-row-0']);
    await key(need('attention-row-0'), 'ArrowUp');
    expect(document.activeElement).toBe(need('attention-row-11'));
    await key(need('attention-row-11'), 'Home');
    expect(document.activeElement).toBe(need('attention-row-4'));
    expect(tabStops()).toEqual(['attention-row-4']);
  });

  test('the language toggle switches the texts and the language passed to the service', async () => {
    const service = fakeService();
    await mount(<App service={service} />);
    await click(need('language-toggle'));
    expect(need('check-portfolio').textContent).toBe('Check portfolio');
    expect(document.documentElement.lang).toBe('en');
    await click(need('check-portfolio'));
    await click(need('build-dashboard'));
    expect(service.calls.check).toEqual(['en']);
    expect(service.calls.dashboard).toEqual(['en']);
    expect(need('message-dashboard').textContent).toContain('Dashboard');
  });

  test('no portfolio: the message offers to create it, and creating reports what was made', async () => {
    const service = fakeService({
      check: async () => {
        throw new PaneError('no-portfolio');
      },
    });
    await mount(<App service={service} />);
    await click(need('check-portfolio'));
    expect(byTestId('message-no-portfolio')).not.toBeNull();
    await click(need('message-create-portfolio'));
    expect(service.calls.create).toEqual(['zh-CN']);
    expect(byTestId('message-no-portfolio')).toBeNull();
    expect(need('message-created').textContent).toContain('Settings、Holidays、Materials');
  });

  test('busy: try again runs the same command again', async () => {
    let calls = 0;
    const service = fakeService({
      check: async () => {
        if (++calls === 1) throw new PaneError('busy');
        return summary();
      },
    });
    await mount(<App service={service} />);
    await click(need('check-portfolio'));
    await click(need('message-retry'));
    expect(calls).toBe(2);
    expect(byTestId('message-busy')).toBeNull();
    expect(need('count-ok').textContent).toBe('1');
  });

  test('an unexpected error shows its message only', async () => {
    const service = fakeService({
      dashboard: async () => {
        throw new TypeError('Cannot read properties of undefined');
      },
    });
    await mount(<App service={service} />);
    await click(need('build-dashboard'));
    const bar = need('message-unexpected');
    expect(bar.textContent).toContain('Cannot read properties of undefined');
    expect(bar.textContent).not.toContain(' at ');
  });

  test('keep up to date: the switch calls the service, and automatic re-checks refresh the counts', async () => {
    const service = fakeService();
    await mount(<App service={service} />);
    const toggle = need<HTMLInputElement>('keep-up-to-date');
    expect(toggle.checked).toBe(false);
    await click(toggle);
    expect(service.calls.keep).toEqual([[true, 'zh-CN']]);
    expect(need<HTMLInputElement>('keep-up-to-date').checked).toBe(true);
    await click(need('language-toggle')); // later automatic re-checks write English
    expect(service.calls.keep).toEqual([[true, 'zh-CN'], [true, 'en']]);

    // G-005 (critical) fixed in the sheet: the re-check's rows no longer hold it.
    await act(async () => service.update(summary({ rows: summary().rows.filter((r) => r.id !== 'G-005') })));
    expect(need('count-critical').textContent).toBe('0');
    expect(byTestId('attention-row-4')).toBeNull();
  });

  test('keep up to date: a refusal puts the switch back and says why', async () => {
    const service = fakeService({
      setKeep: async () => {
        throw new PaneError('busy');
      },
    });
    await mount(<App service={service} />);
    await click(need('keep-up-to-date'));
    expect(need<HTMLInputElement>('keep-up-to-date').checked).toBe(false);
    expect(byTestId('message-busy')).not.toBeNull();
  });
});

describe('the user’s own columns a check left alone', () => {
  const clashes = [
    { userHeader: '下一步', header: '下一步（Launch Tracker）' },
    { userHeader: '级别', header: '级别（Launch Tracker）' },
  ];

  test('a check that added its columns beside the user’s says so, in both languages; dismissed, it goes', async () => {
    let withClashes = true;
    const service = fakeService({ check: async () => summary(withClashes ? { clashes } : {}) });
    await mount(<App service={service} />);
    expect(byTestId('message-clashes')).toBeNull();
    await click(need('check-portfolio'));
    const bar = need('message-clashes');
    expect(bar.textContent).toContain('「级别」是你自己的列，没有改动；检查结果写在新列「级别（Launch Tracker）」');
    expect(bar.textContent).toContain('「下一步」是你自己的列，没有改动；检查结果写在新列「下一步（Launch Tracker）」');
    await click(need('language-toggle'));
    expect(need('message-clashes').textContent).toContain('Your column "级别" was left as it is; the check wrote its results into the new column "级别（Launch Tracker）"');
    await click(bar.querySelector<HTMLElement>('button[aria-label="Dismiss"]')!);
    expect(byTestId('message-clashes')).toBeNull();
    // A re-check that reuses the columns (no clashes) shows nothing.
    withClashes = false;
    await click(need('check-portfolio'));
    expect(byTestId('message-clashes')).toBeNull();
    expect(need('count-ok').textContent).toBe('1');
  });

  test('the next command clears it; an automatic re-check that added columns shows it', async () => {
    const service = fakeService({ check: async () => summary({ clashes: clashes.slice(1) }) });
    await mount(<App service={service} />);
    await click(need('check-portfolio'));
    expect(byTestId('message-clashes')).not.toBeNull();
    await click(need('build-dashboard'));
    expect(byTestId('message-clashes')).toBeNull();
    await act(async () => service.update(summary({ clashes: clashes.slice(1) })));
    expect(need('message-clashes').textContent).toContain('「级别」是你自己的列');
  });

  test('"Create portfolio" on a table with the user’s 级别: the message says checks will write beside it', async () => {
    const service = fakeService({ create: async () => ({ created: false, addedColumns: ['级别（Launch Tracker）'], addedTables: [], clashes: clashes.slice(1) }) });
    await mount(<App service={service} />);
    await click(need('create-portfolio'));
    expect(need('message-created').textContent).toContain('级别（Launch Tracker）');
    expect(need('message-clashes').textContent).toContain('「级别」是你自己的列，没有改动；检查结果将写在新列「级别（Launch Tracker）」');
  });

  test('end to end on the in-memory Excel: a user’s 级别 and 下一步, the real controller, the message', async () => {
    const { addTable } = await import('../../src/excel/fake/example');
    const { fakeExcel } = await import('../../src/excel/fake/api');
    const { WorkbookModel } = await import('../../src/excel/fake/model');
    const { createRuntime } = await import('../../src/excel/runtime');
    const { memoryDocumentSettings } = await import('../../src/excel/workbook');
    const { ExcelPaneService } = await import('../../src/taskpane/paneService');
    const model = new WorkbookModel();
    addTable(model, '项目', 'Portfolio', [
      ['项目编号', '客户', '级别', '下一步'],
      ['G-1', '云帆', 'VIP', '等王总确认'],
    ]);
    const runtime = createRuntime(fakeExcel(model), 'zh-CN');
    const service = new ExcelPaneService({ runtime, settings: memoryDocumentSettings(model.settings), isSetSupported: () => true, officeLanguage: 'zh-CN' });
    await mount(<App service={service} />);
    await click(need('check-portfolio'));
    await act(async () => {
      for (let i = 0; i < 50 && !byTestId('message-clashes'); i++) await new Promise((r) => setTimeout(r, 20));
    });
    expect(need('message-clashes').textContent).toContain('「级别」是你自己的列，没有改动；检查结果写在新列「级别（Launch Tracker）」');
    const sheet = model.sheet('项目')!;
    expect([sheet.value(1, 2), sheet.value(1, 3)]).toEqual(['VIP', '等王总确认']);
    runtime.store.dispose();
  });
});

describe('preview grid interactions', () => {
  // The grid's scroller has a window's size in jsdom too (dom.ts).
  const grid = async (workbook = fakeWorkbook()) => {
    await mount(
      <FluentProvider theme={webLightTheme}>
        <PreviewGrid workbook={workbook} />
      </FluentProvider>,
    );
    return workbook;
  };

  test('double-click, type, Enter: the edit goes to the workbook and the cursor moves down', async () => {
    const workbook = await grid();
    await act(async () => need('preview-cell-1-1').dispatchEvent(new MouseEvent('dblclick', { bubbles: true })));
    const editor = need<HTMLInputElement>('preview-cell-editor');
    expect(editor.value).toBe('客户1');
    await type(editor, '新客户');
    await key(editor, 'Enter');
    expect(workbook.edits).toEqual([['Portfolio', 1, 1, '新客户']]);
    expect(byTestId('preview-cell-editor')).toBeNull();
    expect(need('preview-cell-1-1').textContent).toBe('新客户');
    expect(document.activeElement).toBe(need('preview-cell-2-1'));
  });

  test('keyboard: arrows move, typing starts an edit, Escape cancels, Delete clears', async () => {
    const workbook = await grid();
    need('preview-cell-0-0').focus();
    await key(need('preview-cell-0-0'), 'ArrowDown');
    await key(document.activeElement as HTMLElement, 'ArrowRight');
    expect(document.activeElement).toBe(need('preview-cell-1-1'));
    await key(need('preview-cell-1-1'), 'x');
    expect(need<HTMLInputElement>('preview-cell-editor').value).toBe('x');
    await key(need('preview-cell-editor'), 'Escape');
    expect(byTestId('preview-cell-editor')).toBeNull();
    expect(workbook.edits).toEqual([]);
    await key(need('preview-cell-1-1'), 'Delete');
    expect(workbook.edits).toEqual([['Portfolio', 1, 1, '']]);
  });

  test('sheet tabs: one Tab stop, arrows, Home and End move between them (wrapping), a click opens the sheet', async () => {
    const workbook = await grid();
    const tabs = ['Portfolio', 'Settings'].map((name) => need(`preview-sheet-${name}`));
    expect(tabs.map((t) => [t.getAttribute('role'), t.getAttribute('aria-selected'), t.tabIndex])).toEqual([
      ['tab', 'true', 0],
      ['tab', 'false', -1],
    ]);
    tabs[0].focus();
    await key(tabs[0], 'ArrowRight');
    expect(document.activeElement).toBe(tabs[1]);
    await key(tabs[1], 'ArrowRight');
    expect(document.activeElement).toBe(tabs[0]);
    await key(tabs[0], 'End');
    expect(document.activeElement).toBe(tabs[1]);
    expect(workbook.activeSheet()).toBe('Portfolio'); // moving the focus does not open a sheet
    await click(tabs[1]);
    expect(workbook.activeSheet()).toBe('Settings');
    expect(need('preview-sheet-Settings').getAttribute('aria-selected')).toBe('true');
  });

  test('sheet tabs activate sheets; workbook changes re-render', async () => {
    const workbook = await grid();
    await click(need('preview-sheet-Settings'));
    expect(workbook.activeSheet()).toBe('Settings');
    expect(need('preview-cell-0-0').textContent).toBe('设置');
  });

  test('in preview the App loads the grid beside the pane', async () => {
    const service: PaneService = fakeService({ preview: true, previewWorkbook: fakeWorkbook() });
    await mount(<App service={service} />);
    for (let i = 0; i < 20 && !byTestId('preview-grid'); i++) await act(async () => new Promise((r) => setTimeout(r, 10)));
    expect(byTestId('preview-banner')).not.toBeNull();
    expect(need('preview-cell-1-0').textContent).toBe('G-001');
  });
});

describe('filters: tiles, search, owner, clear', () => {
  const listed = () => [...container.querySelectorAll('[data-testid^="attention-row-"]')].map((r) => r.getAttribute('data-testid')!.replace('attention-row-', ''));

  async function checked(): Promise<void> {
    localStorage.clear();
    await mount(<App service={fakeService()} />);
    await click(need('check-portfolio'));
  }

  afterEach(() => localStorage.clear());

  test("the day's list by default: G-031 (ok, nothing due) is not on it and counts as fine", async () => {
    await checked();
    expect(listed()).toEqual(['4', '11', '0']);
    expect(need('attention-fine').textContent).toBe('其余 1 行暂无需处理。');
    expect(byTestId('filters-active')).toBeNull();
  });

  test('a tile shows only its rows, pressed again it lets go; a severity and a due tile combine', async () => {
    await checked();
    await click(need('tile-ok'));
    expect(need('tile-ok').getAttribute('aria-pressed')).toBe('true');
    expect(listed()).toEqual(['30']); // beyond the day's list: the ok row G-031
    expect(need('attention-title').textContent).toBe('筛选结果 (1)');
    expect(need('filters-active').textContent).toBe('当前显示：正常');
    await click(need('tile-ok'));
    expect(listed()).toEqual(['4', '11', '0']);
    await click(need('tile-critical'));
    await click(need('tile-overdue'));
    expect(listed()).toEqual(['4']);
    await click(need('tile-due7'));
    expect(need('tile-overdue').getAttribute('aria-pressed')).toBe('false'); // one due tile at a time
    expect(byTestId('attention-list')).toBeNull();
    expect(need('attention-empty').textContent).toBe('没有符合筛选条件的行。');
  });

  test('search finds a row by client, by name or by an ID typed in full-width letters; clear shows the day again', async () => {
    await checked();
    await type(need<HTMLInputElement>('filter-search'), '远山');
    expect(listed()).toEqual(['30']);
    await type(need<HTMLInputElement>('filter-search'), '跑酷');
    expect(listed()).toEqual(['11']);
    await type(need<HTMLInputElement>('filter-search'), 'ｇ－００５'); // an IME's full-width "G-005"
    expect(listed()).toEqual(['4']);
    expect(need('filters-active').textContent).toBe('当前显示：“ｇ－００５”');
    await click(need('filters-clear'));
    expect(need<HTMLInputElement>('filter-search').value).toBe('');
    expect(listed()).toEqual(['4', '11', '0']);
    expect(byTestId('filters-clear')).toBeNull();
  });

  test('asked once which owner I am; clearing the filters shows everyone for now, the choice stays remembered', async () => {
    await checked();
    expect(need('who-am-i').textContent).toContain('你是哪位负责人');
    await unmount();
    localStorage.setItem('launchTracker.owner', '张敏');
    await mount(<App service={fakeService()} />);
    await click(need('check-portfolio'));
    expect(byTestId('who-am-i')).toBeNull();
    expect(listed()).toEqual(['4']);
    expect(need('count-error').textContent).toBe('0'); // the tiles count my rows
    expect(need('filters-active').textContent).toBe('当前显示：张敏');
    await click(need('filters-clear'));
    expect(listed()).toEqual(['4', '11', '0']);
    expect(localStorage.getItem('launchTracker.owner')).toBe('张敏');
  });

  test('Right shows all of a row\'s findings with their rule IDs, Left hides them; the mouse has "all 2"', async () => {
    localStorage.clear();
    const service = fakeService();
    await mount(<App service={service} />);
    await click(need('check-portfolio'));
    const row = need('attention-row-11');
    expect(row.getAttribute('aria-label')).toContain('2 条发现，按右方向键展开');
    await key(row, 'ArrowRight');
    expect(need('attention-row-11').getAttribute('aria-label')).toContain('已展开 2 条发现，按左方向键收起');
    const all = need('attention-findings-11').textContent!;
    expect(all).toContain('FLOW-REJECTED');
    expect(all).toContain('VERIFY-SLA');
    expect(all).toContain('2026-11-17');
    await key(need('attention-row-11'), 'ArrowLeft');
    expect(byTestId('attention-findings-11')).toBeNull();
    await click(need('attention-more-11'));
    expect(byTestId('attention-findings-11')).not.toBeNull();
    expect(service.calls.select).toEqual([]); // showing the findings did not select the row
    await click(need('attention-row-11'));
    expect(service.calls.select).toEqual([11]);
  });

  test('switching language re-renders next steps and findings at once, without checking again', async () => {
    localStorage.clear();
    const service = fakeService();
    await mount(<App service={service} />);
    await click(need('check-portfolio'));
    expect(need('attention-step-4').textContent).toBe('完成工信部备案短信核验（2026-11-20 前）');
    await click(need('language-toggle'));
    expect(service.calls.check).toEqual(['zh-CN']); // no second check
    expect(need('attention-step-4').textContent).toBe('Complete the MIIT SMS verification by 2026-11-20');
    expect(need('attention-why-11').textContent).toContain('rejected');
    expect(need('attention-row-4').getAttribute('aria-label')).toContain('Critical: Complete the MIIT SMS verification by 2026-11-20, overdue since 2026-11-20');
  });
});

describe('calendar export', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    localStorage.clear();
  });

  test("the button saves my rows' .ics (a data: URL download) and says what it held", async () => {
    localStorage.setItem('launchTracker.owner', '张敏');
    const service = fakeService();
    const saved: { href: string; download: string }[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download });
    });
    await mount(<App service={service} />);
    await click(need('check-portfolio'));
    expect(need('calendar-export').textContent).toBe('张敏 的截止日期导出到日历（.ics）');
    await click(need('calendar-export'));
    await act(async () => undefined);
    expect(service.calls.calendar).toEqual([['zh-CN', '张敏']]);
    expect(saved).toEqual([{ download: 'launch-tracker-张敏-2026-11-21.ics', href: expect.stringMatching(/^data:text\/calendar;charset=utf-8,BEGIN%3AVCALENDAR%0D%0A/) }]);
    expect(need('calendar-saved').textContent).toContain('3 个事件，1 个已取消');
  });

  test('where Excel cannot download (Mac): the command to run instead, nothing exported', async () => {
    localStorage.setItem('launchTracker.owner', '张敏');
    const service = fakeService({ canDownload: false });
    await mount(<App service={service} />);
    await click(need('check-portfolio'));
    await click(need('calendar-export'));
    expect(service.calls.calendar).toEqual([]);
    expect(need('calendar-steps').textContent).toContain('launch-tracker calendar 项目表.xlsx --owner 张敏');
  });
});
