/**
 * The task pane in Debian's Chromium, on the production build (dist/), in preview mode: outside
 * Office the pane runs on an in-memory workbook holding the example portfolio (48 rows, Settings
 * asOf 2026-11-21) and shows it beside the commands. Every test gets a fresh page (a fresh
 * workbook), fails on any page or console error, and never reaches past 127.0.0.1 (office.js's
 * telemetry iframe is aborted). Screenshots go to test-artifacts/browser/.
 *
 * Run by `npm test` / `npm run test:browser`, which build dist/ and install Chromium first.
 */
import type { Page } from 'playwright-core';
import {
  EXAMPLE_TODAY,
  SEVERITY_ORDER,
  browserSuite,
  counts,
  editCell,
  eventually,
  openPane,
  portfolio,
  renderedFonts,
  revealCell,
  screenshot,
  sheet,
  sheetTabs,
  text,
} from './harness';
import { eachListScreen, listedRows } from './list';

/** The columns the product writes (README "Columns the product writes"), in order. */
const OUTPUT_HEADERS = ['当前阶段', '下一步', '可同时办理', '最近截止', '截止事项', '预计上线', '级别', '提醒', '直播资格', '检查时间'];
const SEVERITY_ZH = { critical: '严重', error: '错误', warning: '警告', info: '提示', ok: '正常' } as const;
const SEVERITY_EN = { critical: 'critical', error: 'error', warning: 'warning', info: 'info', ok: 'ok' } as const;
const EXAMPLE_SHEETS = ['项目', '设置', '节假日', '材料'];
const EXAMPLE_ROWS = 48;
/** "(RULE-ID)" at the end of each finding, full-width or half-width brackets. */
const RULE_ID = /[（(][A-Z]+(?:-[A-Z0-9]+)+[）)]/;

// A fresh page per test, which fails on any page or console error and never leaves 127.0.0.1.
const suite = browserSuite({ strict: true });

async function open(viewport?: { width: number; height: number }): Promise<Page> {
  suite.pane = await openPane(suite.browser, suite.url, viewport);
  return suite.pane.page;
}

async function check(page: Page): Promise<void> {
  await page.getByTestId('check-portfolio').click();
  await page.getByTestId('count-critical').waitFor();
  await eventually(async () => expect(await page.getByTestId('check-portfolio').getAttribute('aria-disabled')).toBeNull());
}

/** The attention list's rows, read by scrolling through it: the 0-based table row each selects, its severity, group and cell texts. */
const attention = listedRows;

/** Scrolls the grid (not the page) so that a cell shows in the screenshot. */
async function showCell(page: Page, row: number, column: number): Promise<void> {
  await revealCell(page, row, column);
}

async function buttonLabels(page: Page) {
  return {
    check: await text(page, 'check-portfolio'),
    create: await text(page, 'create-portfolio'),
    dashboard: await text(page, 'build-dashboard'),
    language: await text(page, 'language-toggle'),
    keep: (await page.locator(`label[for="${await page.getByTestId('keep-up-to-date').getAttribute('id')}"]`).textContent()) ?? '',
  };
}

/** Nothing wider than the window: no sideways scrolling, every command inside the pane. */
function fits(page: Page) {
  return page.evaluate(() => ({
    page: document.documentElement.scrollWidth <= window.innerWidth,
    buttons: [...document.querySelectorAll('main button, main [role="switch"]')].every((b) => b.getBoundingClientRect().right <= window.innerWidth),
  }));
}

/**
 * How the pane lays out in its window: the widths of the page, <main> and the attention list
 * (scrollWidth > clientWidth means something inside sticks out), the elements reaching past
 * <main>'s right edge, every due date of the attention list, and every YYYY-MM-DD date written
 * anywhere in <main> (next steps, "checked for"), each with the number of lines it takes.
 */
function layout(page: Page) {
  return page.evaluate(() => {
    const main = document.querySelector('main')!;
    const edge = main.getBoundingClientRect();
    const widths = (el: Element | null) =>
      el && { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, right: Math.round(el.getBoundingClientRect().right) };
    const inside = (r: DOMRect) => r.left >= edge.left - 0.5 && r.right <= edge.right + 0.5;
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${(el.textContent ?? '').slice(0, 40)}"`;
    const list = document.querySelector('[data-testid="attention-list"]');
    const due = [...document.querySelectorAll<HTMLElement>('[data-testid^="attention-due-"]')].map((el) => {
      const cell = el.closest('td') ?? el.parentElement!;
      const text = document.createRange();
      text.selectNodeContents(el);
      return {
        id: el.dataset.testid ?? '',
        text: el.textContent ?? '',
        boxes: el.getClientRects().length,
        lines: text.getClientRects().length,
        clipped: el.scrollWidth > el.clientWidth || cell.scrollWidth > cell.clientWidth || !inside(el.getBoundingClientRect()),
      };
    });
    const dates: { text: string; lines: number; inside: boolean }[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of (node.textContent ?? '').matchAll(/\d{4}-\d{2}-\d{2}/g)) {
        const range = document.createRange();
        range.setStart(node, m.index!);
        range.setEnd(node, m.index! + m[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        if (rects.length === 0) continue; // not rendered (the visually hidden table header has no dates)
        dates.push({ text: m[0], lines: rects.length, inside: inside(range.getBoundingClientRect()) });
      }
    }
    return {
      window: window.innerWidth,
      page: document.documentElement.scrollWidth,
      main: widths(main)!,
      list: widths(list),
      listBox: widths(list?.parentElement ?? null),
      outside: [...main.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > edge.right + 0.5).slice(0, 5).map(describe),
      rows: document.querySelectorAll('[data-testid^="attention-row-"]').length,
      due,
      dates,
    };
  });
}

/** The layout assertions of a narrow pane after a check (see layout()). */
async function expectFitsAfterCheck(page: Page): Promise<void> {
  // The list is virtualized: measure each of its screens, and every row's due date on the one it shows on.
  const screens: Awaited<ReturnType<typeof layout>>[] = [];
  await eachListScreen(page, async () => void screens.push(await layout(page)));
  const due = new Map(screens.flatMap((screen) => screen.due.map((d) => [d.id, d] as const)));
  const m = { ...screens[0], outside: screens.flatMap((screen) => screen.outside), rows: due.size, due: [...due.values()], dates: screens.flatMap((screen) => screen.dates) };
  // No sideways scroll: not the page, not <main>, not the attention list or its section.
  expect({ main: m.main.scrollWidth, list: m.list?.scrollWidth, listBox: m.listBox?.scrollWidth }).toEqual({
    main: m.main.clientWidth,
    list: m.list?.clientWidth,
    listBox: m.listBox?.clientWidth,
  });
  expect(m.page).toBeLessThanOrEqual(m.window);
  expect(m.main.right).toBeLessThanOrEqual(m.window);
  expect(m.list!.right).toBeLessThanOrEqual(m.main.right);
  expect(m.outside).toEqual([]);
  // Every due date whole, on one line, inside its cell: the example has 43 rows needing action, 19 with a date.
  expect(m.rows).toBeGreaterThan(40);
  expect(m.due).toHaveLength(m.rows);
  const dated = m.due.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.text)).length;
  expect(dated).toBeGreaterThan(10);
  expect(m.due.filter((d) => !/^(\d{4}-\d{2}-\d{2}|—)$/.test(d.text) || d.boxes !== 1 || d.lines !== 1 || d.clipped)).toEqual([]);
  // And every other date the pane writes (in next steps, "checked for"): never broken across lines, never cut.
  expect(m.dates.length).toBeGreaterThan(dated + 2);
  expect(m.dates.filter((d) => d.lines !== 1 || !d.inside)).toEqual([]);
  expect(await fits(page)).toEqual({ page: true, buttons: true });
}

describe('task pane, preview mode (production build in Chromium)', () => {
  test('opens in preview mode on the example workbook, in Chinese, with nothing checked yet', async () => {
    const page = await open();
    expect(await text(page, 'preview-banner')).toContain('预览模式');
    expect(await buttonLabels(page)).toEqual({ check: '检查项目表', create: '创建项目表', dashboard: '生成仪表板', language: 'English', keep: '自动保持最新' });
    expect(await page.getByTestId('keep-up-to-date').isChecked()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await sheetTabs(page)).toEqual(EXAMPLE_SHEETS);

    const grid = await portfolio(page);
    expect(grid.name).toBe('项目');
    expect(grid.headers.slice(0, 3)).toEqual(['项目编号', '客户', '名称']);
    expect(grid.headers).not.toContain('下一步'); // the example has no output columns until a check
    expect(grid.dataRows).toHaveLength(EXAMPLE_ROWS);
    expect(grid.cell(1, '项目编号')).toBe('G-001');
    expect(grid.cell(18, '项目编号')).toBe('G-018');
    expect(await page.getByTestId('count-critical').count()).toBe(0);
    await screenshot(page, '1280-01-start');
  });

  test('create portfolio completes the example: adds the ten output columns, then finds it complete', async () => {
    const page = await open();
    const before = await portfolio(page);

    await page.getByTestId('create-portfolio').click();
    await page.getByTestId('message-created').waitFor();
    // The example has Settings, Holidays and Materials already: only the output columns are missing.
    expect(await text(page, 'message-created')).toContain(`已在现有项目表中添加 10 列：${OUTPUT_HEADERS.join('、')}。`);
    expect(await text(page, 'message-created')).not.toContain('表。已添加');

    const after = await portfolio(page);
    expect(after.headers).toEqual([...before.headers, ...OUTPUT_HEADERS]);
    for (const row of after.dataRows) {
      // Every typed cell is as it was; the new columns are empty until a check.
      expect(after.rows.get(row)!.slice(0, before.headers.length)).toEqual(before.rows.get(row)!.slice(0, before.headers.length));
      for (const header of OUTPUT_HEADERS) expect(after.cell(row, header)).toBe('');
    }
    expect(await sheetTabs(page)).toEqual(EXAMPLE_SHEETS);
    await screenshot(page, '1280-02-created');

    await page.getByTestId('create-portfolio').click();
    await eventually(async () => expect(await text(page, 'message-created')).toContain('项目表已完整，未做任何更改。'));
    expect((await portfolio(page)).headers).toEqual(after.headers);
  });

  test('check: counts, the attention list and the output columns in the sheet', async () => {
    const page = await open();
    await check(page);

    const n = await counts(page);
    expect(n.critical).toBe(4);
    expect(n.overdue).toBe(6);
    expect(SEVERITY_ORDER.reduce((sum, s) => sum + n[s], 0)).toBe(EXAMPLE_ROWS);
    expect(await text(page, 'check-summary')).toContain(`共 ${EXAMPLE_ROWS} 行`);
    expect(await text(page, 'checked-for')).toContain(`检查日期 ${EXAMPLE_TODAY}`);

    // The day's list: overdue first, most severe first within a group; G-018 (a 2022 game never
    // filed, critical) leads, overdue since 2024-03-31.
    const list = await attention(page);
    expect(list[0].row).toBe(17);
    expect(list[0].severity).toBe('critical');
    expect(list[0].cells.join(' ')).toContain('G-018');
    expect(list[0].cells.join(' ')).toContain('提交小程序备案');
    expect(list[0].cells[4]).toContain('2024-03-31');
    expect(list.filter((r) => r.severity === 'critical')).toHaveLength(n.critical);
    // Each row under its group's heading, the groups in order, most severe first inside each.
    const grouped = list;
    const GROUPS = ['overdue', 'today', 'week', 'later'];
    const order = grouped.map((g) => GROUPS.indexOf(g.group) * 10 + SEVERITY_ORDER.indexOf(g.severity as (typeof SEVERITY_ORDER)[number]));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(grouped.filter((g) => g.group === 'overdue')).toHaveLength(n.overdue);
    // A row without a warning is listed only when something falls due this week (or is overdue).
    for (const g of grouped) if (g.severity === 'info' || g.severity === 'ok') expect(['overdue', 'today', 'week']).toContain(g.group);
    expect(await page.getByRole('heading', { name: `需要关注 (${list.length})` }).count()).toBe(1);
    expect(await text(page, 'attention-fine')).toBe(`其余 ${EXAMPLE_ROWS - list.length} 行暂无需处理。`);

    // The sheet: the output columns written for every row, agreeing with the pane's counts.
    const grid = await portfolio(page);
    expect(grid.headers.slice(-OUTPUT_HEADERS.length)).toEqual(OUTPUT_HEADERS);
    const severities = Object.values(SEVERITY_ZH) as string[];
    for (const row of grid.dataRows) {
      expect(grid.cell(row, '当前阶段')).not.toBe('');
      expect(grid.cell(row, '下一步')).not.toBe('');
      expect(grid.cell(row, '预计上线') === '' || /^\d{4}-\d{2}-\d{2}$/.test(grid.cell(row, '预计上线'))).toBe(true);
      expect(severities).toContain(grid.cell(row, '级别'));
      expect(grid.cell(row, '检查时间')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      for (const finding of grid.cell(row, '提醒').split('\n').filter(Boolean)) expect(finding).toMatch(RULE_ID);
    }
    for (const level of SEVERITY_ORDER) {
      expect([level, grid.dataRows.filter((r) => grid.cell(r, '级别') === SEVERITY_ZH[level]).length]).toEqual([level, n[level]]);
    }
    const due = grid.dataRows.map((r) => grid.cell(r, '最近截止')).filter((d) => d !== '');
    expect(due.filter((d) => d < EXAMPLE_TODAY)).toHaveLength(n.overdue);
    expect(due.filter((d) => d >= EXAMPLE_TODAY && d <= '2026-11-27')).toHaveLength(n.due7);
    expect(grid.cell(18, '级别')).toBe('严重');
    expect(grid.cell(18, '下一步')).toBe('提交小程序备案');
    expect(grid.cell(18, '最近截止')).toBe('2024-03-31');
    await showCell(page, 18, grid.column('下一步'));
    await screenshot(page, '1280-03-checked');
  });

  test('an attention row selects its row in the sheet: click, then Enter', async () => {
    const page = await open();
    await check(page);
    const list = await attention(page);

    await page.getByTestId(`attention-row-${list[0].row}`).click();
    await eventually(async () => {
      const selected = page.locator('tr[data-selected="true"]');
      expect(await selected.count()).toBe(1);
      expect(await selected.getAttribute('data-row')).toBe(String(list[0].row + 1)); // the header is worksheet row 0
      expect(await selected.textContent()).toContain('G-018');
    });
    // The selection is drawn (a brand band above and below each selected cell), and focus shows inside the row.
    const shadow = await page.locator('tr[data-selected="true"] td').last().evaluate((td) => getComputedStyle(td).boxShadow);
    expect(shadow).not.toBe('none');
    expect(shadow).toMatch(/inset.*-\d+px.*inset|inset.*inset.*-\d+px/);
    await page.getByTestId(`attention-row-${list[1].row}`).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    const offset = await page.getByTestId(`attention-row-${list[1].row}`).evaluate((el) => getComputedStyle(el).outlineOffset);
    expect(offset).toMatch(/^-\d+px$/);
    await screenshot(page, '1280-04-row-selected');

    await page.getByTestId(`attention-row-${list[2].row}`).focus();
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await page.locator('tr[data-selected="true"]').getAttribute('data-row')).toBe(String(list[2].row + 1)));
    expect(await page.locator('tr[data-selected="true"]').textContent()).toContain(list[2].cells[1]);
  });

  test('keyboard: the attention list is one Tab stop; arrows move inside it, Enter selects the row in the sheet', async () => {
    const page = await open();
    await check(page);
    const list = await attention(page);
    const active = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
    await page.getByTestId(`attention-row-${list[0].row}`).focus();
    // One Tab leaves the list, whatever its length; Shift+Tab comes back to the row it left.
    await page.keyboard.press('Tab');
    expect(await active()).not.toMatch(/^attention-row-/);
    await page.keyboard.press('Shift+Tab');
    expect(await active()).toBe(`attention-row-${list[0].row}`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await active()).toBe(`attention-row-${list[2].row}`);
    const label = await page.getByTestId(`attention-row-${list[2].row}`).getAttribute('aria-label');
    expect(label).toContain(list[2].cells[1]); // the ID
    expect(label).toMatch(/严重|错误|警告|提示|正常/);
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await page.locator('tr[data-selected="true"]').getAttribute('data-row')).toBe(String(list[2].row + 1)));
  });

  test('language: English labels at once, English texts in the sheet after checking again', async () => {
    const page = await open();
    await check(page);
    expect((await portfolio(page)).cell(18, '级别')).toBe('严重');

    await page.getByTestId('language-toggle').click();
    expect(await buttonLabels(page)).toEqual({ check: 'Check portfolio', create: 'Create portfolio', dashboard: 'Build dashboard', language: '中文', keep: 'Keep up to date' });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await text(page, 'preview-banner')).toContain('Preview');
    // The sheet keeps what the last check wrote until the next check.
    expect((await portfolio(page)).cell(18, '级别')).toBe('严重');

    await check(page);
    await eventually(async () => expect((await portfolio(page)).cell(18, '级别')).toBe('critical'));
    const grid = await portfolio(page);
    const english = Object.values(SEVERITY_EN) as string[];
    for (const row of grid.dataRows) {
      expect(english).toContain(grid.cell(row, '级别'));
      expect(grid.cell(row, '下一步')).not.toMatch(/\p{Script=Han}/u);
    }
    expect(grid.cell(18, '下一步')).toBe('Submit the ICP filing');
    expect(grid.headers).toContain('下一步'); // the table's own (Chinese) headers stay
    const n = await counts(page);
    expect([n.critical, n.overdue]).toEqual([4, 6]);
    const first = (await attention(page))[0];
    expect(first.cells.join(' ')).toContain('G-018');
    expect(first.cells[0]).toBe('Critical');
    expect(first.cells.join(' ')).toContain('Submit the ICP filing');
    await showCell(page, 18, grid.column('下一步'));
    await screenshot(page, '1280-05-english');

    await page.getByTestId('language-toggle').click();
    expect(await text(page, 'check-portfolio')).toBe('检查项目表');
  });

  test('dashboard: a 仪表板 sheet with the check\'s counts; in English it replaces it with Dashboard', async () => {
    const page = await open();
    await check(page);
    const n = await counts(page);
    // The 项目 sheet scrolled far to the right and down: the dashboard still opens at A1.
    await page.getByTestId('preview-scroller').evaluate((el) => el.scrollTo({ left: 2000, top: 600 }));
    expect(await page.getByTestId('preview-scroller').evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);

    await page.getByTestId('build-dashboard').click();
    await page.getByTestId('message-dashboard').waitFor();
    // The check the dashboard runs first records History on 变更记录 (the state sheet is very hidden: no tab).
    expect(await sheetTabs(page)).toEqual([...EXAMPLE_SHEETS, '变更记录', '仪表板']);
    await eventually(async () =>
      expect(await page.getByTestId('preview-scroller').evaluate((el) => [el.scrollLeft, el.scrollTop])).toEqual([0, 0]),
    );
    expect(await page.getByTestId('preview-sheet-仪表板').getAttribute('aria-selected')).toBe('true');
    const dash = await sheet(page);
    expect(dash.name).toBe('仪表板');
    const rows = [...dash.rows.values()];
    expect(rows.some((r) => r[0].includes('Launch Tracker'))).toBe(true);
    expect(rows.find((r) => r[0] === '检查日期')?.[1]).toBe(EXAMPLE_TODAY);
    // The blocks side by side under one header row: 阶段 | 项目数, 级别 | 项目数, 负责人 | 项目数 | levels.
    const header = rows.findIndex((r) => r[0] === '阶段');
    expect(header).toBeGreaterThanOrEqual(0);
    const block = (title: string) => {
      const k = rows[header].indexOf(title);
      expect([title, rows[header][k + 1]]).toEqual([title, '项目数']);
      const out = new Map<string, number>();
      for (let i = header + 1; i < rows.length && rows[i][k] !== ''; i++) out.set(rows[i][k], Number(rows[i][k + 1]));
      return out;
    };
    const bySeverity = block('级别');
    for (const level of SEVERITY_ORDER) expect([level, bySeverity.get(SEVERITY_ZH[level])]).toEqual([level, n[level]]);
    const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    expect(sum(block('阶段'))).toBe(EXAMPLE_ROWS);
    expect(sum(block('负责人'))).toBe(EXAMPLE_ROWS);
    // What is overdue comes first, then the next 14 days.
    const overdueAt = rows.findIndex((r) => r[0].startsWith('已超期'));
    expect(rows[overdueAt][0]).toBe(`已超期 (${n.overdue})`);
    expect(rows.findIndex((r) => r[0].startsWith('14 天内到期'))).toBeGreaterThan(overdueAt);
    await screenshot(page, '1280-06-dashboard');

    await page.getByTestId('language-toggle').click();
    await page.getByTestId('build-dashboard').click();
    await eventually(async () => expect(await sheetTabs(page)).toEqual([...EXAMPLE_SHEETS, '变更记录', 'Dashboard']));
    expect((await sheet(page)).name).toBe('Dashboard');
  });

  test('keep up to date: an edited status gets today\'s date and its row is re-checked; off, nothing happens', async () => {
    const page = await open();
    await check(page);
    await page.getByTestId('keep-up-to-date').check();
    await eventually(async () => expect(await page.getByTestId('keep-up-to-date').isEnabled()).toBe(true));

    // G-017 (row 17): version approved, ICP filing not started. The filing is submitted today.
    let grid = await portfolio(page);
    expect(grid.cell(17, '项目编号')).toBe('G-017');
    expect(grid.cell(17, '备案日期')).toBe('');
    expect(grid.cell(17, '下一步')).toBe('提交小程序备案');
    await editCell(page, 17, grid.column('备案状态'), '平台审核中');
    await eventually(async () => {
      const now = await portfolio(page);
      expect(now.cell(17, '备案状态')).toBe('平台审核中');
      expect(now.cell(17, '备案日期')).toBe(EXAMPLE_TODAY);
      expect(now.cell(17, '下一步')).not.toBe('');
      expect(now.cell(17, '下一步')).not.toContain('提交小程序备案'); // submitted: no longer the next step
      expect(now.cell(17, '提醒')).not.toContain('DATA-DATE-MISSING'); // the filled date was used
      expect(now.cell(17, '最近截止') >= EXAMPLE_TODAY).toBe(true); // the platform review's due day
    });

    // G-044 (row 44): version "审核中" without a date. Approved today: 版本日期 filled, the stage moves on.
    grid = await portfolio(page);
    expect(grid.cell(44, '项目编号')).toBe('G-044');
    expect(grid.cell(44, '版本日期')).toBe('');
    const stage = grid.cell(44, '当前阶段');
    expect(grid.cell(44, '提醒')).toContain('DATA-DATE-MISSING');
    await editCell(page, 44, grid.column('版本状态'), '已通过');
    await eventually(async () => {
      const now = await portfolio(page);
      expect(now.cell(44, '版本日期')).toBe(EXAMPLE_TODAY);
      expect(now.cell(44, '当前阶段')).not.toBe(stage);
      expect(now.cell(44, '提醒')).not.toContain('DATA-DATE-MISSING');
    });
    await showCell(page, 17, grid.column('备案日期'));
    await screenshot(page, '1280-07-keep-up-to-date');

    // What the automatic re-checks left is what a full check gives.
    // Once the last re-check is published the pane's counts agree with the sheet's 级别 column.
    await eventually(async () => {
      const [n, now] = [await counts(page), await portfolio(page)];
      for (const level of SEVERITY_ORDER) expect([level, now.dataRows.filter((r) => now.cell(r, '级别') === SEVERITY_ZH[level]).length]).toEqual([level, n[level]]);
    });
    const kept = { counts: await counts(page), grid: await portfolio(page) };
    await check(page);
    const full = { counts: await counts(page), grid: await portfolio(page) };
    expect(kept.counts).toEqual(full.counts);
    for (const row of [17, 44]) {
      for (const header of OUTPUT_HEADERS.filter((h) => h !== '检查时间')) {
        expect([row, header, kept.grid.cell(row, header)]).toEqual([row, header, full.grid.cell(row, header)]);
      }
    }

    // Switched off: an edit stays an edit.
    await page.getByTestId('keep-up-to-date').uncheck();
    await eventually(async () => expect(await page.getByTestId('keep-up-to-date').isEnabled()).toBe(true));
    grid = await portfolio(page);
    const row1 = grid.rows.get(1)!;
    await editCell(page, 1, grid.column('注册状态'), '已通过');
    await new Promise((resolve) => setTimeout(resolve, 1200)); // longer than the re-check debounce (300 ms, twice)
    const after = await portfolio(page);
    expect(after.cell(1, '注册状态')).toBe('已通过');
    expect(after.cell(1, '注册日期')).toBe('');
    for (const header of OUTPUT_HEADERS) expect(after.cell(1, header)).toBe(row1[grid.column(header)]);
  });

  test('a 360 px wide pane: nothing overflows sideways; check, select, English and the dashboard still work', async () => {
    const page = await open({ width: 360, height: 900 });
    expect(await fits(page)).toEqual({ page: true, buttons: true });
    await screenshot(page, '360-01-start');

    await check(page);
    expect((await counts(page)).critical).toBe(4);
    expect(await fits(page)).toEqual({ page: true, buttons: true });
    await page.getByTestId('attention-row-17').click();
    await eventually(async () => expect(await page.locator('tr[data-selected="true"]').getAttribute('data-row')).toBe('18'));
    await screenshot(page, '360-02-checked');

    await page.getByTestId('language-toggle').click();
    await check(page);
    await eventually(async () => expect((await portfolio(page)).cell(18, '级别')).toBe('critical'));
    expect((await fits(page)).buttons).toBe(true);
    await screenshot(page, '360-03-english');

    await page.getByTestId('build-dashboard').click();
    await page.getByTestId('message-dashboard').waitFor();
    await screenshot(page, '360-04-dashboard');
  });

  // Excel's default pane is 320 px wide on Windows. The fonts are a fresh Debian machine's (harness
  // FONTS), whatever else this machine has: no Segoe UI, so English renders in DejaVu Sans, wider.
  describe.each([
    { width: 320, height: 700 },
    { width: 360, height: 900 },
  ])('a $width px pane', (viewport) => {
    test.each(['zh-CN', 'en'] as const)('in %s: nothing overflows sideways and every date shows whole after a check', async (language) => {
      const page = await open(viewport);
      if (language === 'en') await page.getByTestId('language-toggle').click();
      expect(await text(page, 'check-portfolio')).toBe(language === 'en' ? 'Check portfolio' : '检查项目表');
      expect(await fits(page)).toEqual({ page: true, buttons: true });

      await check(page);
      await expectFitsAfterCheck(page);
      // Measured with a fresh machine's fonts and no other: Chinese wholly in Noto Sans CJK SC (its
      // Latin letters and digits too), English in DejaVu Sans (the example's Chinese client names in Noto CJK).
      const fonts = await renderedFonts(page, '[data-testid^="attention-row-"] td');
      expect(fonts[0]).toBe(language === 'en' ? 'DejaVu Sans' : 'Noto Sans CJK SC');
      expect(fonts.filter((family) => !/^(DejaVu Sans|Noto Sans CJK [A-Z]{2})$/.test(family))).toEqual([]);
      await screenshot(page, `${viewport.width}-${language}-checked`);

      // The rows still select theirs in the sheet, by keyboard too.
      const list = await attention(page);
      await page.getByTestId(`attention-row-${list[1].row}`).focus();
      await page.keyboard.press('Enter');
      await eventually(async () => expect(await page.locator('tr[data-selected="true"]').getAttribute('data-row')).toBe(String(list[1].row + 1)));
    });
  });

  // Whatever fonts a machine has: text about 40 % wider than in DejaVu Sans (letter-spaced DejaVu
  // Sans Mono) still wraps inside 320 px.
  test('a 320 px pane in English with a much wider font: nothing overflows sideways, every date whole', async () => {
    const page = await open({ width: 320, height: 700 });
    await page.addStyleTag({ content: "main, main * { font-family: 'DejaVu Sans Mono', monospace !important; letter-spacing: 0.08em !important; }" });
    await page.getByTestId('language-toggle').click();
    await check(page);
    await expectFitsAfterCheck(page);
    expect((await renderedFonts(page, '[data-testid^="attention-row-"] td'))[0]).toBe('DejaVu Sans Mono');
    await screenshot(page, '320-en-wide-font');
  });
});
