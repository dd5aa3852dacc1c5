/** The task pane's Chinese texts (the default language). Same keys as en.ts (UiStrings). */
import { SINCE_LABELS } from '../../workbook/history';
import type { UiStrings } from './types';

const list = (items: string[]) => items.join('、');

export const zhCN: UiStrings = {
  htmlLang: 'zh-CN',
  appTitle: '上线追踪',
  appSubtitle: 'Launch Tracker',
  loading: '正在加载…',

  languageToggle: { text: 'English', ariaLabel: 'Switch to English（切换为英文）' },

  previewBanner: {
    title: '预览模式',
    body: '按钮作用于内存中的示例工作簿，不改动任何文件。',
  },

  actions: {
    groupLabel: '操作',
    createPortfolio: '创建项目表',
    checkPortfolio: '检查项目表',
    buildDashboard: '生成仪表板',
    keepUpToDate: '自动保持最新',
    keepUpToDateHint: '编辑行后自动重新检查这些行',
  },

  progress: {
    phase: { read: '读取', check: '检查', write: '写回' },
    label: (phase, percent) => `${phase}中… ${percent}%`,
  },

  summary: {
    title: '检查结果',
    checkedFor: (today, at) => `检查日期 ${today}（${at} 写回）`,
    total: (n) => `共 ${n} 行`,
    overdue: '已逾期',
    dueWithin7: '7 天内到期',
  },

  severity: { critical: '严重', error: '错误', warning: '警告', info: '提示', ok: '正常' },

  since: {
    title: '自上次检查',
    previous: (when, source) => `与 ${when} 的检查（${source}）相比。`,
    records: (n) => `已在变更记录中记录 ${n} 项变更。`,
    nothing: '没有变化。',
    blocked: (what, name) => `未写入变更记录：工作簿中已有你自己的${what === 'sheet' ? '工作表' : '表格'}「${name}」。将其改名后 Launch Tracker 才能记录变更。`,
    kinds: SINCE_LABELS['zh-CN'],
    sources: { pane: '任务窗格', keepUpToDate: '自动更新', cli: '命令行' },
    item: (id, detail) => `${id}（${detail}）`,
    more: (n) => `另有 ${n} 项`,
    selectLabel: (kind, item) => `${kind}：${item}。选中该行`,
  },

  attention: {
    title: '需要关注',
    columns: { severity: '级别', id: '项目编号', client: '客户', nextStep: '下一步', due: '最近截止' },
    empty: '没有需要关注的行。',
    noId: '（无编号）',
    filteredTitle: '筛选结果',
    emptyFiltered: '没有符合筛选条件的行。',
    rowLabel: (id, severity, nextStep, due, overdue, findings, open) =>
      `${id}，${severity}：${nextStep}${due ? (overdue ? `，${due} 已超期` : `，${due} 到期`) : ''}。` +
      (findings === 0 ? '' : open ? `已展开 ${findings} 条发现，按左方向键收起。` : `${findings} 条发现，按右方向键展开。`) +
      '按 Enter 在表格中选中。',
    groups: { overdue: '已超期', today: '今天', week: '本周', later: '以后' },
    fine: (count) => `其余 ${count} 行暂无需处理。`,
    more: (count) => (count === 1 ? '详情' : `全部 ${count} 条`),
    less: '收起',
  },

  outcome: {
    title: '完成',
    created: (tables) => `已创建项目表 Portfolio${tables.length ? `，以及 ${list(tables)} 表` : ''}。`,
    completed: (columns, tables) =>
      [
        columns.length ? `已在现有项目表中添加 ${columns.length} 列：${list(columns)}。` : '',
        tables.length ? `已添加 ${list(tables)} 表。` : '',
      ].join(''),
    unchanged: '项目表已完整，未做任何更改。',
    dashboardBuilt: '已生成仪表板（“仪表板”工作表）。',
  },

  errors: {
    'no-portfolio': {
      title: '未找到项目表',
      body: () => '此工作簿中没有名为 Portfolio 的表，也没有表头含“项目编号”或“ID”的工作表。可以先创建项目表。',
    },
    'no-key-column': {
      title: '缺少项目编号列',
      body: ({ looked, found }) =>
        `项目表需要一列项目编号。查找的表头：${list(looked) || '项目编号、ID'}；` +
        `实际找到：${found.length ? list(found) : '（无）'}。请添加或改名一列后重试。`,
    },
    'wrong-shape': {
      title: '无法写入结果列',
      body: ({ address }) =>
        `${address ? `单元格 ${address} ` : '表格右侧的内容'}挡住了要添加的结果列。请移开该处内容（或在表格右侧留出空列）后重试。`,
    },
    'off-sheet': {
      title: '没有位置添加结果列',
      body: ({ address }) =>
        `添加结果列会把单元格挤出工作表右边界：${address ? `${address} 的` : '表格所在行的'}最后一列（XFD）有内容——数值、格式或公式，哪怕看起来是空的。请删除工作表最右侧的这些列（选中后“删除”），然后重试。`,
    },
    'too-many-cells': {
      title: 'Excel 网页版无法移动这么多单元格',
      body: ({ address }) =>
        `添加结果列要移动表格右侧${address ? `（${address}）` : ''}的所有单元格，而工作表很靠右的位置（请查看最右侧几列）有内容，使移动量超出 Excel 网页版的上限。如不需要，请删除那里的内容；或先在 Windows 或 Mac 版 Excel 中检查一次，然后重试。`,
    },
    busy: {
      title: 'Excel 正忙',
      body: () => '请先退出单元格编辑（按 Enter 或 Esc），或等待其他人的编辑完成，然后重试。',
    },
    'host-too-old': {
      title: '此 Excel 版本过旧',
      body: ({ missing }) =>
        `上线追踪需要 ${missing ?? '较新的 Excel API'}。请更新 Office，或改用 Excel 网页版。`,
    },
    unexpected: {
      title: '出现问题',
      body: ({ message }) => message ?? '操作未能完成。请重试；如果问题仍然存在，请保存工作簿后重新打开。',
    },
    createAction: '创建项目表',
    retryAction: '重试',
  },

  problems: { title: '设置、假日或材料表中有问题（已使用默认值）' },

  clashes: {
    title: '你自己的列保持不变',
    written: (userHeader, header) => `「${userHeader}」是你自己的列，没有改动；检查结果写在新列「${header}」。`,
    added: (userHeader, header) => `「${userHeader}」是你自己的列，没有改动；检查结果将写在新列「${header}」。`,
  },

  dismiss: '关闭',
  list,

  startupFailed: { title: '上线追踪无法启动', body: (message) => `${message}。请关闭任务窗格后重新打开。` },
  startup: {
    stillWaiting: '仍在等待 Excel 启动加载项…',
    officeJsMissing: {
      title: 'Office 的 JavaScript 库未能加载',
      body: '上线追踪从微软服务器（appsforoffice.microsoft.com）加载 office.js，但无法连接。请检查网络连接或代理设置，然后关闭任务窗格并重新打开。',
    },
    notExcel: { title: '上线追踪只能在 Excel 中使用', body: '请在 Excel 的“开始”选项卡上打开它。' },
  },

  grid: {
    title: '示例工作簿',
    sheetsLabel: '工作表',
    editHint: '双击单元格或按 Enter 编辑，Enter 确认，Esc 取消；方向键移动。',
    rowNumbers: '行号',
    gridLabel: (sheet, rows) => `工作表「${sheet}」，共 ${rows} 行`,
    emptySheet: '此工作表为空。',
    cellLabel: (address, value) => `${address}：${value || '空'}`,
    editLabel: (address) => `编辑 ${address}`,
  },

  filters: {
    owner: '负责人',
    allOwners: '全部负责人',
    whoAmI: '你是哪位负责人？选择后列表先显示你的项目（仅记在这台电脑上）。',
    search: '搜索',
    searchPlaceholder: '项目编号、客户或名称',
    tilesLabel: '只显示某一计数的行',
    clear: '清除筛选',
    active: (parts) => `当前显示：${parts.join(' · ')}`,
    searchPart: (text) => `“${text}”`,
  },

  calendar: {
    label: '日历',
    all: '截止日期导出到日历（.ics）',
    mine: (owner) => `${owner} 的截止日期导出到日历（.ics）`,
    saved: (fileName, open, cancelled, withoutId) =>
      `已保存 ${fileName}：${open} 个事件${cancelled ? `，${cancelled} 个已取消` : ''}。用 Outlook、Google 日历、飞书或企业微信打开；下次导出的文件会更新这些事件。` +
      (withoutId ? `${withoutId} 行没有项目编号，没有事件。` : ''),
    steps: 'Mac 和 iPad 上的 Excel 不能从加载项保存文件。请用命令行生成：',
  },

  diagnostics: {
    action: '诊断',
    hint: '在一个临时工作表上逐项测试上线追踪用到的 Excel 功能，测完即删除。你的工作簿保持原样。',
    title: '诊断',
    running: '正在逐项检查…',
    prompt: (sheet, address) => `现在请在工作表「${sheet}」的 ${address} 单元格中输入任意内容并按 Enter（等待一分钟，超时则跳过此项）。`,
    states: { pass: '通过', fail: '失败', skip: '跳过' },
    names: {
      requirements: 'Excel API 版本',
      'scratch-sheet': '添加临时工作表',
      'read-tables': '一次请求读取四个表',
      'add-columns': '给表格添加列',
      'write-values': '写入文本、日期和数字格式',
      'conditional-format': '添加条件格式',
      'data-validation': '添加下拉列表',
      'freeze-panes': '冻结标题行',
      'history-calls': '变更记录：删除和添加表格行、深度隐藏工作表',
      'event-own-write': '加载项写入后的更改事件',
      'event-user-edit': '你编辑后的更改事件',
      settings: '保存并重新读取设置',
      'request-limit': '大请求',
      'custom-functions': 'LAUNCH 函数应答',
      cleanup: '临时工作表已删除',
    },
    summary: (pass, fail, skip) => `通过 ${pass} 项，失败 ${fail} 项，跳过 ${skip} 项。`,
    copy: '复制报告',
    copied: '已复制。请粘贴到发给开发者的消息中。',
    copyFailed: '无法复制：请选中报告后自行复制。',
  },
};
