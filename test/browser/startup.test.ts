/**
 * How the production build starts, in Debian's Chromium (src/taskpane/boot.js, host.ts):
 *
 * - a plain browser that cannot reach Microsoft's CDN (every request past 127.0.0.1 is blocked)
 *   tries office.js there, takes the local copy in its place and is in preview mode at once;
 * - a page inside Office (its URL carries `_host_Info`, as Office appends it) never enters preview
 *   mode: without office.js it says office.js did not load; with an office.js that is slow to become
 *   ready it keeps the spinner and, after a few seconds, says it is still waiting for Excel;
 * - Internet Explorer 11 and Edge Legacy (their user agents, spoofed) get the one-paragraph message
 *   in both languages instead of a blank pane.
 */
import { OFFICE_JS_CDN, browserSuite, openPane, screenshot } from './harness';
import { STILL_WAITING_MS } from '../../src/taskpane/host';

/** What Office on Windows appends to the add-in's URL (see boot.js). */
const IN_EXCEL = 'taskpane.html?_host_Info=Excel$Win32$16.01$zh-CN$$$$0';
const UA = {
  ie11: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko',
  edgeLegacy: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041',
};

// The pages here fail on purpose (no office.js, an old webview): each test says which errors it expects.
const suite = browserSuite({ strict: false });

describe('start-up (production build in Chromium)', () => {
  test('Microsoft’s CDN unreachable, a plain browser: the local copy of office.js, preview mode at once (well under the 5 s a plain browser may wait), and it works', async () => {
    const started = Date.now();
    const pane = (suite.pane = await openPane(suite.browser, suite.url));
    const elapsed = Date.now() - started;
    const { page } = pane;
    // Well under the 5 s a plain browser would otherwise wait for office.js (host.ts): the fallback is at once.
    expect(elapsed).toBeLessThan(4500);
    // The page did ask the CDN first, then used its own copy.
    expect(pane.officeJsCdn).toEqual([OFFICE_JS_CDN]);
    expect(await page.evaluate(() => (window as unknown as { LaunchTrackerBoot: { state: unknown } }).LaunchTrackerBoot.state)).toEqual({
      hostSignal: null,
      inHost: false,
      oldWebview: false,
      officeJs: 'local copy',
    });
    const officeJs = await page.evaluate(() => [...document.scripts].map((s) => s.getAttribute('src')).filter((src) => src && /office\.js$/.test(src)));
    expect(officeJs).toEqual(['office-js/office.js']);
    // It works: a check runs on the example workbook.
    await page.getByTestId('check-portfolio').click();
    await page.getByTestId('count-critical').waitFor();
    await screenshot(page, 'startup-cdn-blocked');
    expect(pane.errors).toEqual([]);
    expect(pane.blocked.filter((url) => !/telemetry/i.test(url))).toEqual([]);
  });

  test('inside Office with office.js unreachable: says office.js did not load, never preview mode', async () => {
    const pane = (suite.pane = await openPane(suite.browser, suite.url, { waitForPreview: false }, IN_EXCEL));
    const { page } = pane;
    const message = page.getByTestId('message-startup');
    await message.waitFor();
    expect(await message.getAttribute('data-problem')).toBe('office-js-missing');
    expect(await message.textContent()).toContain('appsforoffice.microsoft.com');
    expect(await page.getByTestId('preview-grid').count()).toBe(0);
    expect(await page.getByTestId('check-portfolio').count()).toBe(0);
    // No local copy inside Office.
    expect(await page.evaluate(() => [typeof (window as { Office?: unknown }).Office, (window as unknown as { LaunchTrackerBoot: { state: { officeJs: string } } }).LaunchTrackerBoot.state.officeJs])).toEqual([
      'undefined',
      'failed',
    ]);
    await screenshot(page, 'startup-in-office-no-office-js');
    // The one error is the pane's own report of it, for the developer tools.
    expect(pane.errors).toHaveLength(1);
    expect(pane.errors[0]).toMatch(/office\.js did not load/);
  });

  test(`inside Office, Excel slow to get ready: the spinner, then after ${STILL_WAITING_MS / 1000} s a line that it is still waiting, never preview mode`, async () => {
    // An office.js whose Office.onReady does not resolve within the test (Excel still starting).
    const slowOffice = 'window.Office = { onReady: function () { return new Promise(function () {}); } };';
    const context = await suite.browser.newContext({ locale: 'zh-CN' });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS_CDN) return route.fulfill({ status: 200, contentType: 'text/javascript', body: slowOffice });
      return url.startsWith(suite.url) ? route.continue() : route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    suite.pane = { context, page, errors, blocked: [], officeJsCdn: [], close: () => context.close() };
    await page.goto(`${suite.url}${IN_EXCEL}`);
    await page.getByTestId('pane-loading').waitFor();
    expect(await page.getByTestId('pane-still-waiting').count()).toBe(0);
    await page.getByTestId('pane-still-waiting').waitFor({ timeout: STILL_WAITING_MS + 5000 });
    expect(await page.getByTestId('pane-still-waiting').textContent()).toBe('仍在等待 Excel 启动加载项…');
    expect(await page.getByTestId('pane-loading').count()).toBe(1);
    expect(await page.getByTestId('preview-grid').count()).toBe(0);
    await screenshot(page, 'startup-in-office-still-waiting');
    expect(errors).toEqual([]);
  });

  test.each([
    ['Internet Explorer 11', UA.ie11],
    ['Microsoft Edge Legacy', UA.edgeLegacy],
  ])('%s: the old-webview message in Chinese and English instead of a blank pane', async (what, userAgent) => {
    const pane = (suite.pane = await openPane(suite.browser, suite.url, { userAgent, waitForPreview: false }, IN_EXCEL));
    const { page } = pane;
    const message = page.getByTestId('message-old-webview');
    await message.waitFor({ state: 'visible' });
    const text = (await message.textContent()) ?? '';
    expect(text).toContain('上线追踪无法在这个版本的 Office 中运行');
    expect(text).toContain('Launch Tracker can’t run in this version of Office');
    expect(text).toContain('WebView2');
    // The pane does not start: nothing rendered into it, and it is hidden.
    expect(await page.locator('#root').isHidden()).toBe(true);
    expect(await page.locator('#root').innerHTML()).toBe('');
    await screenshot(page, `startup-old-webview-${what.replace(/\W+/g, '-').toLowerCase()}`);
    expect(pane.errors).toEqual([]);
  });
});
