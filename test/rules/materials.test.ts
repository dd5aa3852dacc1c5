/**
 * QUAL-MATERIALS and QUAL-PUBLISHER (rules.md §1, seed 000 第五步).
 */
import type { Material } from '../../src/rules/materials';
import { d, evalOne, findings, finding, patch, rules, SET_UP } from './helpers';

const QUAL_SUBMITTED = patch(SET_UP, { steps: { qualification: { status: 'submitted', date: d('2026-11-20') } } });
let line = 1;
const m = (slot: string | null, file: string | null, sizeKB: number | null, id = 'G-001'): Material => ({ id, slot, file, sizeKB, line: ++line });

const problems = (materials: Material[], rowPatch = QUAL_SUBMITTED, settings = {}) => findings(evalOne(rowPatch, { materials, settings }), 'QUAL-MATERIALS');

describe('QUAL-MATERIALS: file formats', () => {
  test('JPG, BMP and PNG pass (any case)', () => {
    expect(problems([m('软著', '软著登记证书.jpg', 500), m('版本号文件', '版号.PNG', 500), m('软著授权书', '授权.bmp', 500)])).toEqual([]);
  });

  test('a PDF is rejected (error), naming the file and the Materials row', () => {
    const list = problems([{ id: 'G-001', slot: '软著', file: '软著登记证书.pdf', sizeKB: 300, line: 4 }]);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ severity: 'error', step: 'qualification' });
    expect(list[0].text).toBe('资质材料“软著登记证书.pdf”格式不符，只能是 JPG、BMP、PNG（材料表第 4 行）');
  });

  test('jpeg and gif: rejected by default, accepted with the 2021 guide setting', () => {
    const files = [m('软著', 'a.jpeg', 100), m('其他', 'b.gif', 100)];
    expect(problems(files)).toHaveLength(2);
    expect(problems(files, QUAL_SUBMITTED, { 'materials.formats': ['jpg', 'jpeg', 'bmp', 'gif', 'png'] })).toEqual([]);
  });
});

describe('QUAL-MATERIALS: size', () => {
  test('2048 KB (2 MB) passes, 2049 KB does not', () => {
    expect(problems([m('软著', 'a.jpg', 2048)])).toEqual([]);
    const [f] = problems([{ id: 'G-001', slot: '软著', file: 'a.jpg', sizeKB: 2049, line: 3 }]);
    expect(f.text).toBe('资质材料“a.jpg”2049 KB，超过 2048 KB 上限（材料表第 3 行）');
  });

  test('materials.maxSizeKB = 5120 (2021 guide) lets a 5000 KB file through', () => {
    expect(problems([m('软著', 'a.jpg', 5000)], QUAL_SUBMITTED, { 'materials.maxSizeKB': 5120 })).toEqual([]);
    expect(problems([m('软著', 'a.jpg', 5000)])).toHaveLength(1);
  });
});

describe('QUAL-MATERIALS: slots', () => {
  test('a slot the platform does not have is rejected', () => {
    const [f] = problems([{ id: 'G-001', slot: '营业执照', file: 'a.jpg', sizeKB: 100, line: 5 }]);
    expect(f.text).toBe('资质材料栏目“营业执照”不存在，错位上传会被驳回（材料表第 5 行）');
  });

  test('a file without a slot is rejected', () => {
    expect(problems([m(null, 'a.jpg', 100)])).toHaveLength(1);
  });

  test('slot names match with full-width characters and spaces', () => {
    expect(problems([m(' 软 著 ', 'a.jpg', 100)])).toEqual([]);
  });
});

describe('QUAL-MATERIALS: one file per licence/copyright slot when payment is applied for', () => {
  const two = [m('软著', 'a.jpg', 100), m('软著', 'b.jpg', 100)];

  test('with payment: two files in 软著 is an error', () => {
    const list = problems(two, patch(QUAL_SUBMITTED, { withPayment: true }));
    expect(list).toHaveLength(1);
    expect(list[0].text).toBe('申请支付时“软著”最多 1 个文件，现有 2 个，请合并');
  });

  test('without payment: two files are fine', () => {
    expect(problems(two, patch(QUAL_SUBMITTED, { withPayment: false }))).toEqual([]);
  });

  test('with payment: one file per slot is fine, and the 自审自查报告 slot may hold several', () => {
    expect(problems([m('软著', 'a.jpg', 100), m('版本号文件', 'b.jpg', 100), m('自审自查报告', 'c.jpg', 1), m('自审自查报告', 'd.jpg', 1)], patch(QUAL_SUBMITTED, { withPayment: true }))).toEqual([]);
  });
});

describe('QUAL-MATERIALS: which rows', () => {
  test('only the row whose ID the material names (case-insensitive like Excel lookups)', () => {
    expect(problems([m('软著', 'a.pdf', 100, 'G-002')])).toEqual([]);
    expect(problems([m('软著', 'a.pdf', 100, 'g-001')])).toHaveLength(1);
  });

  test('no Materials table: no QUAL-MATERIALS at all', () => {
    expect(rules(evalOne(QUAL_SUBMITTED, { materials: null }))).not.toContain('QUAL-MATERIALS');
  });
});

describe('QUAL-PUBLISHER', () => {
  test('payment applied for, publisher unrelated: warning about the small-amount verification', () => {
    const r = evalOne(patch(QUAL_SUBMITTED, { withPayment: true, publisherRelated: false }));
    const f = finding(r, 'QUAL-PUBLISHER');
    expect(f).toMatchObject({ severity: 'warning', step: 'qualification' });
    expect(f.text).toContain('小额打款');
    expect(f.text).toContain('游戏运营权');
  });

  test('publisher related, or no payment: nothing', () => {
    expect(rules(evalOne(patch(QUAL_SUBMITTED, { withPayment: true, publisherRelated: true })))).not.toContain('QUAL-PUBLISHER');
    expect(rules(evalOne(patch(QUAL_SUBMITTED, { withPayment: false, publisherRelated: false })))).not.toContain('QUAL-PUBLISHER');
  });
});
