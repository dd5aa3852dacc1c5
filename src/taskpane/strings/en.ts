/** The task pane's English texts (a setting). Same keys as zh-CN.ts (UiStrings). */
import { SINCE_LABELS } from '../../workbook/history';
import type { UiStrings } from './types';

const list = (items: string[]) => items.join(', ');

export const en: UiStrings = {
  htmlLang: 'en',
  appTitle: 'Launch Tracker',
  appSubtitle: '上线追踪',
  loading: 'Loading…',

  languageToggle: { text: '中文', ariaLabel: '切换为中文 (switch to Chinese)' },

  previewBanner: {
    title: 'Preview',
    body: 'An in-memory example workbook; no file changes.',
  },

  actions: {
    groupLabel: 'Actions',
    createPortfolio: 'Create portfolio',
    checkPortfolio: 'Check portfolio',
    buildDashboard: 'Build dashboard',
    keepUpToDate: 'Keep up to date',
    keepUpToDateHint: 'Re-check rows automatically after they are edited',
  },

  progress: {
    phase: { read: 'Reading', check: 'Checking', write: 'Writing' },
    label: (phase, percent) => `${phase}… ${percent}%`,
  },

  summary: {
    title: 'Check results',
    checkedFor: (today, at) => `Checked for ${today} (written ${at})`,
    total: (n) => `${n} row${n === 1 ? '' : 's'}`,
    overdue: 'Overdue',
    dueWithin7: 'Due in 7 days',
  },

  severity: { critical: 'Critical', error: 'Error', warning: 'Warning', info: 'Info', ok: 'OK' },

  since: {
    title: 'Since last check',
    previous: (when, source) => `Compared with the check of ${when} (${source}).`,
    records: (n) => `${n} change${n === 1 ? '' : 's'} recorded in History.`,
    nothing: 'Nothing changed.',
    blocked: (what, name) => `No history written: the workbook has a ${what} of yours named "${name}". Rename it to let Launch Tracker keep its history.`,
    kinds: SINCE_LABELS['en'],
    sources: { pane: 'pane', keepUpToDate: 'keep up to date', cli: 'command line' },
    item: (id, detail) => `${id} (${detail})`,
    more: (n) => `and ${n} more`,
    selectLabel: (kind, item) => `${kind}: ${item}. Select the row`,
  },

  attention: {
    title: 'Needs attention',
    columns: { severity: 'Severity', id: 'ID', client: 'Client', nextStep: 'Next step', due: 'Due' },
    empty: 'No row needs attention.',
    noId: '(no ID)',
    filteredTitle: 'Matching rows',
    emptyFiltered: 'No row matches the filters.',
    rowLabel: (id, severity, nextStep, due, overdue, findings, open) =>
      `${id}, ${severity}: ${nextStep}${due ? (overdue ? `, overdue since ${due}` : `, due ${due}`) : ''}.` +
      (findings === 0 ? '' : open ? ` ${findings === 1 ? 'Its finding is' : `All ${findings} findings are`} shown: Left arrow hides them.` : ` ${findings} finding${findings === 1 ? '' : 's'}: Right arrow shows ${findings === 1 ? 'it' : 'them'}.`) +
      ' Enter selects it in the sheet.',
    groups: { overdue: 'Overdue', today: 'Today', week: 'This week', later: 'Later' },
    fine: (count) => `${count} other row${count === 1 ? '' : 's'} need${count === 1 ? 's' : ''} nothing now.`,
    more: (count) => (count === 1 ? 'Details' : `All ${count} findings`),
    less: 'Hide',
  },

  outcome: {
    title: 'Done',
    created: (tables) => `Created the Portfolio table${tables.length ? ` and the ${list(tables)} tables` : ''}.`,
    completed: (columns, tables) =>
      [
        columns.length ? `Added ${columns.length} column${columns.length === 1 ? '' : 's'} to the existing portfolio: ${list(columns)}.` : '',
        tables.length ? ` Added the ${list(tables)} tables.` : '',
      ]
        .join('')
        .trim(),
    unchanged: 'The portfolio table is complete; nothing was changed.',
    dashboardBuilt: 'Built the dashboard (the Dashboard sheet).',
  },

  errors: {
    'no-portfolio': {
      title: 'No portfolio table',
      body: () =>
        'This workbook has no table named Portfolio and no sheet whose header row has an ID (项目编号) column. You can create the portfolio first.',
    },
    'no-key-column': {
      title: 'No ID column',
      body: ({ looked, found }) =>
        `The portfolio needs an ID column. Headers looked for: ${list(looked) || '项目编号, ID'}; ` +
        `headers found: ${found.length ? list(found) : '(none)'}. Add or rename a column, then try again.`,
    },
    'wrong-shape': {
      title: 'Cannot add the result columns',
      body: ({ address }) =>
        `${address ? `Cell ${address} is` : 'Something to the right of the table is'} in the way of the result columns. Move it (or leave empty columns to the right of the table), then try again.`,
    },
    'off-sheet': {
      title: 'No room for the result columns',
      body: ({ address }) =>
        `Adding the result columns would push cells off the right edge of the sheet: something is in the last column (XFD)${address ? ` of ${address}` : ' in the table’s rows'} — a value, a format or a formula, even one that looks empty. Delete those columns at the right edge (select them, Delete), then try again.`,
    },
    'too-many-cells': {
      title: 'Excel on the web cannot move that many cells',
      body: ({ address }) =>
        `Adding the result columns would move every cell to the right of the table${address ? ` in ${address}` : ''}, and something far to the right (look in the right-most columns of the sheet) makes that more than Excel on the web allows. Delete what is there if you do not need it, or run the check once in Excel for Windows or Mac, then try again.`,
    },
    busy: {
      title: 'Excel is busy',
      body: () => 'Leave cell editing first (press Enter or Esc), or wait for another person’s edit to finish, then try again.',
    },
    'host-too-old': {
      title: 'This version of Excel is too old',
      body: ({ missing }) =>
        `Launch Tracker needs ${missing ?? 'a newer Excel API'}. Update Office, or use Excel on the web.`,
    },
    unexpected: {
      title: 'Something went wrong',
      body: ({ message }) =>
        message ?? 'The action did not complete. Try again; if it keeps failing, save the workbook and reopen it.',
    },
    createAction: 'Create portfolio',
    retryAction: 'Try again',
  },

  problems: { title: 'Problems in the Settings, Holidays or Materials tables (defaults used)' },

  clashes: {
    title: 'Your own columns were left as they are',
    written: (userHeader, header) => `Your column "${userHeader}" was left as it is; the check wrote its results into the new column "${header}".`,
    added: (userHeader, header) => `Your column "${userHeader}" was left as it is; checks will write their results into the new column "${header}".`,
  },

  dismiss: 'Dismiss',
  list,

  startupFailed: { title: 'Launch Tracker could not start', body: (message) => `${message}. Close the task pane and open it again.` },
  startup: {
    stillWaiting: 'Still waiting for Excel to start the add-in…',
    officeJsMissing: {
      title: 'Office’s JavaScript library did not load',
      body: 'Launch Tracker loads office.js from Microsoft (appsforoffice.microsoft.com) and could not reach it. Check the network connection or proxy, then close the task pane and open it again.',
    },
    notExcel: { title: 'Launch Tracker runs in Excel only', body: 'Open it from the Home tab of Excel.' },
  },

  grid: {
    title: 'Example workbook',
    sheetsLabel: 'Sheets',
    editHint: 'Double-click a cell or press Enter to edit; Enter saves, Esc cancels; arrow keys move.',
    rowNumbers: 'Row',
    gridLabel: (sheet, rows) => `Sheet ${sheet}, ${rows} rows`,
    emptySheet: 'This sheet is empty.',
    cellLabel: (address, value) => `${address}: ${value || 'empty'}`,
    editLabel: (address) => `Edit ${address}`,
  },

  filters: {
    owner: 'Owner',
    allOwners: 'All owners',
    whoAmI: 'Which owner are you? The list then starts with your rows (remembered on this computer).',
    search: 'Search',
    searchPlaceholder: 'ID, client or name',
    tilesLabel: 'Show only rows of a count',
    clear: 'Clear filters',
    active: (parts) => `Showing: ${parts.join(' · ')}`,
    searchPart: (text) => `“${text}”`,
  },

  calendar: {
    label: 'Calendar',
    all: 'Due dates to my calendar (.ics)',
    mine: (owner) => `${owner}'s due dates to a calendar (.ics)`,
    saved: (fileName, open, cancelled, withoutId) =>
      `Saved ${fileName}: ${open} event${open === 1 ? '' : 's'}${cancelled ? `, ${cancelled} cancelled` : ''}. Open it with Outlook, Google Calendar, Feishu or WeCom; opening the next one updates these events.` +
      (withoutId ? ` ${withoutId} row${withoutId === 1 ? ' has' : 's have'} no ID and no events.` : ''),
    steps: 'Excel on Mac and iPad cannot save files from an add-in. Make the calendar with the command line:',
  },

  diagnostics: {
    action: 'Diagnostics',
    hint: 'Tests every Excel feature Launch Tracker uses, on a scratch sheet it deletes afterwards. Your workbook is left exactly as it was.',
    title: 'Diagnostics',
    running: 'Running the checks…',
    prompt: (sheet, address) => `Now type anything into cell ${address} of the sheet "${sheet}" and press Enter (the check waits a minute, then skips).`,
    states: { pass: 'Pass', fail: 'Fail', skip: 'Skipped' },
    names: {
      requirements: 'Excel API version',
      'scratch-sheet': 'Add a scratch sheet',
      'read-tables': 'Read four tables in one request',
      'add-columns': 'Add columns to a table',
      'write-values': 'Write texts, dates and number formats',
      'conditional-format': 'Add a conditional format',
      'data-validation': 'Add a drop-down list',
      'freeze-panes': 'Freeze the header row',
      'history-calls': 'History: delete and add table rows, a very hidden sheet',
      'event-own-write': "Change event after the add-in's write",
      'event-user-edit': 'Change event after your edit',
      settings: 'Save and reload a setting',
      'request-limit': 'Large request',
      'custom-functions': 'LAUNCH functions answer',
      cleanup: 'Scratch sheet removed',
    },
    summary: (pass, fail, skip) => `${pass} passed, ${fail} failed, ${skip} skipped.`,
    copy: 'Copy report',
    copied: 'Copied. Paste it into your message to the developers.',
    copyFailed: 'Could not copy: select the report and copy it yourself.',
  },
};
