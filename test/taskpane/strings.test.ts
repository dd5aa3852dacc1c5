import { en } from '../../src/taskpane/strings/en';
import { zhCN } from '../../src/taskpane/strings/zh-CN';
import { stringsFor } from '../../src/taskpane/strings';

/** Every leaf of a strings object by path: its value (texts) or its kind (functions). */
function leaves(value: unknown, path = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) for (const [p, v] of leaves(child, `${path}.${key}`)) out.set(p, v);
  } else {
    out.set(path, value);
  }
  return out;
}

const kinds = (strings: object) => [...leaves(strings)].map(([path, v]) => `${path}: ${typeof v}`).sort();

const SAMPLE_FACTS = { looked: ['项目编号', 'ID'], found: ['客户'], address: 'Sheet1!K2', missing: 'ExcelApi 1.12', message: 'boom' };

describe('pane strings', () => {
  test('zh-CN and en have the same keys, each of the same kind', () => {
    expect(kinds(en)).toEqual(kinds(zhCN));
  });

  test('no text is empty, and every error text says something with facts', () => {
    for (const strings of [zhCN, en]) {
      const empty = [...leaves(strings)].filter(([, v]) => typeof v === 'string' && v.trim() === '');
      expect(empty).toEqual([]);
      for (const code of ['no-portfolio', 'no-key-column', 'wrong-shape', 'busy', 'host-too-old', 'unexpected'] as const) {
        expect(strings.errors[code].body({ ...SAMPLE_FACTS, message: null }).length).toBeGreaterThan(5);
      }
    }
  });

  test('severity names per language, Chinese by default', () => {
    expect(zhCN.severity).toEqual({ critical: '严重', error: '错误', warning: '警告', info: '提示', ok: '正常' });
    expect(en.severity).toEqual({ critical: 'Critical', error: 'Error', warning: 'Warning', info: 'Info', ok: 'OK' });
    expect(stringsFor('zh-CN')).toBe(zhCN);
    expect(stringsFor('en')).toBe(en);
  });

  test('error texts quote the facts they are given', () => {
    for (const s of [zhCN, en]) {
      expect(s.errors['no-key-column'].body({ ...SAMPLE_FACTS, found: ['客户', '名称'] })).toMatch(/项目编号.*ID[\s\S]*客户.*名称/);
      expect(s.errors['wrong-shape'].body(SAMPLE_FACTS)).toContain('Sheet1!K2');
      expect(s.errors['host-too-old'].body(SAMPLE_FACTS)).toContain('ExcelApi 1.12');
      expect(s.errors.unexpected.body(SAMPLE_FACTS)).toContain('boom');
    }
  });

  test('outcome texts name what was added', () => {
    expect(zhCN.outcome.completed(['下一步', '级别'], [])).toBe('已在现有项目表中添加 2 列：下一步、级别。');
    expect(en.outcome.completed(['Next step'], ['Settings'])).toBe('Added 1 column to the existing portfolio: Next step. Added the Settings tables.');
    expect(en.outcome.created(['Settings', 'Holidays'])).toBe('Created the Portfolio table and the Settings, Holidays tables.');
  });
});
