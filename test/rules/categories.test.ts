/**
 * Category matching (rules.md §9 "Categories"): with `>` in a path only `>` separates its
 * levels; without it a rule's category matches when it occurs as a level or a level's end.
 */
import { categoryMatchesAny, firstCategoryMatch } from '../../src/rules/categories';
import { defaultSettings } from '../../src/rules/settings';
import { evalOne, finding, patch, rules, SET_UP } from './helpers';

const live = defaultSettings()['live.categories'];

describe('paths with ">"', () => {
  test.each([
    ['游戏>棋牌-牌类', '棋牌-牌类', true],
    ['游戏>棋牌-牌类', '牌类', true], // a level's end
    ['游戏>棋牌-牌类', '棋牌', false], // a level's start is no match
    ['游戏>角色扮演', '角色', false],
    ['游戏>角色', '角色', true],
    ['游戏 > 休闲 - 捕鱼', '休闲-捕鱼', true],
    ['游戏>休闲>捕鱼', '休闲-捕鱼', false], // two levels are not the one level 休闲-捕鱼
    ['商家自营 > 服装/鞋/箱包', '服装/鞋/箱包', true],
    ['商家自营＞食品', '商家自营>食品', true], // full-width ＞ is a ">"
    ['商家自营>食品>零食', '商家自营>食品', true],
    ['商家自营>宠物(活体)', '商家自营>宠物(非活体)', false],
    ['服装/鞋/箱包', '商家自营>服装/鞋/箱包', false],
  ])('%s vs %s: %s', (path, entry, expected) => {
    expect(categoryMatchesAny(path, [entry])).toBe(expected);
  });
});

describe('paths without ">"', () => {
  test.each([
    ['游戏-棋牌-牌类', '棋牌-牌类', true],
    ['游戏/棋牌/牌类', '牌类', true],
    ['游戏-棋牌-牌类', '棋牌', true], // without ">" a dash may end a level
    ['游戏-棋牌牌类', '棋牌', false],
    ['角色扮演', '角色', false],
    ['商家自营/服装/鞋/箱包', '商家自营>服装/鞋/箱包', true],
    ['商家自营-宠物(非活体)', '商家自营>宠物(非活体)', true],
    ['商家自营-宠物(活体)', '商家自营>宠物(非活体)', false],
  ])('%s vs %s: %s', (path, entry, expected) => {
    expect(categoryMatchesAny(path, [entry])).toBe(expected);
  });
});

test('the live list: the first entry matched is named', () => {
  expect(firstCategoryMatch('商家自营 > 图书报刊/音像/影视/游戏/动漫', live)).toBe('商家自营>图书报刊/音像/影视/游戏/动漫');
  expect(firstCategoryMatch('商家自营>游戏', live)).toBeNull();
});

test('CAT-PERSONAL-FORBIDDEN: 游戏>角色 and the platform\'s 游戏>角色扮演 (its own entry in the default list); 游戏>休闲 is allowed', () => {
  const personal = patch(SET_UP, { subjectType: 'personal' });
  expect(finding(evalOne(patch(personal, { category: '游戏>角色' })), 'CAT-PERSONAL-FORBIDDEN').severity).toBe('error');
  expect(finding(evalOne(patch(personal, { category: '游戏>角色扮演' })), 'CAT-PERSONAL-FORBIDDEN').severity).toBe('error');
  expect(rules(evalOne(patch(personal, { category: '游戏>休闲' })))).not.toContain('CAT-PERSONAL-FORBIDDEN');
  // The matching itself: 角色扮演 is found by its own entry, never by 角色 (rules.md §9).
  expect(firstCategoryMatch('游戏>角色扮演', ['角色'])).toBeNull();
  expect(firstCategoryMatch('游戏>角色扮演', defaultSettings()['categories.personalForbidden'])).toBe('角色扮演');
});
