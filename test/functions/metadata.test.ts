/**
 * The functions' metadata as custom-functions-metadata generates it from functions.ts (what the
 * webpack plugin writes to functions.json), and the Chinese texts of descriptions.zh-CN.json
 * that webpack.config.js turns into functions-zh-cn.json: every id and parameter described in
 * both languages, nothing described that does not exist.
 */
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import * as path from 'node:path';
import zh from '../../src/functions/descriptions.zh-CN.json';
import * as F from '../../src/functions/functions';
import { BUILTIN_FUNCTION_NAMES, namingProblem } from './builtinNames';

interface Metadata {
  functions: {
    id: string;
    name: string;
    description?: string;
    options?: { stream?: boolean };
    parameters: { name: string; description?: string; type?: string; optional?: boolean }[];
    result: { type?: string };
  }[];
}

const ROW_IDS = ['NEXTSTEP', 'STAGE', 'DUEDATE', 'DUEFOR', 'ETA', 'SEVERITY', 'FINDINGS', 'LIVE', 'EXPEDITE', 'ICPDEADLINE'];
const HELPER_IDS = ['WORKDAY.CN', 'NETWORKDAYS.CN', 'ISWORKDAY'];
const CJK = /[\u4e00-\u9fff]/;

let metadata: Metadata;
let associations: { functionName: string; id: string }[];

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata([path.join(__dirname, '../../src/functions/functions.ts')], true);
  expect(result.errors).toEqual([]);
  metadata = JSON.parse(result.metadataJson);
  associations = result.associate;
}, 60_000);

test('the LAUNCH functions, each registered under its id', () => {
  expect(metadata.functions.map((f) => f.id)).toEqual([...ROW_IDS, ...HELPER_IDS, 'ADDINVERSION']);
  // Names are the ids: LAUNCH.NEXTSTEP in every language.
  for (const f of metadata.functions) expect(f.name).toBe(f.id);
  // Each id is associated with an exported function of functions.ts.
  for (const { functionName, id } of associations) {
    expect(typeof (F as Record<string, unknown>)[functionName]).toBe('function');
    expect(metadata.functions.some((f) => f.id === id)).toBe(true);
  }
  expect(associations).toHaveLength(metadata.functions.length);
});

test('row functions and helpers stream; parameters and result types', () => {
  const byId = new Map(metadata.functions.map((f) => [f.id, f]));
  for (const id of [...ROW_IDS, ...HELPER_IDS]) expect(byId.get(id)!.options?.stream).toBe(true);
  for (const id of ROW_IDS) expect(byId.get(id)!.parameters.map((p) => [p.name, p.type])).toEqual([['id', 'any']]);
  expect(byId.get('WORKDAY.CN')!.parameters.map((p) => [p.name, p.type])).toEqual([['start', 'any'], ['days', 'number']]);
  expect(byId.get('NETWORKDAYS.CN')!.parameters.map((p) => p.name)).toEqual(['start', 'end']);
  expect(byId.get('ISWORKDAY')!.parameters.map((p) => p.name)).toEqual(['date']);
  expect(byId.get('NEXTSTEP')!.result.type).toBe('string');
  expect(byId.get('LIVE')!.result.type).toBe('boolean');
  expect(byId.get('EXPEDITE')!.result.type).toBe('number');
  expect(byId.get('WORKDAY.CN')!.result.type).toBe('number');
  // Dates, or blank when there is none.
  for (const id of ['DUEDATE', 'ETA', 'ICPDEADLINE']) expect(byId.get(id)!.result.type).toBeUndefined();
  // The streaming invocation is not a parameter Excel shows.
  for (const f of metadata.functions) expect(f.parameters.some((p) => p.name === 'invocation')).toBe(false);
});

test('every function and parameter is described in English', () => {
  for (const f of metadata.functions) {
    expect(f.description).toMatch(/\w{3}/);
    for (const p of f.parameters) expect(p.description).toMatch(/\w{3}/);
  }
});

test('every function and parameter is described in Chinese, and nothing else is', () => {
  const table = zh as Record<string, { description: string; parameters: Record<string, string> }>;
  expect(Object.keys(table).sort()).toEqual(metadata.functions.map((f) => f.id).sort());
  for (const f of metadata.functions) {
    const texts = table[f.id];
    expect(texts.description).toMatch(CJK);
    expect(Object.keys(texts.parameters).sort()).toEqual(f.parameters.map((p) => p.name).sort());
    for (const p of f.parameters) expect(texts.parameters[p.name]).toMatch(CJK);
  }
});

test('the build step that writes functions-zh-cn.json: Chinese texts in, missing and stale ones reported', () => {
  const { localizeFunctionsMetadata } = require('../../webpack.config.js') as {
    localizeFunctionsMetadata: (english: unknown, table: unknown) => { metadata: Metadata & Record<string, unknown>; problems: string[] };
  };
  const complete = localizeFunctionsMetadata(metadata, zh);
  expect(complete.problems).toEqual([]);
  expect(complete.metadata.functions.map((f) => f.id)).toEqual(metadata.functions.map((f) => f.id));
  expect(complete.metadata.functions[0].description).toBe((zh as Record<string, { description: string }>).NEXTSTEP.description);

  const table = JSON.parse(JSON.stringify(zh)) as Record<string, { description: string; parameters: Record<string, string> }>;
  delete table.STAGE;
  table['WORKDAY.CN'].parameters.days = '';
  table.ISWORKDAY.parameters.when = '哪天';
  table.GONE = { description: '已删除的函数', parameters: {} };
  expect(localizeFunctionsMetadata(metadata, table).problems.sort()).toEqual(
    ['GONE: no such function', 'ISWORKDAY(when): no such parameter', 'STAGE(id): no Chinese description', 'STAGE: no Chinese description', 'WORKDAY.CN(days): no Chinese description'].sort(),
  );
});

describe('names: none that the naming docs say to avoid', () => {
  // "Avoid an `id` or `name` that matches a built-in Excel function in any language", and names
  // that match a cell reference or an Excel 4.0 macro function:
  // https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-naming (builtinNames.ts).
  test('no id or name is a built-in Excel function, an Excel 4.0 macro function or a cell reference', () => {
    const problems = metadata.functions.flatMap((f) => [...new Set([f.id, f.name])].map(namingProblem)).filter((p) => p !== null);
    expect(problems).toEqual([]);
    // The Chinese metadata keeps the ids and names (only texts are translated): the same holds there.
    const { localizeFunctionsMetadata } = require('../../webpack.config.js') as {
      localizeFunctionsMetadata: (english: unknown, table: unknown) => { metadata: Metadata };
    };
    const chinese = localizeFunctionsMetadata(metadata, zh).metadata.functions;
    expect(chinese.flatMap((f) => [f.id, f.name]).map(namingProblem).filter((p) => p !== null)).toEqual([]);
  });

  test('ids follow the naming rules: A–Z, 0–9, period, underscore; a letter first; three characters or more; uppercase', () => {
    for (const f of metadata.functions) expect(f.id).toMatch(/^[A-Z][A-Z0-9._]{2,}$/);
  });

  test('the check itself: built-in names, their other spellings and languages, macros and cell references are caught', () => {
    for (const name of ['WORKDAY', 'NETWORKDAYS', 'workday', 'WORKDAY.INTL', 'WORKDAY_INTL', 'DAYS', 'TODAY', 'XLOOKUP', 'TEXTJOIN', 'IFS', 'SUMIFS', 'ISNUMBER', 'ARBEITSTAG', 'NB.JOURS.OUVRES', 'DIAS.LAB']) {
      expect(namingProblem(name)).toMatch(/built-in function/);
    }
    expect(namingProblem('RUN')).toMatch(/macro/);
    expect(namingProblem('GET.CELL')).toMatch(/macro/);
    for (const ref of ['ETA1', 'XFD1048576', 'R1C1', 'R1048576C16384']) expect(namingProblem(ref)).toMatch(/cell reference/);
    for (const fine of ['WORKDAY.CN', 'NETWORKDAYS.CN', 'ISWORKDAY', 'XFE1', 'NEXTSTEP', 'ADDINVERSION']) expect(namingProblem(fine)).toBeNull();
    // The list is a real one: every family, several hundred names.
    expect(BUILTIN_FUNCTION_NAMES.size).toBeGreaterThan(450);
  });
});
