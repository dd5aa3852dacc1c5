/**
 * The production build (dist/, made once by `npm run test:browser`): functions.json and
 * functions-zh-cn.json list the same functions with the same parameters, the Chinese file in
 * Chinese; the built manifest points at both; the bundles share one webpack runtime, so the
 * task pane and the functions share one portfolio store.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { namingProblem } from '../functions/builtinNames';

const ROOT = path.join(__dirname, '..', '..');
const CJK = /[\u4e00-\u9fff]/;

interface Fn {
  id: string;
  name: string;
  description: string;
  options?: Record<string, unknown>;
  parameters: { name: string; description: string; type?: string; dimensionality?: string; optional?: boolean }[];
  result: Record<string, unknown>;
}

let out: string;
let en: { functions: Fn[] };
let zh: { functions: Fn[] };

beforeAll(() => {
  out = path.join(ROOT, 'dist');
  if (!fs.existsSync(path.join(out, 'functions-zh-cn.json'))) throw new Error('no production build in dist/: run npm run build first');
  en = JSON.parse(fs.readFileSync(path.join(out, 'functions.json'), 'utf8'));
  zh = JSON.parse(fs.readFileSync(path.join(out, 'functions-zh-cn.json'), 'utf8'));
});

/** Everything but the texts. */
const shape = (f: Fn) => ({
  id: f.id,
  name: f.name,
  options: f.options,
  result: f.result,
  parameters: f.parameters.map(({ description: _description, ...p }) => p),
});

test('functions.json and functions-zh-cn.json: the same ids, names, parameters, options and results', () => {
  expect(en.functions.length).toBeGreaterThanOrEqual(14);
  expect(zh.functions.map(shape)).toEqual(en.functions.map(shape));
  const { functions: _a, ...enRest } = en;
  const { functions: _b, ...zhRest } = zh;
  expect(zhRest).toEqual(enRest);
  expect(en.functions.map((f) => f.id)).toEqual(expect.arrayContaining(['NEXTSTEP', 'STAGE', 'DUEDATE', 'DUEFOR', 'ETA', 'SEVERITY', 'FINDINGS', 'LIVE', 'EXPEDITE', 'ICPDEADLINE', 'WORKDAY.CN', 'NETWORKDAYS.CN', 'ISWORKDAY']));
});

test('no built-in Excel function name (any language), Excel 4.0 macro or cell reference as an id or name, in either file', () => {
  // https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-naming: "Avoid an `id` or
  // `name` that matches a built-in Excel function in any language" (list: test/functions/builtinNames.ts).
  const names = [...en.functions, ...zh.functions].flatMap((f) => [f.id, f.name]);
  expect(names.map(namingProblem).filter((p) => p !== null)).toEqual([]);
  expect(names).not.toContain('WORKDAY');
  expect(names).not.toContain('NETWORKDAYS');
});

test('English descriptions in functions.json, Chinese in functions-zh-cn.json, for every function and parameter', () => {
  for (const [e, z] of en.functions.map((f, i) => [f, zh.functions[i]] as const)) {
    expect(e.description).not.toMatch(/^[\u4e00-\u9fff]/);
    expect(z.description).toMatch(CJK);
    expect(z.description).not.toBe(e.description);
    e.parameters.forEach((p, k) => {
      expect(p.description).toMatch(/[A-Za-z]{3}/);
      expect(z.parameters[k].description).toMatch(CJK);
    });
  }
});

test('the built manifest points at both metadata files', () => {
  const manifest = fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8');
  const extension = /<ExtensionPoint xsi:type="CustomFunctions">([\s\S]*?)<\/ExtensionPoint>/.exec(manifest)?.[1] ?? '';
  const resid = /<Metadata>\s*<SourceLocation resid="([^"]+)"\s*\/>\s*<\/Metadata>/.exec(extension)?.[1];
  expect(resid).toBe('Functions.Metadata.Url');
  const url = new RegExp(`<bt:Url id="${resid}" DefaultValue="([^"]+)">\\s*<bt:Override Locale="zh-CN" Value="([^"]+)"\\s*/>\\s*</bt:Url>`).exec(manifest);
  expect(url).not.toBeNull();
  const [, defaultUrl, zhUrl] = url!;
  expect(defaultUrl).toMatch(/\/functions\.json$/);
  expect(zhUrl).toMatch(/\/functions-zh-cn\.json$/);
  // Both files exist where the manifest's URLs point (relative to the same base).
  expect(fs.existsSync(path.join(out, path.basename(new URL(defaultUrl).pathname)))).toBe(true);
  expect(fs.existsSync(path.join(out, path.basename(new URL(zhUrl).pathname)))).toBe(true);
});

test('the functions are registered, and share one webpack runtime with the task pane', () => {
  const functionsJs = fs.readFileSync(path.join(out, 'functions.js'), 'utf8');
  // The plugin's appended `CustomFunctions.associate("ID", fn)` lines go through host.associate
  // (functions.ts shadows the global name), which the minifier inlines as `x("ID",…)`.
  const registered = en.functions.filter((f) => functionsJs.includes(`("${f.id}",`)).map((f) => f.id);
  expect(registered).toEqual(en.functions.map((f) => f.id));
  const html = fs.readFileSync(path.join(out, 'taskpane.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)].map((m) => m[1]); // minified: quotes optional
  const runtime = scripts.indexOf('runtime.js');
  expect(runtime).toBeGreaterThan(-1);
  for (const bundle of ['taskpane.js', 'commands.js', 'functions.js']) expect(scripts.indexOf(bundle)).toBeGreaterThan(runtime);
});
