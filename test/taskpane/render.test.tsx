/**
 * The pane's components rendered to HTML (react-dom/server, no DOM needed): what each state shows,
 * its texts in both languages, and the data-testid hooks the browser tests use.
 */
import { renderToString } from 'react-dom/server';
import type { ReactElement } from 'react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { dayFromYmd } from '../../src/rules/dates';
import type { Language } from '../../src/rules/types';
import { App } from '../../src/taskpane/App';
import { AttentionList } from '../../src/taskpane/components/AttentionList';
import { ClashMessage, ErrorMessage, OutcomeMessage, ProblemsMessage } from '../../src/taskpane/components/PaneMessage';
import PreviewGrid from '../../src/taskpane/components/PreviewGrid';
import { SummaryCounts } from '../../src/taskpane/components/SummaryCounts';
import { PaneError, type AttentionRow } from '../../src/taskpane/service';
import { StringsContext, stringsFor } from '../../src/taskpane/strings';
import { TODAY, attentionItem, fakeService, fakeWorkbook, summary } from './fakeService';

function html(element: ReactElement, language: Language = 'zh-CN'): string {
  return renderToString(
    <FluentProvider theme={webLightTheme}>
      <StringsContext.Provider value={stringsFor(language)}>{element}</StringsContext.Provider>
    </FluentProvider>,
  );
}

/** The text of the table cell carrying data-testid, tags stripped. */
function cellText(markup: string, testId: string): string | null {
  const m = new RegExp(`data-testid="${testId}"[^>]*>(.*?)</td>`).exec(markup);
  return m ? m[1].replace(/<[^>]+>/g, '').replace(/<!-- -->/g, '') : null;
}

/** The text inside the element carrying data-testid (first match; good enough for leaf elements). */
function textOf(markup: string, testId: string): string | null {
  const m = new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`).exec(markup);
  return m ? m[1] : null;
}

describe('App', () => {
  test('Chinese by default: the commands, the switch and the language toggle', () => {
    const markup = renderToString(<App service={fakeService()} />);
    for (const id of ['create-portfolio', 'check-portfolio', 'build-dashboard', 'keep-up-to-date', 'language-toggle']) {
      expect(markup).toContain(`data-testid="${id}"`);
    }
    expect(markup).toContain('创建项目表');
    expect(markup).toContain('检查项目表');
    expect(markup).toContain('生成仪表板');
    expect(markup).toContain('自动保持最新');
    expect(textOf(markup, 'language-toggle')).toBe('English');
    expect(markup).not.toContain('data-testid="preview-banner"');
    expect(markup).not.toContain('data-testid="check-summary"'); // nothing checked yet
  });

  test("English when Office's language is English", () => {
    const markup = renderToString(<App service={fakeService({ officeLanguage: 'en' })} />);
    expect(markup).toContain('Check portfolio');
    expect(textOf(markup, 'language-toggle')).toBe('中文');
  });

  test('the switch shows keepUpToDate()', () => {
    const on = renderToString(<App service={fakeService({ keep: true })} />);
    const off = renderToString(<App service={fakeService({ keep: false })} />);
    expect(/<input[^>]*checked=""[^>]*data-testid="keep-up-to-date"|<input[^>]*data-testid="keep-up-to-date"[^>]*checked=""/.test(on)).toBe(true);
    expect(/<input[^>]*checked=""[^>]*data-testid="keep-up-to-date"|<input[^>]*data-testid="keep-up-to-date"[^>]*checked=""/.test(off)).toBe(false);
  });

  test('an old Excel: the requirement message instead of the commands', () => {
    const service = fakeService({
      requirements: () => {
        throw new PaneError('host-too-old', { missing: 'ExcelApi 1.12' });
      },
    });
    const markup = renderToString(<App service={service} />);
    expect(markup).toContain('data-testid="message-host-too-old"');
    expect(markup).toContain('ExcelApi 1.12');
    expect(markup).not.toContain('data-testid="check-portfolio"');
    expect(markup).toContain('data-testid="language-toggle"');
  });

  test('preview mode: the banner, and the grid loaded lazily', () => {
    const markup = renderToString(<App service={fakeService({ preview: true, previewWorkbook: fakeWorkbook() })} />);
    expect(markup).toContain('data-testid="preview-banner"');
    expect(markup).toContain('内存中的示例工作簿');
    expect(markup).toContain('data-testid="check-portfolio"');
  });
});

describe('messages', () => {
  test('no portfolio: offers to create it', () => {
    const markup = html(<ErrorMessage error={new PaneError('no-portfolio')} onCreate={() => {}} />);
    expect(markup).toContain('data-testid="message-no-portfolio"');
    expect(markup).toContain('data-testid="message-create-portfolio"');
    expect(textOf(markup, 'message-create-portfolio')).toBe('创建项目表');
  });

  test('no key column: names the headers looked for and found', () => {
    const error = new PaneError('no-key-column', { looked: ['项目编号', 'ID'], found: ['客户', '名称'] });
    const zh = html(<ErrorMessage error={error} />);
    expect(zh).toContain('data-testid="message-no-key-column"');
    expect(zh).toContain('项目编号、ID');
    expect(zh).toContain('客户、名称');
    expect(html(<ErrorMessage error={error} />, 'en')).toContain('headers found: 客户, 名称');
  });

  test('wrong shape names the cell; busy offers to try again', () => {
    expect(html(<ErrorMessage error={new PaneError('wrong-shape', { address: 'Sheet1!K2' })} />)).toContain('Sheet1!K2');
    const busy = html(<ErrorMessage error={new PaneError('busy')} onRetry={() => {}} />, 'en');
    expect(busy).toContain('data-testid="message-busy"');
    expect(textOf(busy, 'message-retry')).toBe('Try again');
  });

  test('unexpected: the message, never a stack trace', () => {
    const thrown = new PaneError('unexpected', {}, 'Workbook is protected');
    thrown.stack = 'PaneError: Workbook is protected\n    at secret (controller.ts:1:1)';
    const markup = html(<ErrorMessage error={thrown} />);
    expect(markup).toContain('data-testid="message-unexpected"');
    expect(markup).toContain('Workbook is protected');
    expect(markup).not.toContain('controller.ts');
  });

  test('what an action did', () => {
    const created = html(<OutcomeMessage outcome={{ kind: 'portfolio', outcome: { created: true, addedColumns: [], addedTables: ['Settings'] } }} />);
    expect(created).toContain('data-testid="message-created"');
    expect(created).toContain('已创建项目表 Portfolio，以及 Settings 表。');
    const completed = html(
      <OutcomeMessage outcome={{ kind: 'portfolio', outcome: { created: false, addedColumns: ['Next step', 'Due'], addedTables: [] } }} />,
      'en',
    );
    expect(completed).toContain('Added 2 columns to the existing portfolio: Next step, Due.');
    expect(html(<OutcomeMessage outcome={{ kind: 'dashboard' }} />)).toContain('data-testid="message-dashboard"');
  });

  test("the check's problems, as a list", () => {
    const markup = html(<ProblemsMessage problems={['设置表第 3 行：未知的设置', 'Holidays row 2: bad date']} />);
    expect(markup).toContain('data-testid="message-problems"');
    expect(markup).toContain('<li>设置表第 3 行：未知的设置</li>');
    expect(markup).toContain('<li>Holidays row 2: bad date</li>');
  });

  test("the user's own columns left alone: one sentence, or a list; both languages", () => {
    const one = [{ userHeader: 'Severity', header: 'Severity (Launch Tracker)' }];
    const en = html(<ClashMessage clashes={one} after="check" />, 'en');
    expect(en).toContain('data-testid="message-clashes"');
    expect(en).toContain('Your column &quot;Severity&quot; was left as it is; the check wrote its results into the new column &quot;Severity (Launch Tracker)&quot;.');
    const zh = html(<ClashMessage clashes={[{ userHeader: '级别', header: '级别（Launch Tracker）' }]} after="check" />);
    expect(zh).toContain('「级别」是你自己的列，没有改动；检查结果写在新列「级别（Launch Tracker）」。');
    const two = html(
      <ClashMessage
        clashes={[
          { userHeader: '下一步', header: '下一步（Launch Tracker）' },
          { userHeader: '级别', header: '级别（Launch Tracker）' },
        ]}
        after="create"
      />,
    );
    expect(two).toContain('<li>「下一步」是你自己的列，没有改动；检查结果将写在新列「下一步（Launch Tracker）」。</li>');
    expect(two).toContain('<li>「级别」是你自己的列，没有改动；检查结果将写在新列「级别（Launch Tracker）」。</li>');
  });
});

describe('summary', () => {
  const counts = { total: 48, bySeverity: { critical: 3, error: 5, warning: 7, info: 11, ok: 22 }, overdue: 4, dueWithin7: 9, fine: 30 };
  const tiles = (pressed: string[] = []) => (
    <SummaryCounts summary={summary()} counts={counts} isPressed={(t) => pressed.includes(t)} onToggle={() => {}} />
  );

  test('counts by severity, overdue and due within 7 days, each a toggle button', () => {
    const markup = html(tiles(['error']));
    const shown = Object.fromEntries(['critical', 'error', 'warning', 'info', 'ok', 'overdue', 'due7'].map((k) => [k, textOf(markup, `count-${k}`)]));
    expect(shown).toEqual({ critical: '3', error: '5', warning: '7', info: '11', ok: '22', overdue: '4', due7: '9' });
    for (const label of ['严重', '错误', '警告', '提示', '正常', '已逾期', '7 天内到期', '2026-11-21']) expect(markup).toContain(label);
    expect(markup.match(/<button[^>]*aria-pressed="false"/g)).toHaveLength(6);
    expect(markup).toMatch(/<button[^>]*aria-pressed="true"[^>]*data-testid="tile-error"/);
    expect(html(tiles(), 'en')).toContain('Critical');
  });

  const list = (rows: AttentionRow[], language: Language = 'zh-CN', fine: number | null = 45) =>
    html(
      <AttentionList rows={rows} title={stringsFor(language).attention.title} fine={fine} emptyText="—" today={TODAY} language={language} onSelectRow={() => {}} />,
      language,
    );
  const dayList = () => summary().rows.slice(0, 3);

  test('attention rows: one Tab stop (the first row), the others focusable by arrows, in the given order, dates as YYYY-MM-DD', () => {
    const markup = list(dayList());
    const order = [...markup.matchAll(/data-testid="attention-row-(\d+)"/g)].map((m) => Number(m[1]));
    expect(order).toEqual([4, 11, 0]);
    expect(markup.match(/<tr[^>]*tabindex="0"/g)).toHaveLength(1);
    expect(markup).toMatch(/<tr[^>]*data-row-key="4"[^>]*tabindex="0"/);
    expect(markup.match(/<tr[^>]*tabindex="-1"/g)).toHaveLength(2);
    // Announced with severity, next step, due date (G-005 is overdue since 2026-11-20) and its findings.
    expect(markup).toContain('aria-label="G-005，严重：完成工信部备案短信核验（2026-11-20 前），2026-11-20 已超期。1 条发现，按右方向键展开。按 Enter 在表格中选中。"');
    expect(markup).toContain('小程序备案'); // what the due date is for, in the rules' words
    expect(markup).toContain('（无编号）');
    expect(markup).toMatch(/<table[^>]*aria-rowcount="7"/); // the header, three group headings, three rows
  });

  test("the day's list in groups: overdue, this week, later; each row says why; the rest counted as fine", () => {
    const markup = list(dayList());
    const order = [...markup.matchAll(/data-testid="attention-(group-[a-z]+|row-\d+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['group-overdue', 'row-4', 'group-week', 'row-11', 'group-later', 'row-0']);
    expect(markup).toContain('已超期 (1)');
    const why = cellText(markup, 'attention-why-4');
    expect(why).toBe(summary().rows[0].findings[0].text);
    expect(why).toContain('2026-11-20');
    expect(markup).toMatch(/data-testid="attention-why-4" title="ICP-SMS-PENDING"/);
    expect(textOf(markup, 'attention-fine')).toBe('其余 45 行暂无需处理。');
    expect(textOf(markup, 'attention-more-11')).toBe('全部 2 条'); // G-012 has two findings
    expect(list(dayList(), 'zh-CN', null)).not.toContain('attention-fine'); // a filtered list does not count the fine rows
  });

  test('in English, every text of a row checked in Chinese is rendered again from its codes and arguments', () => {
    const markup = list(dayList(), 'en');
    const step = (row: number) => cellText(markup, `attention-step-${row}`);
    expect(step(4)).toBe('Complete the MIIT SMS verification by 2026-11-20');
    expect(step(11)).toBe('Fix and resubmit the version review by 2026-11-24');
    expect(step(0)).toBe('Nothing to do');
    expect(cellText(markup, 'attention-why-4')).toBe('The SMS verification was due 2026-11-20 and was missed: the filing returns to the platform; resubmit');
    expect(cellText(markup, 'attention-why-0')).toBe('This row has data but no ID');
    expect(markup).toContain('(no ID)');
  });

  test('attention rows keep their table semantics (whatever the CSS) and their dates whole', () => {
    const markup = list([
      attentionItem({ row: 7, id: 'P-024', client: '优品家居', name: null, owner: null, nextStep: { code: 'verify.await', due: dayFromYmd(2026, 11, 24) }, due: dayFromYmd(2026, 11, 24), dueFor: 'icp', findings: [] }),
    ]);
    expect(markup).toMatch(/<table[^>]*role="table"/);
    expect(markup.match(/role="columnheader"/g)).toHaveLength(5);
    // The header row, the group heading (本周: due 2026-11-24, within 7 days of 2026-11-21), the row.
    expect(markup.match(/<tr[^>]*role="row"/g)).toHaveLength(3);
    expect(markup).toMatch(/data-testid="attention-group-week"[^>]*><th role="rowheader"[^>]*>本周 \(1\)<\/th>/);
    expect(markup.match(/<td role="cell"/g)).toHaveLength(5); // no finding: no "why", nothing to expand
    expect(textOf(markup, 'attention-due-7')).toBe('2026-11-24');
    expect(markup).toMatch(/2026-11-24<\/span>/);
  });

  test('a long list is virtualized: a screenful of its 5,000 rows is in the page, no "show more"', () => {
    const many: AttentionRow[] = Array.from({ length: 5000 }, (_, i) =>
      attentionItem({ row: i, id: `G-${i}`, client: null, name: null, owner: null, nextStep: { code: 'version.submit' }, due: dayFromYmd(2026, 12, 1), dueFor: 'version', findings: [] }),
    );
    const markup = list(many, 'en');
    const rendered = markup.match(/data-testid="attention-row-/g)!.length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(40);
    expect(markup).toMatch(/<table[^>]*aria-rowcount="5002"/);
    expect(markup).not.toMatch(/Show more|显示更多/);
  });

  test('no row needs attention', () => {
    expect(list([])).toContain('data-testid="attention-empty"');
  });
});

describe('preview grid', () => {
  test('cells with test IDs, fills and the selected row', () => {
    const markup = html(<PreviewGrid workbook={fakeWorkbook()} />);
    expect(markup).toContain('data-testid="preview-grid"');
    expect(markup).toContain('data-testid="preview-sheet-Portfolio"');
    expect(markup).toContain('data-testid="preview-sheet-Settings"');
    expect(textOf(markup, 'preview-cell-0-0')).toBe('项目编号');
    expect(textOf(markup, 'preview-cell-1-0')).toBe('G-001');
    expect(markup).toMatch(/style="[^"]*background-color:#F4B6B6;color:#242424"[^>]*data-testid="preview-cell-1-0"/);
    expect(markup).toMatch(/style="[^"]*background-color:#203040;color:#ffffff"[^>]*data-testid="preview-cell-1-2"/);
    expect(markup).toMatch(/<tr[^>]*aria-selected="true"[^>]*data-row="2" data-selected="true">/);
    expect(markup).toMatch(/<tr[^>]*aria-selected="false"[^>]*data-row="1">/);
    expect(markup.match(/<td[^>]*tabindex="0"/g)).toHaveLength(1); // one cell in the tab order
  });

  test('a large sheet renders the rows in view, and tells assistive technology how many there are', () => {
    const markup = html(<PreviewGrid workbook={fakeWorkbook(100_000)} />);
    const rendered = [...markup.matchAll(/<tr[^>]*data-row="(\d+)"/g)].map((m) => Number(m[1]));
    // The frozen header row and about a screen of rows after it, not 100,000.
    expect(rendered[0]).toBe(0);
    expect(rendered.length).toBeGreaterThan(20);
    expect(rendered.length).toBeLessThan(60);
    expect(markup).toMatch(/<table role="grid"[^>]*aria-rowcount="100001"[^>]*aria-colcount="4"/);
    expect(markup).toContain('aria-rowindex="100000"'.replace('100000', String(rendered[5] + 2)));
  });
});
