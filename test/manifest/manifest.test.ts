/**
 * manifest.xml checked offline (Microsoft's validation service, `npm run validate`, is not
 * reachable here): resource ids, the shared runtime, custom functions, the ribbon button, the
 * display strings in both languages, and — against the production build in dist/ — every URL
 * served and every icon at its declared pixel size.
 *
 * Run by `npm test` / `npm run test:browser` after the one production build they make.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { DIST, requireBuild } from '../browser/server';
import { pngSize } from './png';
import { child, children, descendants, parseXml, path as at, pathOf, xsiType, type XmlElement } from './xml';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

/** The dev server's address the manifest's URLs use; webpack's `--env baseUrl` rewrites it in dist/manifest.xml. */
const DEV_BASE = 'https://localhost:3000/';
const NS = {
  officeApp: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  overrides: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
};
const LOCALES = ['zh-CN'];
const HAN = /\p{Script=Han}/u;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** The Id in yo office's templates: an add-in must not keep it. */
const TEMPLATE_GUID = '05c2e1c9-3e1d-406e-9a91-e9ac64854143';
/** Strings deliberately the same in every language (the manifest says why beside each). */
const NOT_LOCALIZED = new Set(['Functions.Namespace']);
/** Documented limits: resid 32 characters, short strings 125, long strings 250. */
const MAX = { resid: 32, short: 125, long: 250 };

type Kind = 'Images' | 'Urls' | 'ShortStrings' | 'LongStrings';
/** Which Resources collection an element's resid must point into, by the element's local name. */
const KIND_OF_REFERENCE: Record<string, Kind> = {
  Runtime: 'Urls',
  SourceLocation: 'Urls',
  FunctionFile: 'Urls',
  LearnMoreUrl: 'Urls',
  Image: 'Images',
  Label: 'ShortStrings',
  Title: 'ShortStrings',
  Namespace: 'ShortStrings',
  Description: 'LongStrings',
};

interface Resource {
  id: string;
  kind: Kind;
  value: string;
  overrides: Map<string, string>;
  element: XmlElement;
}

const root = parseXml(SOURCE);
const versionOverrides = child(root, 'VersionOverrides');
const resourcesElement = child(versionOverrides, 'Resources');

const resourceList: Resource[] = (['Images', 'Urls', 'ShortStrings', 'LongStrings'] as Kind[]).flatMap((kind) =>
  children(resourcesElement, kind).flatMap((collection) =>
    collection.children.map((element) => ({
      id: element.attributes.id,
      kind,
      value: element.attributes.DefaultValue,
      overrides: new Map(children(element, 'Override').map((o) => [o.attributes.Locale, o.attributes.Value])),
      element,
    })),
  ),
);
const resources = new Map(resourceList.map((r) => [r.id, r]));

/** Every element that names a resource, with what it names. */
const references = descendants(versionOverrides)
  .filter((e) => e.attributes.resid !== undefined)
  .map((element) => ({ element, resid: element.attributes.resid }));

function resource(resid: string | undefined): Resource {
  const found = resid === undefined ? undefined : resources.get(resid);
  if (!found) throw new Error(`resid ${resid} is not defined in <Resources>`);
  return found;
}

const urlOf = (element: XmlElement) => resource(element.attributes.resid).value;

/** The Excel host of the VersionOverrides. */
function workbookHost(): XmlElement {
  const hosts = children(at(versionOverrides, 'Hosts'), 'Host').filter((h) => xsiType(h) === 'Workbook');
  expect(hosts).toHaveLength(1);
  return hosts[0];
}

function extensionPoints(parent: XmlElement, type: string): XmlElement[] {
  return children(parent, 'ExtensionPoint').filter((e) => xsiType(e) === type);
}

/** A localizable value: the default (English) and its zh-CN override. */
function localized(element: XmlElement): { en: string; zh: string | undefined } {
  const override = children(element, 'Override').find((o) => o.attributes.Locale === 'zh-CN');
  return { en: element.attributes.DefaultValue, zh: override?.attributes.Value };
}

function expectEnglishAndChinese(what: string, value: { en: string | undefined; zh: string | undefined }, max: number): void {
  expect([what, typeof value.en === 'string' && value.en.trim() !== '' && !HAN.test(value.en)]).toEqual([what, true]);
  expect([what, typeof value.zh === 'string' && HAN.test(value.zh)]).toEqual([what, true]);
  expect([what, Math.max(value.en!.length, value.zh!.length) <= max]).toEqual([what, true]);
}

/** dist/ path for a manifest URL on the dev server (query and fragment dropped). */
function distPath(url: string): string {
  const { pathname } = new URL(url);
  return path.join(DIST, decodeURIComponent(pathname).replace(/^\//, ''));
}

beforeAll(() => requireBuild());

describe('manifest.xml, checked offline', () => {
  test('a TaskPaneApp for Excel workbooks: a GUID Id of its own, the package version, read/write permission', () => {
    expect([root.local, root.uri, xsiType(root)]).toEqual(['OfficeApp', NS.officeApp, 'TaskPaneApp']);
    const id = child(root, 'Id').text;
    expect(id).toMatch(GUID);
    expect(id.toLowerCase()).not.toBe(TEMPLATE_GUID);
    // Office wants up to four numeric parts; it follows package.json (0.1.0 → 0.1.0.0).
    expect(child(root, 'Version').text).toBe(`${pkg.version}.0`);
    expect(child(root, 'DefaultLocale').text).toBe('en-US');
    expect(children(child(root, 'Hosts'), 'Host').map((h) => h.attributes.Name)).toEqual(['Workbook']);
    expect(child(root, 'Permissions').text).toBe('ReadWriteDocument');
    expect(versionOverrides.uri).toBe(NS.overrides);
    expect(xsiType(versionOverrides)).toBe('VersionOverridesV1_0');
    expect(resourcesElement.children.every((c) => c.uri === NS.bt)).toBe(true);
  });

  test('name, description and ribbon texts in English (default) and Chinese (zh-CN)', () => {
    expectEnglishAndChinese('DisplayName', localized(child(root, 'DisplayName')), 125);
    expectEnglishAndChinese('Description', localized(child(root, 'Description')), 250);
    // Every override is a locale the add-in has, and says something.
    for (const override of descendants(root).filter((e) => e.local === 'Override')) {
      expect([pathOf(override), LOCALES.includes(override.attributes.Locale)]).toEqual([pathOf(override), true]);
      expect([pathOf(override), (override.attributes.Value ?? '').trim() !== '']).toEqual([pathOf(override), true]);
    }
    // The texts Excel shows on the ribbon and in the "get started" callout.
    const host = workbookHost();
    const button = descendants(host).find((e) => e.local === 'Control' && xsiType(e) === 'Button')!;
    const group = button.parent!;
    const getStarted = at(host, 'DesktopFormFactor', 'GetStarted');
    const texts: [string, XmlElement][] = [
      ['group label', child(group, 'Label')],
      ['button label', child(button, 'Label')],
      ['button tooltip title', at(button, 'Supertip', 'Title')],
      ['button tooltip', at(button, 'Supertip', 'Description')],
      ['get started title', child(getStarted, 'Title')],
      ['get started description', child(getStarted, 'Description')],
    ];
    for (const [what, element] of texts) {
      const r = resource(element.attributes.resid);
      expectEnglishAndChinese(what, { en: r.value, zh: r.overrides.get('zh-CN') }, r.kind === 'LongStrings' ? MAX.long : MAX.short);
    }
  });

  test('resource ids: each defined once, in the right collection, every one used; strings in both languages', () => {
    const ids = resourceList.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const r of resourceList) {
      expect([r.id, r.id.length <= MAX.resid, (r.value ?? '').trim() !== '']).toEqual([r.id, true, true]);
    }
    for (const { element, resid } of references) {
      const where = `${pathOf(element)} resid="${resid}"`;
      expect([where, resources.has(resid)]).toEqual([where, true]);
      expect([where, resources.get(resid)?.kind]).toEqual([where, KIND_OF_REFERENCE[element.local]]);
    }
    const used = new Set(references.map((r) => r.resid));
    expect(ids.filter((id) => !used.has(id))).toEqual([]);

    for (const r of resourceList.filter((r) => r.kind === 'ShortStrings' || r.kind === 'LongStrings')) {
      const max = r.kind === 'ShortStrings' ? MAX.short : MAX.long;
      const zh = r.overrides.get('zh-CN');
      if (NOT_LOCALIZED.has(r.id)) {
        expect([r.id, r.overrides.size]).toEqual([r.id, 0]);
        continue;
      }
      expect([r.id, r.value.length <= max, zh !== undefined && zh.length <= max]).toEqual([r.id, true, true]);
    }
    // Icons are the same in every language; a URL may have a zh-CN file (checked with the other URLs).
    for (const r of resourceList.filter((r) => r.kind === 'Images')) expect([r.id, r.overrides.size]).toEqual([r.id, 0]);
  });

  test('shared runtime: <Runtimes> first in the Workbook host, the task pane page, lifetime long; pane, functions and commands all use it', () => {
    const sets = children(at(root, 'Requirements', 'Sets'), 'Set');
    expect(sets.find((s) => s.attributes.Name === 'SharedRuntime')?.attributes.MinVersion).toBe('1.1');

    const host = workbookHost();
    expect(host.children[0].local).toBe('Runtimes'); // the schema's order: Runtimes, AllFormFactors, DesktopFormFactor
    expect(descendants(root).filter((e) => e.local === 'Runtimes')).toHaveLength(1);
    const runtimes = children(host.children[0], 'Runtime');
    expect(runtimes).toHaveLength(1);
    const runtime = runtimes[0];
    expect(runtime.attributes.lifetime).toBe('long');
    expect(runtime.attributes.resid).toBe('Taskpane.Url');
    const runtimeUrl = urlOf(runtime);
    expect(runtimeUrl).toBe(`${DEV_BASE}taskpane.html`);
    expect(at(root, 'DefaultSettings', 'SourceLocation').attributes.DefaultValue).toBe(runtimeUrl);

    const functions = extensionPoints(child(host, 'AllFormFactors'), 'CustomFunctions');
    expect(functions).toHaveLength(1);
    expect(at(functions[0], 'Page', 'SourceLocation').attributes.resid).toBe(runtime.attributes.resid);
    const desktop = child(host, 'DesktopFormFactor');
    expect(child(desktop, 'FunctionFile').attributes.resid).toBe(runtime.attributes.resid);
    const actions = descendants(desktop).filter((e) => e.local === 'Action');
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) {
      if (xsiType(action) === 'ShowTaskpane') expect([pathOf(action), child(action, 'SourceLocation').attributes.resid]).toEqual([pathOf(action), runtime.attributes.resid]);
      else expect([pathOf(action), xsiType(action)]).toEqual([pathOf(action), 'ExecuteFunction']); // runs in FunctionFile, the same page
    }
    // The one page hosts all three bundles (webpack injects them after office.js, from Microsoft's
    // CDN in a production build: test/manifest/pages.test.ts checks the page's office.js in detail).
    const page = readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
    const scripts = [...page.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/g)].map((m) => m[1]);
    expect(scripts[0]).toBe('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    for (const bundle of ['taskpane.js', 'commands.js', 'functions.js']) expect([bundle, scripts.includes(bundle)]).toEqual([bundle, true]);
  });

  test('custom functions: the LAUNCH namespace, the metadata, script and page URLs', () => {
    const [functions] = extensionPoints(child(workbookHost(), 'AllFormFactors'), 'CustomFunctions');
    const namespace = resource(child(functions, 'Namespace').attributes.resid);
    expect(namespace.kind).toBe('ShortStrings');
    expect(namespace.value).toBe('LAUNCH');
    expect(namespace.overrides.size).toBe(0); // formulas must read the same in every language
    expect(urlOf(at(functions, 'Script', 'SourceLocation'))).toBe(`${DEV_BASE}functions.js`);
    expect(urlOf(at(functions, 'Metadata', 'SourceLocation'))).toBe(`${DEV_BASE}functions.json`);
    expect(urlOf(at(functions, 'Page', 'SourceLocation'))).toBe(`${DEV_BASE}taskpane.html`);

    // The metadata the build wrote, and any per-language copy (an Override of the metadata URL):
    // the same functions and parameters in each, since formulas must not change with the language.
    type Metadata = { functions?: { id?: string; name?: string; parameters?: { name?: string }[] }[] };
    const shape = (url: string) => {
      const metadata = JSON.parse(readFileSync(distPath(url), 'utf8')) as Metadata;
      expect([url, Array.isArray(metadata.functions) && metadata.functions.length > 0]).toEqual([url, true]);
      for (const f of metadata.functions!) expect([f.id, /^[A-Z][A-Z0-9._]*$/.test(f.id ?? ''), typeof f.name]).toEqual([f.id, true, 'string']);
      return metadata.functions!.map((f) => `${f.id}(${(f.parameters ?? []).map((p) => p.name).join(',')})`);
    };
    const metadataUrl = resource(at(functions, 'Metadata', 'SourceLocation').attributes.resid);
    const english = shape(metadataUrl.value);
    for (const [locale, url] of metadataUrl.overrides) expect([locale, shape(url)]).toEqual([locale, english]);
  });

  test('ribbon: a button in a group on the Home tab opens the task pane', () => {
    const desktop = child(workbookHost(), 'DesktopFormFactor');
    const surfaces = extensionPoints(desktop, 'PrimaryCommandSurface');
    expect(surfaces).toHaveLength(1);
    const tab = child(surfaces[0], 'OfficeTab');
    expect(tab.attributes.id).toBe('TabHome');
    const groups = children(tab, 'Group');
    expect(groups.length).toBeGreaterThan(0);
    const buttons = groups.flatMap((g) => children(g, 'Control')).filter((c) => xsiType(c) === 'Button');
    const opensPane = buttons.filter((b) => xsiType(child(b, 'Action')) === 'ShowTaskpane');
    expect(opensPane).toHaveLength(1);
    const action = child(opensPane[0], 'Action');
    // One task pane, the shared runtime's: no <Action> under the Host with the long-lived Runtime
    // has a TaskpaneId. "In the ancestor <Host> element that has a descendant <Runtime> element that
    // is set to a long lifetime, none of the descendant <Action> elements should have a <TaskpaneID>
    // child element" (https://learn.microsoft.com/office/dev/add-ins/develop/configure-your-add-in-to-use-a-shared-runtime,
    // "Good practice: avoid multiple task panes"; office-js-docs-pr, docs/develop/configure-your-add-in-to-use-a-shared-runtime.md).
    const paneIds = descendants(root).filter((e) => e.local.toLowerCase() === 'taskpaneid');
    expect(paneIds.map(pathOf)).toEqual([]);
    expect(urlOf(child(action, 'SourceLocation'))).toBe(`${DEV_BASE}taskpane.html`);
    // Every group and control: a unique id, a label, and an icon at 16, 32 and 80 px.
    const ids = [...groups, ...groups.flatMap((g) => children(g, 'Control'))].map((e) => e.attributes.id);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 125)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const element of [...groups, ...buttons]) {
      expect([element.attributes.id, children(element, 'Label').length]).toEqual([element.attributes.id, 1]);
      const sizes = children(child(element, 'Icon'), 'Image').map((i) => i.attributes.size);
      expect([element.attributes.id, sizes.sort()]).toEqual([element.attributes.id, ['16', '32', '80']]);
    }
  });

  test('every URL is https, and every one on the dev server is a file of the production build', () => {
    const urls = new Set<string>();
    for (const e of [root, ...descendants(root)]) {
      for (const [name, value] of Object.entries(e.attributes)) {
        if (name !== 'xmlns' && !name.startsWith('xmlns:') && /^[a-z]+:\/\//i.test(value)) urls.add(value);
      }
    }
    expect([...urls].filter((u) => !u.startsWith('https://'))).toEqual([]);
    const served = [...urls].filter((u) => u.startsWith(DEV_BASE));
    expect(served.length).toBeGreaterThan(0);
    expect(served.filter((u) => !existsSync(distPath(u)))).toEqual([]);
    // The rest point at Microsoft (the "learn more" link), nowhere else.
    expect([...urls].filter((u) => !u.startsWith(DEV_BASE)).map((u) => new URL(u).hostname)).toEqual(['go.microsoft.com']);
    // The build copies the manifest as written (URL rewriting only with --env baseUrl).
    expect(readFileSync(path.join(DIST, 'manifest.xml'), 'utf8')).toBe(SOURCE);
  });

  test('icons: PNG files of the pixel size they are declared at', () => {
    const declared: [string, number][] = [
      [child(root, 'IconUrl').attributes.DefaultValue, 32],
      [child(root, 'HighResolutionIconUrl').attributes.DefaultValue, 64],
    ];
    for (const image of descendants(workbookHost()).filter((e) => e.local === 'Image' && e.attributes.resid)) {
      declared.push([urlOf(image), Number(image.attributes.size)]);
    }
    const seen = new Set<number>();
    for (const [url, size] of declared) {
      expect([url, url.startsWith(DEV_BASE) && url.endsWith('.png')]).toEqual([url, true]);
      expect([url, pngSize(readFileSync(distPath(url)))]).toEqual([url, { width: size, height: size }]);
      seen.add(size);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([16, 32, 64, 80]);
    // Each image resource's id names its size (Icon.16x16), so the ids cannot mislead.
    for (const r of resourceList.filter((r) => r.kind === 'Images')) {
      const { width, height } = pngSize(readFileSync(distPath(r.value)));
      expect([r.id, r.id.endsWith(`.${width}x${height}`)]).toEqual([r.id, true]);
    }
  });
});

describe('manifest test helpers', () => {
  test('pngSize reads IHDR and refuses other files', () => {
    const header = Buffer.alloc(24);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
    header.writeUInt32BE(13, 8);
    header.write('IHDR', 12, 'latin1');
    header.writeUInt32BE(80, 16);
    header.writeUInt32BE(40, 20);
    expect(pngSize(header)).toEqual({ width: 80, height: 40 });
    expect(() => pngSize(Buffer.from('<svg/>'))).toThrow('not a PNG');
  });

  test('parseXml: namespaces, xsi:type under any prefix, and malformed XML throws', () => {
    const doc = parseXml('<a xmlns="urn:x" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><b i:type="T" id="1">hi</b></a>');
    const b = child(doc, 'b');
    expect([b.uri, xsiType(b), b.attributes.id, b.text, pathOf(b)]).toEqual(['urn:x', 'T', '1', 'hi', 'a > b[T]#1']);
    expect(() => parseXml('<a><b></a>')).toThrow();
  });
});
