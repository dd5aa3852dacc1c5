/**
 * manifest.xml (and the build's copy) against Microsoft's add-in manifest schemas, offline:
 * OfficeApp 1.1 with the task pane VersionOverrides 1.0, including <Runtimes>. The XSDs are in
 * test/manifest/schemas/ (where they come from, and what was patched so that libxml2 and <Runtimes>
 * work: schemas/README.md); libxml2 runs as WebAssembly (xmllint-wasm), no network.
 *
 * Run by `npm test` / `npm run test:browser` after the one production build they make.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { DIST, requireBuild } from '../browser/server';

const ROOT = path.resolve(__dirname, '../..');
const SCHEMAS = path.join(__dirname, 'schemas');
const MAIN = 'OfficeAppManifestV1_1.xsd';
const IMPORTED = ['OfficeAppBasicTypesV1_0.xsd', 'TaskPaneAppVersionOverridesV1_0.xsd', 'MailAppVersionOverridesV1_0.xsd', 'MailAppVersionOverridesV1_1.xsd', 'ContentAppVersionOverridesV1_0.xsd'];

const file = (name: string) => ({ fileName: name, contents: readFileSync(path.join(SCHEMAS, name), 'utf8') });

async function validate(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'manifest.xml', contents: xml }], schema: [file(MAIN)], preload: IMPORTED.map(file) });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

const SOURCE = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

/** Changes the <Runtimes> element only (the manifest's comments quote it too). */
function inRuntimes(xml: string, change: (runtimes: string) => string): string {
  return xml.replace(/<Runtimes>[\s\S]*?<\/Runtimes>/, change);
}

beforeAll(() => requireBuild(['manifest.xml']));

describe('manifest against Microsoft’s XSDs (OfficeApp 1.1, TaskPaneAppVersionOverrides 1.0 with <Runtimes>)', () => {
  test('manifest.xml is valid', async () => {
    expect(await validate(SOURCE)).toEqual([]);
  });

  test('dist/manifest.xml (what is deployed) is valid', async () => {
    expect(await validate(readFileSync(path.join(DIST, 'manifest.xml'), 'utf8'))).toEqual([]);
  });

  // The schemas do catch mistakes: each of these is refused.
  test.each<[string, (xml: string) => string]>([
    ['<Runtimes> after <AllFormFactors> (the schema’s order is Runtimes, AllFormFactors, DesktopFormFactor)', (xml) => {
      const runtimes = xml.match(/\s*<Runtimes>[\s\S]*?<\/Runtimes>/)![0];
      return xml.replace(runtimes, '').replace('</AllFormFactors>', `</AllFormFactors>${runtimes}`);
    }],
    ['a lifetime that is neither short nor long', (xml) => inRuntimes(xml, (r) => r.replace('lifetime="long"', 'lifetime="forever"'))],
    ['a Runtime without resid', (xml) => inRuntimes(xml, (r) => r.replace(/<Runtime resid="[^"]*"/, '<Runtime'))],
    ['a misspelled element', (xml) => xml.replace('<Permissions>', '<Permission>').replace('</Permissions>', '</Permission>')],
    ['elements out of order (DefaultLocale before ProviderName)', (xml) => {
      const locale = xml.match(/\s*<DefaultLocale>[^<]*<\/DefaultLocale>/)![0];
      return xml.replace(locale, '').replace(/(\s*<ProviderName>)/, `${locale}$1`);
    }],
    ['a resid longer than 32 characters', (xml) => xml.replace(/resid="Taskpane\.Url"/g, `resid="${'T'.repeat(33)}"`).replace('id="Taskpane.Url"', `id="${'T'.repeat(33)}"`)],
    ['a ShowTaskpane action without SourceLocation', (xml) => xml.replace(/(<Action xsi:type="ShowTaskpane">[\s\S]*?)<SourceLocation resid="[^"]*"\/>/, '$1')],
  ])('refused: %s', async (_what, change) => {
    const changed = change(SOURCE);
    expect(changed).not.toBe(SOURCE);
    expect((await validate(changed)).length).toBeGreaterThan(0);
  });
});
