/**
 * The bundled example portfolio (examples/portfolio.xlsx): hand-made rows, each named in
 * its 情形 column for the situation it shows, together covering every rule ID of rules.md.
 * Its Settings fix the check date at 2026-11-21, so the example reads the same every day.
 */
import { dayFromYmd, utcDateFromDay } from '../rules/dates';
import { INPUT_COLUMNS, InputKey } from '../workbook/columns';
import type { Cell } from '../workbook/values';

export const EXAMPLE_AS_OF = '2026-11-21';

type Row = Partial<Record<InputKey, Cell>> & { 情形: string };

const d = (iso: string): Date => {
  const [y, m, day] = iso.split('-').map(Number);
  return utcDateFromDay(dayFromYmd(y, m, day));
};

/** An enterprise mini-game through registration, name and category. */
const ready = (extra: Partial<Record<InputKey, Cell>>): Partial<Record<InputKey, Cell>> => ({
  kind: '小游戏',
  subjectType: '企业',
  registerStatus: '已通过',
  registerDate: d('2026-09-01'),
  nameStatus: '已通过',
  nameDate: d('2026-09-02'),
  categoryStatus: '已通过',
  categoryDate: d('2026-09-02'),
  verifyStatus: '已通过',
  verifyDate: d('2026-09-08'),
  ...extra,
});

/** A released mini-program of an enterprise, verified and filed. */
const shop = (extra: Partial<Record<InputKey, Cell>>): Partial<Record<InputKey, Cell>> => ({
  kind: '小程序',
  subjectType: '企业',
  category: '商家自营>服装/鞋/箱包',
  registerStatus: '已通过',
  nameStatus: '已通过',
  categoryStatus: '已通过',
  verifyStatus: '已通过',
  verifyDate: d('2026-03-01'),
  versionStatus: '已通过',
  versionDate: d('2026-03-10'),
  icpStatus: '已备案',
  icpDate: d('2026-03-05'),
  icpNumber: '浙ICP备2026012345号-2X',
  releaseDate: d('2026-03-12'),
  ...extra,
});

const 星火 = { subjectType: '个体工商户', subjectName: '郑州市星火网络工作室', adminPhone: '13800000005', client: '星火工作室' };

export const EXAMPLE_ROWS: Row[] = [
  { 情形: '计划中：只有项目编号', id: 'G-001' },
  { 情形: '刚注册：认证是备案的前置，先办认证；2027 年节假日未公布', id: 'G-002', client: '云帆互娱', name: '云帆消消乐', kind: '小游戏', subjectType: '企业', subjectName: '杭州云帆互娱科技有限公司', category: '游戏>休闲', owner: '张敏', registerStatus: '已通过', registerDate: d('2026-11-18'), appId: 'wx1a2b3c4d5e6f7a8b', targetLaunch: d('2027-02-26') },
  { 情形: '名称命中保护词：补材料，3 个工作日', id: 'G-003', client: '远山文化', name: '远山三国志', ...ready({ nameStatus: '审核中', nameDate: d('2026-11-19'), namePath: '保护词', verifyStatus: null, verifyDate: null }), subjectName: '成都远山文化传媒有限公司', category: '游戏>策略', owner: '李娜' },
  { 情形: '名称被占用：侵权投诉 7 个工作日 + 7 天保护期', id: 'G-004', client: '青木游戏', name: '青木跑酷王', ...ready({ nameStatus: '审核中', nameDate: d('2026-11-10'), namePath: '被占用' }), subjectName: '广州青木网络科技有限公司', category: '游戏>动作', owner: '李娜' },
  { 情形: '资质、版本同时审核中（正常），备案平台初审中', id: 'G-005', client: '海豚互动', name: '海豚合成记', ...ready({ qualificationStatus: '审核中', qualificationDate: d('2026-11-20'), versionStatus: '审核中', versionDate: d('2026-11-21'), icpStatus: '平台审核中', icpDate: d('2026-11-20') }), subjectName: '厦门海豚互动娱乐有限公司', category: '游戏>休闲', owner: '张敏', targetLaunch: d('2027-01-15') },
  { 情形: '更新版本审核超期：可申请加急（本季度还剩 1 次）', id: 'G-006', client: '极光娱乐', name: '极光小镇物语', ...ready({ qualificationStatus: '已通过', qualificationDate: d('2026-05-20'), realnameStatus: '已接入', realnameDate: d('2026-05-25'), versionStatus: '审核中', versionDate: d('2026-11-14'), icpStatus: '已备案', icpDate: d('2026-05-28'), icpNumber: '粤ICP备2026001122号-1X' }), releaseDate: d('2026-06-01'), isUpdate: '是', registeredUsers: '1.2万', expediteDates: d('2026-10-15'), subjectName: '深圳极光娱乐有限公司', category: '游戏>模拟', owner: '王强' },
  { 情形: '加急次数本季度已用完：1 月 1 日刷新', id: 'G-007', client: '北辰科技', name: '北辰大冒险', ...ready({ qualificationStatus: '已通过', qualificationDate: d('2026-04-10'), realnameStatus: '已接入', realnameDate: d('2026-04-12'), versionStatus: '审核中', versionDate: d('2026-11-19'), icpStatus: '已备案', icpDate: d('2026-04-20') }), releaseDate: d('2026-04-25'), urgent: '是', isUpdate: '是', registeredUsers: 86000, expediteDates: '2026-10-08、2026-11-02', subjectName: '武汉北辰科技有限公司', category: '游戏>动作', owner: '王强' },
  { 情形: '首个版本加急需求：不能加急', id: 'G-008', client: '知行教育', name: '知行答题王', ...ready({ qualificationStatus: '审核中', qualificationDate: d('2026-11-19'), versionStatus: '审核中', versionDate: d('2026-11-20'), icpStatus: '管局审核中', icpDate: d('2026-11-10') }), urgent: '是', isUpdate: '否', registeredUsers: 300, subjectName: '南京知行教育科技有限公司', category: '游戏>休闲', owner: '陈静' },
  { 情形: '棋牌-牌类：资质未通过就提审版本，会被驳回', id: 'G-009', client: '锦鲤棋牌', name: '锦鲤斗地主', ...ready({ qualificationStatus: '审核中', qualificationDate: d('2026-11-18'), versionStatus: '审核中', versionDate: d('2026-11-19') }), subjectName: '长沙锦鲤网络科技有限公司', category: '游戏>棋牌-牌类', owner: '陈静' },
  { 情形: '资质审核被驳回：修改后重新提交', id: 'G-010', client: '白鹭传媒', name: '白鹭短剧屋', ...ready({ qualificationStatus: '已驳回', qualificationDate: d('2026-11-18') }), subjectName: '西安白鹭文化传媒有限公司', category: '游戏>角色扮演', owner: '张敏' },
  { 情形: '资质审核撤回：重新提交要重新排队；捕鱼是特殊类目，版本要等资质通过', id: 'G-011', client: '风铃游戏', name: '风铃捕鱼达人', ...ready({ qualificationStatus: '已撤回', qualificationDate: d('2026-11-17') }), subjectName: '杭州风铃网络有限公司', category: '游戏>休闲-捕鱼', owner: '刘洋' },
  { 情形: '个人主体选了文化互动类目', id: 'G-012', client: '个人开发者王某', name: '诗词接龙挑战', ...ready({ verifyStatus: '不适用', verifyDate: null }), subjectType: '个人', subjectName: '王小明', category: '游戏>文化互动', owner: '刘洋' },
  { 情形: '个人主体想开通虚拟支付', id: 'G-013', client: '个人开发者李某', name: '像素打砖块', ...ready({ verifyStatus: '不适用', verifyDate: null }), subjectType: '个人', subjectName: '李晓华', category: '游戏>休闲', wantsPayment: '是', owner: '刘洋' },
  { 情形: '虚拟支付：还差认证和实名接入', id: 'G-014', client: '麦田互娱', name: '麦田农场', ...ready({ verifyStatus: '审核中', verifyDate: d('2026-11-19'), qualificationStatus: '已通过', qualificationDate: d('2026-11-15'), versionStatus: '审核中', versionDate: d('2026-11-20') }), wantsPayment: '是', withPayment: '是', publisherRelated: '是', subjectName: '郑州麦田互娱科技有限公司', category: '游戏>模拟', owner: '赵磊' },
  { 情形: '版号主体无关联需小额打款；资质材料有问题（见材料表）', id: 'G-015', client: '橙子游戏', name: '橙子合成大西瓜', ...ready({ qualificationStatus: '准备中' }), withPayment: '是', publisherRelated: '否', wantsPayment: '是', subjectName: '上海橙子游戏有限公司', category: '游戏>休闲', owner: '赵磊' },
  { 情形: '版本已过审、已备案：发布前确认类目', id: 'G-016', client: '木棉互动', name: '木棉连连看', ...ready({ qualificationStatus: '已通过', qualificationDate: d('2026-10-20'), versionStatus: '已通过', versionDate: d('2026-11-19'), realnameStatus: '已接入', realnameDate: d('2026-10-22'), icpStatus: '已备案', icpDate: d('2026-11-10'), icpNumber: '闽ICP备2026033445号-3X' }), subjectName: '福州木棉互动网络有限公司', category: '游戏>休闲', owner: '张敏' },
  { 情形: '版本已过审但还没备案：不能上线', id: 'G-017', client: '星河娱乐', name: '星河短剧', ...ready({ qualificationStatus: '已通过', qualificationDate: d('2026-11-12'), versionStatus: '已通过', versionDate: d('2026-11-18') }), subjectName: '杭州星河娱乐有限公司', category: '游戏>角色扮演', owner: '王强' },
  { 情形: '2022 年上线的老游戏至今未备案：有下架风险', id: 'G-018', client: '老客户方舟', name: '方舟飞机大战', kind: '小游戏', subjectType: '企业', subjectName: '深圳方舟网络有限公司', category: '游戏>动作', releaseDate: d('2022-08-01'), verifyStatus: '已通过', verifyDate: d('2026-08-15'), owner: '王强' },
  { 情形: '2024 年上线却没有备案记录', id: 'G-019', client: '新月科技', name: '新月消除', kind: '小游戏', subjectType: '企业', subjectName: '广州新月科技有限公司', category: '游戏>休闲', releaseDate: d('2024-05-10'), verifyStatus: '已通过', verifyDate: d('2026-05-01'), owner: '陈静' },
  { 情形: '备案待短信核验：今天是最后期限', id: 'P-020', client: '鲜果多', name: '鲜果多生鲜', kind: '小程序', subjectType: '企业', subjectName: '杭州鲜果多电子商务有限公司', category: '商家自营>食品', registerStatus: '已通过', nameStatus: '已通过', categoryStatus: '已通过', verifyStatus: '已通过', verifyDate: d('2026-10-30'), icpStatus: '待短信核验', icpDate: d('2026-11-20'), owner: '李娜' },
  { 情形: '备案管局审核超过 20 个工作日', id: 'P-021', client: '悦读书店', name: '悦读好书', kind: '小程序', subjectType: '企业', subjectName: '南京悦读文化有限公司', category: '商家自营>图书报刊/音像/影视/游戏/动漫', registerStatus: '已通过', nameStatus: '已通过', categoryStatus: '已通过', verifyStatus: '已通过', verifyDate: d('2026-09-20'), icpStatus: '管局审核中', icpDate: d('2026-10-15'), owner: '李娜' },
  { 情形: '备案被管局驳回', id: 'P-022', client: '花间园艺', name: '花间鲜花', kind: '小程序', subjectType: '企业', subjectName: '昆明花间园艺有限公司', category: '商家自营>鲜花/园艺/工艺品', registerStatus: '已通过', nameStatus: '已通过', categoryStatus: '已通过', verifyStatus: '已通过', verifyDate: d('2026-10-01'), icpStatus: '管局驳回', icpDate: d('2026-11-19'), owner: '赵磊' },
  { 情形: '目标 12 月 10 日上线，备案还没开始：来不及', id: 'P-023', client: '暖冬服饰', name: '暖冬服饰商城', kind: '小程序', subjectType: '企业', subjectName: '杭州暖冬服饰有限公司', category: '商家自营>服装/鞋/箱包', registerStatus: '已通过', nameStatus: '已通过', categoryStatus: '已通过', verifyStatus: '已通过', verifyDate: d('2026-11-02'), targetLaunch: d('2026-12-10'), owner: '赵磊' },
  { 情形: '微信认证还没通过就提交了备案', id: 'P-024', client: '优品家居', name: '优品家居馆', kind: '小程序', subjectType: '企业', subjectName: '佛山优品家居有限公司', category: '商家自营>家居/家饰/家纺/建材', registerStatus: '已通过', nameStatus: '已通过', categoryStatus: '已通过', verifyStatus: '审核中', verifyDate: d('2026-11-19'), icpStatus: '平台审核中', icpDate: d('2026-11-20'), owner: '陈静' },
  { 情形: '直播：条件全部满足（平台暂停开通，见设置）', id: 'P-025', client: '锦衣坊', name: '锦衣坊直播间', ...shop({ subjectName: '杭州锦衣坊服饰有限公司', wantsLive: '是', lastViolation: '无', lastPayment: d('2026-11-15'), followers: 350, dau7: 80, adSpend: '0.8万' }), owner: '张敏' },
  { 情形: '直播：7 月有严重违规，6 个月后恢复', id: 'P-026', client: '潮鞋社', name: '潮鞋社精选', ...shop({ subjectName: '泉州潮鞋社贸易有限公司', wantsLive: '是', lastViolation: d('2026-07-10'), lastPayment: d('2026-11-18'), followers: 1200 }), owner: '张敏' },
  { 情形: '直播：类目不符、90 天无支付、三项门槛都不够', id: 'P-027', client: '效率工具箱', name: '效率工具箱', ...shop({ category: '工具>效率', subjectName: '北京效率科技有限公司', wantsLive: '是', lastViolation: '无', lastPayment: d('2026-06-01'), followers: 50, dau7: 20, adSpend: 3000 }), owner: '刘洋' },
  { 情形: '直播：个人主体不能开通', id: 'P-028', client: '手作小铺', name: '手作小铺', ...shop({ subjectType: '个人', subjectName: '周小雨', verifyStatus: '不适用', verifyDate: null, wantsLive: '是', lastViolation: '无', lastPayment: d('2026-11-10'), followers: 500 }), category: '商家自营>鲜花/园艺/工艺品', owner: '刘洋' },
  { 情形: '微信认证已过期 40 天：分享已受影响', id: 'P-029', client: '乐购超市', name: '乐购超市', ...shop({ subjectName: '长沙乐购商贸有限公司', verifyDate: d('2025-10-12') }), category: '商家自营>百货', owner: '陈静' },
  { 情形: '微信认证 20 天后到期', id: 'P-030', client: '萌宠家', name: '萌宠家用品', ...shop({ subjectName: '成都萌宠家宠物用品有限公司', verifyDate: d('2025-12-11') }), category: '商家自营>宠物(非活体)', owner: '陈静' },
  { 情形: '微信认证审核超过 3 个工作日', id: 'P-031', client: '文具控', name: '文具控商城', kind: '小程序', subjectType: '企业', subjectName: '宁波文具控文化用品有限公司', category: '商家自营>办公/文具', registerStatus: '已通过', nameStatus: '已通过', categoryStatus: '已通过', verifyStatus: '审核中', verifyDate: d('2026-11-13'), owner: '赵磊' },
  { 情形: '小程序代码审核被驳回：7 天内可重新提交', id: 'P-032', client: '母婴优选', name: '母婴优选商城', ...shop({ subjectName: '武汉母婴优选商贸有限公司', versionStatus: '已驳回', versionDate: d('2026-11-18'), releaseDate: null, icpDate: d('2026-11-01') }), category: '商家自营>玩具/母婴用品', owner: '李娜' },
  { 情形: '小程序驳回超过 7 天：需重新走流程', id: 'P-033', client: '数码港', name: '数码港', ...shop({ subjectName: '深圳数码港电子有限公司', versionStatus: '已驳回', versionDate: d('2026-11-05'), releaseDate: null, icpDate: d('2026-10-20') }), category: '商家自营>家电/数码/手机', owner: '李娜' },
  { 情形: '个体户第 1 个（已达注册上限 5 个）', id: 'G-034', name: '星火五子棋', ...ready(星火), category: '游戏>休闲', adminEmail: 'xinghuo@example.com', owner: '王强' },
  { 情形: '个体户第 2 个；管理员邮箱与上一行相同', id: 'G-035', name: '星火数独', ...ready(星火), category: '游戏>休闲', adminEmail: 'xinghuo@example.com', owner: '王强' },
  { 情形: '个体户第 3 个', id: 'G-036', name: '星火华容道', ...ready(星火), category: '游戏>休闲', owner: '王强' },
  { 情形: '个体户第 4 个', id: 'G-037', name: '星火拼图', ...ready(星火), category: '游戏>休闲', owner: '王强' },
  { 情形: '个体户第 5 个', id: 'G-038', name: '星火接水管', ...ready(星火), category: '游戏>休闲', owner: '王强' },
  { 情形: '个体户计划中的第 6 个：会超上限；同一手机绑定第 6 个', id: 'G-039', name: '星火贪吃蛇', kind: '小游戏', ...星火, category: '游戏>休闲', owner: '王强' },
  { 情形: '名称含“小程序”', id: 'G-040', client: '蓝鲸工作室', name: '蓝鲸小程序游戏', ...ready({}), subjectName: '上海蓝鲸网络工作室', category: '游戏>休闲', owner: '赵磊' },
  { 情形: 'AppID 格式不对', id: 'G-041', client: '蓝鲸工作室', name: '蓝鲸弹弹球', appId: 'wx12345', ...ready({}), subjectName: '上海蓝鲸网络工作室', category: '游戏>休闲', owner: '赵磊' },
  { 情形: '版本状态写法无法识别', id: 'G-042', client: '蓝鲸工作室', name: '蓝鲸飞刀', ...ready({ qualificationStatus: '已通过', qualificationDate: d('2026-11-01'), versionStatus: '等结果', versionDate: d('2026-11-19') }), subjectName: '上海蓝鲸网络工作室', category: '游戏>休闲', owner: '赵磊' },
  { 情形: '资质日期写成了 2 月 30 日', id: 'G-043', client: '蓝鲸工作室', name: '蓝鲸跳一跳', ...ready({ qualificationStatus: '已提交', qualificationDate: '2026-02-30' }), subjectName: '上海蓝鲸网络工作室', category: '游戏>休闲', owner: '赵磊' },
  { 情形: '版本已提交但没填日期', id: 'G-044', client: '蓝鲸工作室', name: '蓝鲸滑雪', ...ready({ qualificationStatus: '已通过', qualificationDate: d('2026-11-01'), versionStatus: '审核中' }), subjectName: '上海蓝鲸网络工作室', category: '游戏>休闲', owner: '赵磊' },
  { 情形: '版本提交日期填到了下个月', id: 'G-045', client: '蓝鲸工作室', name: '蓝鲸赛车', ...ready({ qualificationStatus: '已通过', qualificationDate: d('2026-11-01'), versionStatus: '审核中', versionDate: d('2026-12-01') }), subjectName: '上海蓝鲸网络工作室', category: '游戏>休闲', owner: '赵磊' },
  { 情形: '项目编号重复（第 1 行）', id: 'G-046', client: '重复客户', name: '重复消消乐', kind: '小游戏', subjectType: '企业', subjectName: '重复网络有限公司', owner: '刘洋' },
  { 情形: '项目编号重复（第 2 行）', id: 'G-046', client: '重复客户', name: '重复连连看', kind: '小游戏', subjectType: '企业', subjectName: '重复网络有限公司', owner: '刘洋' },
  { 情形: '有数据但没有项目编号', client: '漏填编号客户', name: '无编号跑酷', kind: '小游戏', owner: '刘洋' },
];

/** QUAL-MATERIALS for G-015: a PDF, a 3 MB scan, a slot that does not exist, two 软著 files with payment. */
export const EXAMPLE_MATERIALS: Cell[][] = [
  ['G-015', '版本号文件', '版号批复.png', 820],
  ['G-015', '软著', '软著证书-1.jpg', 640],
  ['G-015', '软著', '软著证书-2.jpg', 655],
  ['G-015', '软著授权书', '软著授权书.pdf', 300],
  ['G-015', '版本号授权书', '版号授权书扫描.png', 3150],
  ['G-015', '营业执照', '营业执照.jpg', 410],
  ['G-016', '版本号文件', '版号批复.png', 700],
];

/** A company day off the official calendar does not know. */
export const EXAMPLE_HOLIDAYS: Cell[][] = [[d('2026-12-31'), '休', '公司年会（示例）']];

/** Settings typed into the example: a fixed check date, and the live-stream pause switched on. */
export const EXAMPLE_SETTINGS: Record<string, Cell> = { 检查日期: d(EXAMPLE_AS_OF), 直播权限暂停开放: '是' };

/** The user's own column in the example (never touched by the product). */
export const EXAMPLE_NOTE_HEADER = '情形';

export function exampleTable(): { headers: string[]; rows: Cell[][] } {
  const keys = INPUT_COLUMNS.map((c) => c.key as InputKey);
  return {
    headers: [...INPUT_COLUMNS.map((c) => c.zh), EXAMPLE_NOTE_HEADER],
    rows: EXAMPLE_ROWS.map((r) => [...keys.map((k) => r[k] ?? null), r.情形]),
  };
}
