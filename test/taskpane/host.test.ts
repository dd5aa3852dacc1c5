/**
 * @jest-environment jsdom
 *
 * Where the pane runs (src/taskpane/boot.js, src/taskpane/host.ts): an Office host is told from a
 * plain browser by what Office puts on the page, never by a timeout; inside a host the pane waits
 * for Office however long, and never falls into preview mode; Internet Explorer 11 and Edge Legacy
 * are recognised by their user agents.
 */
import * as boot from '../../src/taskpane/boot';
import type { BootState, BootWindow } from '../../src/taskpane/boot';
import { PLAIN_BROWSER_READY_MS, STILL_WAITING_MS, StartupProblem, currentEnvironment, detectHost, startupProblemCode, type HostEnvironment } from '../../src/taskpane/host';

const UA = {
  ie11: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko',
  ie10: 'Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.1; Trident/6.0)',
  edgeLegacy: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041',
  webView2: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0',
  chrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)',
  edgeAndroid: 'Mozilla/5.0 (Linux; Android 10; HD1913) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36 EdgA/120.0.0.0',
};

/** A window as a plain browser has it, with `extra` on top. */
function win(extra: Partial<BootWindow> = {}): BootWindow {
  return { location: { search: '', hash: '' }, name: '', sessionStorage: { getItem: () => null }, navigator: { userAgent: UA.chrome }, ...extra };
}

describe('boot.js: an Office host, told by what Office puts on the page', () => {
  test.each<[string, Partial<BootWindow>]>([
    // What office.js reads (_retrieveHostInfo), in its order.
    ['window.external.GetHostInfo (Windows desktop)', { external: { GetHostInfo: () => 'Excel$Win32$16.01$en-US$$$$0' } }],
    ['window.external.GetContext (Windows desktop, older hosts)', { external: { GetContext: () => ({}) } }],
    ['_host_Info in the query (Windows)', { location: { search: '?_host_Info=Excel$Win32$16.01$en-US$$$$0', hash: '' } }],
    ['_host_Info in the query (Mac), after another parameter', { location: { search: '?et=&_host_Info=Excel$Mac$16.01$en-US$telemetry$$$0', hash: '' } }],
    ['_host_Info, |-separated and encoded (Office on the web)', { location: { search: '?_host_Info=Excel%7CWeb%7C16.00%7Czh-CN%7Cc1a7%7C%7C%7C0', hash: '' } }],
    ['_xdm_Info in the fragment (Office on the web)', { location: { search: '', hash: '#&_xdm_Info=abc$https://excel.officeapps.live.com$0' } }],
    ['window.name JSON with hostInfo', { name: JSON.stringify({ hostInfo: 'Excel$Web$16.00$en-US$$$$0', xdmInfo: 'x' }) }],
    ['window.name JSON with xdmInfo only', { name: JSON.stringify({ xdmInfo: 'abc' }) }],
    ['_xdm_Info in window.name', { name: 'frame&_xdm_Info=abc' }],
    ['sessionStorage hostInfoValue (a reload of the pane)', { sessionStorage: { getItem: (key: string) => (key === 'hostInfoValue' ? 'Excel$Win32$16.01$en-US$$$$0' : null) } }],
    ['window.chrome.webview (WebView2)', { chrome: { webview: {} } }],
  ])('%s', (_what, extra) => {
    const signal = boot.hostSignal(win(extra));
    expect(signal).not.toBeNull();
    expect(boot.observe(win(extra)).inHost).toBe(true);
  });

  test.each<[string, Partial<BootWindow>]>([
    ['a plain browser', {}],
    ['Chrome or Edge: window.chrome without webview, window.external without Office', { chrome: {}, external: { AddSearchProvider: () => undefined } }],
    ['window.external.GetContext that throws (no host behind it)', { external: { GetContext: () => { throw new Error('no'); } } }],
    ['other query parameters and a fragment', { location: { search: '?lang=en&host_Info=x', hash: '#top' } }],
    ['an empty _host_Info', { location: { search: '?_host_Info=&x=1', hash: '' } }],
    ['window.name that is not Office’s', { name: '{"foo":1}' }],
    ['window.name that is not JSON', { name: '{oops' }],
    ['sessionStorage that throws (storage disabled)', { sessionStorage: { getItem: () => { throw new Error('SecurityError'); } } }],
    // Chrome and every other browser on iOS is a WKWebView too: not a sign of Office (which passes _host_Info there).
    ['window.webkit.messageHandlers (any iOS browser)', { webkit: { messageHandlers: {} } } as Partial<BootWindow>],
  ])('not a host: %s', (_what, extra) => {
    expect(boot.hostSignal(win(extra))).toBeNull();
  });

  test('the real page: jsdom’s window, with and without _host_Info', () => {
    expect(boot.hostSignal(window as unknown as BootWindow)).toBeNull();
    window.history.replaceState(null, '', '/taskpane.html?_host_Info=Excel$Win32$16.01$zh-CN$$$$0');
    try {
      expect(boot.hostSignal(window as unknown as BootWindow)).toBe('_host_Info query: Excel$Win32$16.01$zh-CN$$$$0');
    } finally {
      window.history.replaceState(null, '', '/');
    }
  });
});

describe('boot.js: Internet Explorer 11 and Microsoft Edge Legacy', () => {
  test.each([
    ['Internet Explorer 11 (Trident)', UA.ie11, true],
    ['Internet Explorer 10', UA.ie10, true],
    ['Microsoft Edge Legacy (EdgeHTML, "Edge/")', UA.edgeLegacy, true],
    ['WebView2 / Chromium Edge ("Edg/")', UA.webView2, false],
    ['Chrome', UA.chrome, false],
    ['Safari (WKWebView on Mac)', UA.safariMac, false],
    ['Edge on Android ("EdgA/")', UA.edgeAndroid, false],
  ])('%s', (_what, userAgent, old) => {
    expect(boot.isOldWebview(userAgent)).toBe(old);
    expect(boot.observe(win({ navigator: { userAgent } })).oldWebview).toBe(old);
  });

  test('install shows the #old-webview paragraph instead of the pane', () => {
    document.body.innerHTML = '<div id="root"></div><div id="old-webview" style="display: none">…</div>';
    const installed = boot.install({ ...win({ navigator: { userAgent: UA.ie11 } }), document } as BootWindow);
    expect(installed.state.oldWebview).toBe(true);
    expect(document.getElementById('old-webview')!.style.display).toBe('block');
    expect(document.getElementById('root')!.style.display).toBe('none');
  });
});

describe('boot.js: after office.js', () => {
  function page(inHost: boolean, office?: unknown) {
    document.head.innerHTML = '<script id="office-js" src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>';
    const written: string[] = [];
    const doc = Object.assign(document, {});
    const write = jest.spyOn(document, 'write').mockImplementation((...text: string[]) => void written.push(text.join('')));
    const state: BootState = { hostSignal: inHost ? 'test' : null, inHost, oldWebview: false, officeJs: 'pending' };
    return { w: { document: doc, Office: office } as BootWindow, state, written, restore: () => write.mockRestore() };
  }

  test('office.js loaded: nothing else', () => {
    const p = page(false, {});
    boot.afterOfficeJs(p.w, p.state, 'office-js/office.js', 'office-js');
    p.restore();
    expect([p.state.officeJs, p.written]).toEqual(['loaded', []]);
  });

  test('not loaded in a plain browser: the local copy, and the CDN tag removed (office.js takes its base path from the first office.js tag)', () => {
    const p = page(false);
    boot.afterOfficeJs(p.w, p.state, 'office-js/office.js', 'office-js');
    p.restore();
    expect(p.state.officeJs).toBe('local copy');
    expect(p.written).toEqual(['<script src="office-js/office.js"></script>']);
    expect(document.getElementById('office-js')).toBeNull();
  });

  test('not loaded inside Office: no local copy (the pane says office.js did not load)', () => {
    const p = page(true);
    boot.afterOfficeJs(p.w, p.state, 'office-js/office.js', 'office-js');
    p.restore();
    expect([p.state.officeJs, p.written]).toEqual(['failed', []]);
    expect(document.getElementById('office-js')).not.toBeNull();
  });

  test('a development build (office.js local already): nothing to fall back to', () => {
    const p = page(false);
    boot.afterOfficeJs(p.w, p.state, null, 'office-js');
    p.restore();
    expect([p.state.officeJs, p.written]).toEqual(['failed', []]);
  });
});

describe('host.ts: the decision', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  type Info = { host?: unknown } | null;
  function env(inHost: boolean, onReady?: () => Promise<Info>): HostEnvironment {
    return {
      boot: { hostSignal: inHost ? '_host_Info query: Excel$Win32$16.01$en-US$$$$0' : null, inHost, oldWebview: false, officeJs: 'loaded' },
      office: onReady ? { onReady, context: { displayLanguage: 'en-US' } } : undefined,
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
  }
  /** An Office.onReady that answers after `ms`. */
  const after = (ms: number, info: Info) => () => new Promise<Info>((resolve) => setTimeout(() => resolve(info), ms));

  test('inside Office, a slow start: waits (a minute here), says it is still waiting, and ends in Excel, never preview', async () => {
    const stillWaiting = jest.fn();
    const host = detectHost({ env: env(true, after(60_000, { host: 'Excel' })), onStillWaiting: stillWaiting });
    let settled: unknown = 'pending';
    void host.then((h) => (settled = h));
    await jest.advanceTimersByTimeAsync(STILL_WAITING_MS - 1);
    expect(stillWaiting).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(stillWaiting).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(PLAIN_BROWSER_READY_MS * 5);
    expect(settled).toBe('pending'); // no time limit inside a host
    await jest.advanceTimersByTimeAsync(60_000);
    expect(settled).toEqual({ kind: 'excel', displayLanguage: 'en-US' });
    expect(stillWaiting).toHaveBeenCalledTimes(1);
  });

  test('inside Office, a quick start: no "still waiting" line', async () => {
    const stillWaiting = jest.fn();
    const host = detectHost({ env: env(true, after(300, { host: 'Excel' })), onStillWaiting: stillWaiting });
    await jest.advanceTimersByTimeAsync(300);
    await expect(host).resolves.toEqual({ kind: 'excel', displayLanguage: 'en-US' });
    await jest.advanceTimersByTimeAsync(STILL_WAITING_MS * 2);
    expect(stillWaiting).not.toHaveBeenCalled();
  });

  test('inside Office without office.js (the CDN unreachable): a StartupProblem that says so, not preview', async () => {
    const thrown = await detectHost({ env: env(true) }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(StartupProblem);
    expect(startupProblemCode(thrown)).toBe('office-js-missing');
    expect((thrown as StartupProblem).hostSignal).toContain('_host_Info');
  });

  test('inside Office, a host that is not Excel: a StartupProblem, not preview', async () => {
    const host = detectHost({ env: env(true, after(10, { host: 'Word' })) });
    const caught = host.catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(10);
    expect(startupProblemCode(await caught)).toBe('not-excel');
  });

  test('a plain browser without office.js: preview at once', async () => {
    await expect(detectHost({ env: env(false) })).resolves.toEqual({ kind: 'browser' });
  });

  test('a plain browser: office.js answers "no host" → preview', async () => {
    const host = detectHost({ env: env(false, after(50, { host: null })) });
    await jest.advanceTimersByTimeAsync(50);
    await expect(host).resolves.toEqual({ kind: 'browser' });
  });

  test('no sign of a host, but office.js says Excel: Excel wins', async () => {
    const host = detectHost({ env: env(false, after(1000, { host: 'Excel' })) });
    await jest.advanceTimersByTimeAsync(1000);
    await expect(host).resolves.toEqual({ kind: 'excel', displayLanguage: 'en-US' });
  });

  test('no sign of a host and office.js never answers (its own scripts unreachable): preview after the limit', async () => {
    const host = detectHost({ env: env(false, () => new Promise<Info>(() => undefined)) });
    let settled: unknown = 'pending';
    void host.then((h) => (settled = h));
    await jest.advanceTimersByTimeAsync(PLAIN_BROWSER_READY_MS - 1);
    expect(settled).toBe('pending');
    await jest.advanceTimersByTimeAsync(1);
    expect(settled).toEqual({ kind: 'browser' });
  });

  test('startupProblemCode goes by shape too, and ignores other errors', () => {
    expect(startupProblemCode({ name: 'StartupProblem', code: 'not-excel' })).toBe('not-excel');
    expect(startupProblemCode(new Error('office-js-missing'))).toBeNull();
    expect(startupProblemCode({ name: 'StartupProblem', code: 'other' })).toBeNull();
  });

  test('currentEnvironment reads what the inline boot.js recorded before office.js loaded', () => {
    const g = globalThis as { LaunchTrackerBoot?: unknown; Office?: unknown };
    const state: BootState = { hostSignal: 'window.external.GetHostInfo: Excel$Win32$16.01$en-US$$$$0', inHost: true, oldWebview: false, officeJs: 'loaded' };
    g.LaunchTrackerBoot = { state, afterOfficeJs: () => undefined };
    g.Office = { onReady: () => Promise.resolve({ host: 'Excel' }) };
    try {
      const current = currentEnvironment();
      expect(current.boot).toBe(state);
      expect(typeof current.office?.onReady).toBe('function');
    } finally {
      delete g.LaunchTrackerBoot;
      delete g.Office;
    }
    // Without the inline script (a page not built from taskpane.html): boot.js looks now.
    expect(currentEnvironment().boot.inHost).toBe(false);
    expect(currentEnvironment().office).toBeUndefined();
  });
});
