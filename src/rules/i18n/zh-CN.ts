/** 中文文本（默认语言）。 */
import type { Args, Catalog, Fmt } from './catalog';
import type { Topic, Verb } from '../types';

const topic: Record<Topic, string> = {
  register: '注册账号',
  name: '名称设置',
  category: '类目设置',
  verify: '微信认证',
  qualification: '资质审核',
  version: '版本审核',
  realname: '实名认证接入',
  payment: '虚拟支付',
  icp: '小程序备案',
  release: '发布上线',
  live: '直播',
  wxpay: '微信支付',
  expedite: '加急审核',
  row: '数据',
};

const START: Partial<Record<Topic, string>> = {
  register: '注册账号',
  name: '设置名称、简称和图标',
  category: '设置类目',
  verify: '提交微信认证',
  qualification: '提交资质审核',
  version: '提交版本审核',
  realname: '接入中宣部实名认证系统',
  payment: '申请开通虚拟支付',
  wxpay: '开通微信支付商户号',
  icp: '提交小程序备案',
};

const SUBJECT: Record<string, string> = {
  personal: '个人',
  individual: '个体工商户',
  enterprise: '企业',
  government: '政府',
  media: '媒体',
  other: '其他组织',
};

const STATUS: Record<string, string> = {
  not_started: '未开始',
  in_progress: '进行中',
  submitted: '审核中',
  approved: '已通过',
  rejected: '已驳回',
  withdrawn: '已撤回',
  not_applicable: '不适用',
  unknown: '未知',
  sms_pending: '待短信核验',
};

const NEED: Record<string, string> = { done: '完成', approved: '通过', submitted: '提交', filed: '备案完成' };

const BLOCKER: Record<string, string> = {
  first_version: '首个版本不能加急（须已有过审版本）',
  update_unknown: '未填写“已有过审版本”',
  users: '累计注册用户未超过门槛',
  users_unknown: '未填写累计注册用户',
};

const LOSS: Record<string, string> = {
  search_release: '搜索和新版本发布已受影响',
  sharing: '搜索、发布和分享已受影响',
  users_payments: '搜索、发布、分享、新用户和支付均已受影响',
};

const ICP_STAGE = { platform: '备案平台初审', authority: '备案管局审核' };

function action(t: Topic, verb: Verb, due: number | null, f: Fmt, detail?: 'platform' | 'authority'): string {
  const by = due === null ? '' : `（${f.date(due)} 前）`;
  switch (verb) {
    case 'start':
    case 'submit':
      return START[t] ?? `办理${topic[t]}`;
    case 'resubmit':
      return `修改后重新提交${topic[t]}${by}`;
    case 'await': {
      const what = detail ? ICP_STAGE[detail] : topic[t];
      return due === null ? `等待${what}结果` : `等待${what}（预计 ${f.date(due)}）`;
    }
    case 'expedite':
      return '申请加急版本审核';
    case 'renew':
      return due === null ? '办理微信认证年审' : `办理微信认证年审（${f.date(due)} 到期）`;
    case 'verify_sms':
      return `完成工信部备案短信核验${by}`;
    case 'publish':
      return '发布上线';
    case 'apply':
      return '申请开通小程序直播';
    case 'confirm':
      return `确认${topic[t]}是否已完成（表中没有该状态列）`;
    case 'none':
      return '无需操作';
  }
}

const EXPECTED: Record<string, string> = {
  int: '整数',
  number: '数字',
  bool: '是/否',
  date: '日期',
  optionalDate: '日期或留空',
  list: '用逗号分隔的列表',
  language: 'zh-CN 或 en',
  durationSource: 'rules（规则）或 measured（实测）',
};

const live = (what: string) => `直播：${what}`;

export const zhCN: Catalog = {
  topic,
  severity: { critical: '严重', error: '错误', warning: '警告', info: '提示', ok: '正常' },
  yes: '是',
  no: '否',
  listSeparator: '、',
  stage(code, inReview, f) {
    switch (code) {
      case 'planned':
        return '计划中';
      case 'registration':
        return '待注册';
      case 'setup':
        return '基础设置';
      case 'review':
        return inReview.length > 0 ? `${f.list(inReview.map((t) => topic[t]))}中` : '待提交审核';
      case 'filing':
        return inReview.length > 0 ? '备案审核中' : '待备案';
      case 'ready':
        return '待发布';
      case 'released':
        return '已上线';
    }
  },
  action,
  finding: {
    'CAL-UNKNOWN-YEAR': (a) => `${a.years.join('、')} 年的法定节假日尚未发布，日期按周末估算，公布后可能变动`,
    'FLOW-PREREQ': (a, f) =>
      a.special
        ? `${f.topic(a.step)}已提交，但${f.topic(a.before)}尚未通过：特殊类目须资质审核通过后才能提交版本审核，平台会驳回`
        : `${f.topic(a.step)}已提交，但前置步骤${f.topic(a.before)}尚未${NEED[a.need] ?? '完成'}`,
    'FLOW-SPECIAL-CATEGORY': (a) => `特殊类目（${a.category}）：须资质审核通过后才能提交版本审核`,
    'FLOW-SLA': (a, f) => `${f.topic(a.step)}已超期 ${a.late} 天（${f.date(a.since)} 提交，应于 ${f.date(a.due)} 前完成）`,
    'FLOW-REJECTED': (a, f) => `${f.topic(a.step)}被驳回${a.rejected == null ? '' : `（${f.date(a.rejected)}）`}：按驳回原因修改后重新提交，时限从重新提交日起算`,
    'FLOW-WITHDRAWN': (a, f) => `${f.topic(a.step)}已撤回：重新提交后将重新排队审核，时限从重新提交日起算`,
    'FLOW-NAME-PROTECTED': (a, f) =>
      `名称命中保护词：需补充营业执照、版号、商标及相关授权等材料${a.due == null ? '，提交后 3 个工作日内处理' : `，预计 ${f.date(a.due)} 前处理完`}`,
    'FLOW-NAME-COMPLAINT': (a, f) =>
      `名称已被占用：侵权投诉约 ${a.complaintDays} 个工作日，成功后名称在 ${a.releaseDays} 天保护期后释放${a.due == null ? '' : `（预计 ${f.date(a.due)}）`}`,
    'CAT-LOCKED-AFTER-RELEASE': () => '发布前请确认类目：游戏发布后二级类目不可修改，文化互动只能在首次选择类目时选择',
    'CAT-PERSONAL-FORBIDDEN': (a) => `个人主体不能选择“${a.forbidden}”类目（当前：${a.category}）`,
    'QUAL-MATERIALS': (a, f) => {
      switch (a.problem) {
        case 'format':
          return `资质材料“${a.file}”格式不符，只能是 ${f.list(a.formats.map((x: string) => x.toUpperCase()))}（材料表第 ${a.line} 行）`;
        case 'size':
          return `资质材料“${a.file}”${a.sizeKB} KB，超过 ${a.maxKB} KB 上限（材料表第 ${a.line} 行）`;
        case 'slot':
          return a.slot == null
            ? `资质材料“${a.file}”未填写栏目（材料表第 ${a.line} 行）`
            : `资质材料栏目“${a.slot}”不存在，错位上传会被驳回（材料表第 ${a.line} 行）`;
        default:
          return `申请支付时“${a.slot}”最多 1 个文件，现有 ${a.count} 个，请合并`;
      }
    },
    'QUAL-PUBLISHER': () => '版号运营主体与账号主体无关联（控股/同一法人）：须由版号运营主体完成小额打款验证，并谨慎选择“游戏运营权”关系，选错会被驳回',
    'PAY-SUBJECT': (a) =>
      a.kind === 'minigame'
        ? `${SUBJECT[a.subject] ?? a.subject}主体不能开通虚拟支付（仅限个体工商户或企业）`
        : `${SUBJECT[a.subject] ?? a.subject}主体不能开通微信支付`,
    'PAY-PREREQ': (a, f) => `开通${a.kind === 'miniprogram' ? '微信支付' : '虚拟支付'}前还需完成：${f.list(a.missing.map((t: Topic) => topic[t]))}`,
    'EXP-ELIGIBLE': (a, f) =>
      a.eligible
        ? `可申请加急审核，本季度还剩 ${a.remaining} 次（${f.date(a.refreshes)} 刷新）`
        : `暂不能加急：${f.list(a.blockers.map((b: string) => (b === 'users' ? `累计注册用户须超过 ${f.num(a.minUsers)}（当前 ${f.num(a.users)}）` : BLOCKER[b] ?? b)))}`,
    'EXP-QUOTA': (a, f) => `本季度 ${a.perQuarter} 次加急已用完（已用 ${a.used} 次），${f.date(a.refreshes)} 刷新`,
    'REV-RESUBMIT-WINDOW': (a, f) =>
      a.expired
        ? `审核驳回已超过重新提交期限（${f.date(a.deadline)}），需重新走提审流程`
        : `审核被驳回（${f.date(a.rejected)}）：须在 ${f.date(a.deadline)} 前修改并重新提交，否则需重新走流程`,
    'ICP-REQUIRED': (a) => `尚未备案：${a.versionStatus === 'approved' ? '版本已过审，' : '版本审核中，'}完成小程序备案后才能发布上线`,
    'ICP-LEGACY-DEADLINE': (a, f) =>
      a.passed
        ? `${f.date(a.released)} 已上线但未备案，已过 ${f.date(a.deadline)} 备案截止日，${f.date(a.offlineFrom)} 起有被下架风险`
        : `${f.date(a.released)} 已上线但未备案，须在 ${f.date(a.deadline)} 前完成备案`,
    'ICP-RELEASED-UNFILED': (a, f) => `${f.date(a.released)} 上线但没有备案记录：${f.date(a.requiredFrom)} 起须先备案才能上线，请核对数据或立即备案`,
    'ICP-SMS-PENDING': (a, f) =>
      a.due == null
        ? '备案待工信部短信核验：须在收到短信后 24 小时内完成（未填写短信日期）'
        : a.missed
          ? `备案短信核验已超时（应在 ${f.date(a.due)} 前完成）：备案将退回平台，须重新提交`
          : `备案待工信部短信核验：须在 ${f.date(a.due)} 前（收到短信后 24 小时内）完成`,
    'ICP-SLA': (a, f) => `备案${a.stage === 'platform' ? '平台初审' : '管局审核'}已超期 ${a.late} 天（${f.date(a.since)} 提交，应于 ${f.date(a.due)} 前完成）`,
    'ICP-REJECTED': (a) => `备案被${a.by === 'platform' ? '平台' : '管局'}驳回：按驳回原因修改后重新提交`,
    'ICP-START-BY': (a, f) =>
      a.daysPast == null
        ? `目标上线 ${f.date(a.target)}：备案最晚须于 ${f.date(a.startBy)} 开始（平台初审 + 短信核验 + 管局审核）`
        : a.daysPast === 0
          ? `目标上线 ${f.date(a.target)}：今天（${f.date(a.startBy)}）是备案最晚开始日，请今天提交；现在开始预计 ${f.date(a.projectedEnd)} 备案完成${a.lateVsTarget > 0 ? `，比目标晚 ${a.lateVsTarget} 天` : ''}`
          : `目标上线 ${f.date(a.target)} 有风险：备案最晚应于 ${f.date(a.startBy)} 开始，已晚 ${a.daysPast} 天；现在开始预计 ${f.date(a.projectedEnd)} 备案完成${a.lateVsTarget > 0 ? `，比目标晚 ${a.lateVsTarget} 天` : ''}`,
    'ICP-VERIFY-FIRST': (a) => `非个人主体须先完成微信认证再提交备案（认证：${STATUS[a.verifyStatus] ?? a.verifyStatus}）`,
    'LIVE-CATEGORY': (a, f) => live(`类目“${a.category ?? '未填写'}”不在可开通直播的类目中`),
    'LIVE-SUBJECT': (a, f) => live('个人主体（或主体类型未填写）不能开通'),
    'LIVE-VIOLATION-6M': (a, f) => live(`近 ${a.months} 个月有严重违规（${f.date(a.lastViolation)}），${f.date(a.clears)} 起恢复资格`),
    'LIVE-PAYMENT-90D': (a, f) =>
      live(a.lastPayment == null ? `近 ${a.days} 天没有支付记录（开发者工具内支付不计）` : `最近支付 ${f.date(a.lastPayment)}，已超过 ${a.days} 天`),
    'LIVE-FOLLOWERS': (a, f) => live(`公众号粉丝 ${f.num(a.followers)}，须超过 ${f.num(a.minFollowers)}（或满足 DAU、广告消耗之一）`),
    'LIVE-DAU': (a, f) => live(`近 7 日 DAU ${f.num(a.dau7)}，须超过 ${f.num(a.minDau)}（或满足粉丝、广告消耗之一）`),
    'LIVE-ADSPEND': (a, f) => live(`近一年广告消耗 ${f.num(a.adSpend)} 元，须超过 ${f.num(a.minAdSpend)} 元（或满足粉丝、DAU 之一）`),
    'LIVE-PAUSED': () => '直播：条件已满足，但平台目前暂停开通新的直播权限（错误码 268489001）',
    'VERIFY-SLA': (a, f) => `微信认证已超期 ${a.late} 天（${f.date(a.since)} 提交，应于 ${f.date(a.due)} 前完成）`,
    'VERIFY-EXPIRY': (a, f) =>
      a.expired != null
        ? `微信认证已于 ${f.date(a.expiry)} 过期 ${a.expired} 天：${LOSS[a.stage]}，请立即年审`
        : a.left === 0
          ? `微信认证今天（${f.date(a.expiry)}）到期，今天是最后有效日，请立即年审（300 元/年）`
          : `微信认证 ${f.date(a.expiry)} 到期（还剩 ${a.left} 天${a.reminder === 7 ? '，已进入到期前 7 天提醒' : a.reminder === 60 ? '，已进入到期前 60 天提醒' : ''}），请及时年审（300 元/年）`,
    'REG-LIMIT-SUBJECT': (a) =>
      a.wouldBe != null
        ? `主体“${a.subject}”已注册 ${a.registered} 个，再注册将达 ${a.wouldBe} 个，超过${SUBJECT[a.type] ?? ''}上限 ${a.limit} 个`
        : a.registered > a.limit
          ? `主体“${a.subject}”已注册 ${a.registered} 个，超过${SUBJECT[a.type] ?? ''}上限 ${a.limit} 个`
          : `主体“${a.subject}”已注册 ${a.registered} 个，达到${SUBJECT[a.type] ?? ''}上限 ${a.limit} 个`,
    'REG-LIMIT-EMAIL': (a) => `邮箱 ${a.value} 用于 ${a.count} 个项目：一个邮箱只能注册一个小程序`,
    'REG-LIMIT-PHONE': (a) =>
      a.count > a.limit ? `管理员手机 ${a.value} 绑定 ${a.count} 个项目，超过上限 ${a.limit} 个` : `管理员手机 ${a.value} 已绑定 ${a.count} 个项目，达到上限 ${a.limit} 个`,
    'NAME-FORMAT': (a) =>
      a.word != null
        ? `名称“${a.name}”不能包含“${a.word}”`
        : `名称“${a.name}”长度 ${a.width}（汉字计 2），须在 ${a.min}–${a.max} 之间`,
    'DATA-ID-DUPLICATE': (a) => `项目编号“${a.id}”重复（共 ${a.count} 行）`,
    'DATA-ID-MISSING': () => '此行有数据但没有项目编号',
    'DATA-APPID': (a) => `AppID“${a.appId}”格式不对：应为 wx 加 16 位十六进制字符`,
    'DATA-STATUS': (a) => `“${a.header}”的值“${a.value}”无法识别，按未知处理`,
    'DATA-DATE': (a) =>
      `“${a.header}”的日期“${a.value}”无法识别${a.reason === 'ambiguous' ? '（月/日顺序不明，可在设置中打开“日期按月/日/年”）' : a.reason === 'range' ? '（不在 1990–2100 年之间）' : ''}`,
    'DATA-DATE-MISSING': (a, f) => `${f.topic(a.step)}为“${STATUS[a.status] ?? a.status}”但没有日期，无法计算截止日`,
    'DATA-DATE-FUTURE': (a, f) => `${f.topic(a.step)}日期 ${f.date(a.date)} 晚于今天`,
  },
  problem: {
    'setting-unknown': (a) => `设置表第 ${a.line} 行：没有“${a.key}”这项设置，已忽略`,
    'setting-value': (a) => `设置表第 ${a.line} 行：“${a.key}”的值“${a.value}”无效（应为${EXPECTED[a.expected] ?? a.expected}），仍用默认值 ${a.default}`,
    'holiday-date': (a) => `节假日表第 ${a.line} 行：日期“${a.value}”无法识别，已忽略`,
    'holiday-type': (a) => `节假日表第 ${a.line} 行：类型“${a.value}”应为“休”或“班”，已忽略`,
    'material-id': (a) => `材料表第 ${a.line} 行：项目编号“${a.id}”不在项目表中`,
    'material-value': (a) => `材料表第 ${a.line} 行：“${a.header}”的值“${a.value}”无法识别`,
    'header-duplicate': (a) => `表头“${a.header}”重复出现，只读取第一列`,
  },
};
