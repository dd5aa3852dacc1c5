/**
 * NAME-FORMAT (rules.md §6): 4–30 characters, a Chinese character counting as 2, no 小程序.
 */
import { nameWidth } from '../../src/rules/names';
import { evalOne, finding, findings, rules } from './helpers';

describe('NAME-FORMAT', () => {
  test('width: Chinese characters count 2, ASCII 1', () => {
    expect(nameWidth('星火')).toBe(4);
    expect(nameWidth('星火ab')).toBe(6);
    expect(nameWidth('abcd')).toBe(4);
  });

  test('"星" is 2 wide: too short (warning)', () => {
    const f = finding(evalOne({ name: '星' }), 'NAME-FORMAT');
    expect(f).toMatchObject({ severity: 'warning', step: 'name' });
    expect(f.text).toBe('名称“星”长度 2（汉字计 2），须在 4–30 之间');
  });

  test('"星火" (4) and "abcd" (4) are long enough; "abc" (3) is not', () => {
    expect(rules(evalOne({ name: '星火' }))).not.toContain('NAME-FORMAT');
    expect(rules(evalOne({ name: 'abcd' }))).not.toContain('NAME-FORMAT');
    expect(finding(evalOne({ name: 'abc' }), 'NAME-FORMAT').text).toContain('长度 3');
  });

  test('15 Chinese characters (30) fit, 16 (32) do not', () => {
    const fifteen = '星火云帆远山青木海豚极光北辰知';
    expect(fifteen).toHaveLength(15);
    expect(rules(evalOne({ name: fifteen }))).not.toContain('NAME-FORMAT');
    expect(finding(evalOne({ name: fifteen + '行' }), 'NAME-FORMAT').text).toContain('长度 32');
  });

  test('30 ASCII characters fit, 31 do not', () => {
    expect(rules(evalOne({ name: 'a'.repeat(30) }))).not.toContain('NAME-FORMAT');
    expect(rules(evalOne({ name: 'a'.repeat(31) }))).toContain('NAME-FORMAT');
  });

  test('a name containing 小程序 is not allowed', () => {
    const r = evalOne({ name: '星火商城小程序' }, { language: 'en' });
    const [f] = findings(r, 'NAME-FORMAT');
    expect(f.severity).toBe('warning');
    expect(f.text).toBe('The name "星火商城小程序" may not contain "小程序"');
  });

  test('forbidden words and lengths are settings', () => {
    expect(rules(evalOne({ name: '星火商城小程序' }, { settings: { 'name.forbiddenWords': ['官方'] } }))).not.toContain('NAME-FORMAT');
    expect(rules(evalOne({ name: '星火官方商城' }, { settings: { 'name.forbiddenWords': ['官方'] } }))).toContain('NAME-FORMAT');
    expect(rules(evalOne({ name: '星火' }, { settings: { 'name.minLength': 6 } }))).toContain('NAME-FORMAT');
  });

  test('no name yet: nothing', () => {
    expect(rules(evalOne({ name: null }))).not.toContain('NAME-FORMAT');
  });
});
