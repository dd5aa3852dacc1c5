/**
 * The add-in's pages in the production build (dist/): what each loads, and from where.
 *
 * - office.js from Microsoft's CDN, the reference Microsoft requires ("If you plan to publish your
 *   Office Add-in from Microsoft Marketplace, you must use this CDN reference":
 *   https://learn.microsoft.com/office/dev/add-ins/develop/referencing-the-javascript-api-for-office-library-from-its-cdn),
 *   in the <head>, synchronously, before the bundles;
 * - before it, boot.js inline, in ES5 (it must run in Internet Explorer 11: "Trident+ doesn't support
 *   JavaScript versions later than ES5", https://learn.microsoft.com/office/dev/add-ins/concepts/browsers-used-by-office-web-add-ins);
 * - after it, the fallback to the local copy (outside Office only), which the build ships;
 * - everything else from the add-in's own origin (relative URLs), nothing from anywhere else.
 *
 * Run by `npm test` / `npm run test:browser` after the one production build they make.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'acorn';
import { DIST, requireBuild } from '../browser/server';

const ROOT = path.resolve(__dirname, '../..');
const CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const LOCAL_COPY = 'office-js/office.js';

interface Tag {
  name: string;
  attributes: Record<string, string>;
  /** Text up to the closing tag (scripts only). */
  body: string;
}

/** The tags of a (minified) HTML page in order: enough for the pages webpack writes, not a general parser. */
function tags(html: string): Tag[] {
  const out: Tag[] = [];
  const tag = /<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
  let match: RegExpExecArray | null;
  while ((match = tag.exec(html))) {
    const attributes: Record<string, string> = {};
    for (const a of match[2].matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      attributes[a[1].toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    }
    let body = '';
    if (match[1].toLowerCase() === 'script') {
      const end = html.indexOf('</script>', tag.lastIndex);
      body = html.slice(tag.lastIndex, end);
      tag.lastIndex = end + '</script>'.length;
    }
    out.push({ name: match[1].toLowerCase(), attributes, body });
  }
  return out;
}

function expectEs5(what: string, source: string): void {
  expect(() => parse(source, { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
  expect([what, source.length > 0]).toEqual([what, true]);
}

beforeAll(() => requireBuild(['taskpane.html', 'functions.html', 'commands.html', LOCAL_COPY]));

describe.each(['taskpane.html', 'functions.html', 'commands.html'])('dist/%s', (file) => {
  const html = () => readFileSync(path.join(DIST, file), 'utf8');

  test('boot.js inline (ES5), then office.js from Microsoft’s CDN, then the local copy for a plain browser that cannot reach it', () => {
    const scripts = tags(html()).filter((t) => t.name === 'script');
    const cdn = scripts.findIndex((s) => s.attributes.src === CDN);
    expect(cdn).toBeGreaterThan(0);
    expect(scripts[cdn].attributes.id).toBe('office-js');
    // Loaded synchronously: office.js is there before any bundle runs.
    expect([scripts[cdn].attributes.async, scripts[cdn].attributes.defer]).toEqual([undefined, undefined]);
    // Before it, only boot.js (inline, ES5).
    const before = scripts.slice(0, cdn);
    expect(before.map((s) => s.attributes.src ?? 'inline')).toEqual(['inline']);
    expectEs5('inline boot.js', before[0].body);
    expect(before[0].body).toContain('LaunchTrackerBoot');
    // Right after it: the fallback, naming the local copy the build ships.
    const after = scripts[cdn + 1];
    expect(after.attributes.src).toBeUndefined();
    expectEs5('afterOfficeJs', after.body);
    expect(after.body).toContain(`LaunchTrackerBoot.afterOfficeJs(${JSON.stringify(LOCAL_COPY)},"office-js")`);
    for (const part of [LOCAL_COPY, 'office-js/o15apptofilemappingtable.js', 'office-js/excel-win32-16.01.js', 'office-js/en-us/office_strings.js']) {
      expect([part, existsSync(path.join(DIST, part))]).toEqual([part, true]);
    }
    // The bundles come after and wait for the page (deferred).
    for (const bundle of scripts.slice(cdn + 2)) expect([bundle.attributes.src, bundle.attributes.defer]).toEqual([bundle.attributes.src, '']);
    expect(scripts.slice(cdn + 2).length).toBeGreaterThan(0);
  });

  test('nothing else from outside the add-in’s own origin', () => {
    const urls = tags(html()).flatMap((t) => ['src', 'href'].map((a) => t.attributes[a]).filter((v): v is string => v !== undefined));
    const external = urls.filter((u) => /^[a-z][a-z0-9+.-]*:|^\/\//i.test(u));
    expect(external).toEqual([CDN]);
    for (const u of urls.filter((u) => u !== CDN)) expect([u, existsSync(path.join(DIST, u))]).toEqual([u, true]);
  });
});

test('dist/taskpane.html: the old-webview paragraph, in Chinese and English, hidden until boot.js shows it', () => {
  const html = readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
  const start = html.indexOf('id=old-webview') >= 0 ? html.indexOf('id=old-webview') : html.indexOf('id="old-webview"');
  expect(start).toBeGreaterThan(0);
  const block = html.slice(start, html.indexOf('</div>', start));
  expect(block).toMatch(/display:\s*none/);
  // (The minifier drops the optional </p>.)
  expect(block).toMatch(/<p lang=zh-CN>[^<]*Internet Explorer[^<]*WebView2/);
  expect(block).toMatch(/<p lang=en>[^<]*Internet Explorer[^<]*WebView2/);
});

test('src/taskpane/boot.js itself is ES5 (the bundles import it, the pages inline it)', () => {
  expectEs5('boot.js', readFileSync(path.join(ROOT, 'src/taskpane/boot.js'), 'utf8'));
});

describe('the office.js reference a build is given (webpack.config.js)', () => {
  /** The officeJsUrl webpack hands the page template, for these --env options. */
  async function officeJsUrl(env: Record<string, unknown>, mode: 'production' | 'development'): Promise<string> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const make = require(path.join(ROOT, 'webpack.config.js')) as (env: object, argv: object) => Promise<{ plugins: { userOptions?: { filename?: string; officeJsUrl?: string } }[] }>;
    const config = await make(env, { mode });
    const page = config.plugins.find((p) => p.userOptions?.filename === 'taskpane.html');
    return page!.userOptions!.officeJsUrl!;
  }

  test('production: Microsoft CDN; --env cloud=china: the 21Vianet cloud CDN; development: the local copy', async () => {
    expect(await officeJsUrl({}, 'production')).toBe(CDN);
    expect(await officeJsUrl({ cloud: 'china' }, 'production')).toBe('https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js');
    expect(await officeJsUrl({}, 'development')).toBe(LOCAL_COPY);
    await expect(officeJsUrl({ cloud: 'usgov' }, 'production')).rejects.toThrow(/cloud=usgov/);
  });
});
