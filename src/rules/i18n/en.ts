/** English texts (setting `language` = en). */
import type { Catalog, Fmt } from './catalog';
import type { Topic, Verb } from '../types';

const topic: Record<Topic, string> = {
  register: 'registration',
  name: 'name',
  category: 'category',
  verify: 'WeChat verification',
  qualification: 'qualification review',
  version: 'version review',
  realname: 'real-name system',
  payment: 'virtual payment',
  icp: 'ICP filing',
  release: 'release',
  live: 'live streaming',
  wxpay: 'WeChat Pay',
  expedite: 'expedited review',
  row: 'data',
};

const START: Partial<Record<Topic, string>> = {
  register: 'Register the account',
  name: 'Set the name, short name and icon',
  category: 'Set the category',
  verify: 'Submit WeChat verification',
  qualification: 'Submit the qualification review',
  version: 'Submit the version for review',
  realname: 'Connect the real-name system',
  payment: 'Apply for virtual payment',
  wxpay: 'Set up WeChat Pay',
  icp: 'Submit the ICP filing',
};

const SUBJECT: Record<string, string> = {
  personal: 'personal',
  individual: 'individual business',
  enterprise: 'enterprise',
  government: 'government',
  media: 'media',
  other: 'other organization',
};

const STATUS: Record<string, string> = {
  not_started: 'not started',
  in_progress: 'in progress',
  submitted: 'in review',
  approved: 'approved',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  not_applicable: 'not applicable',
  unknown: 'unknown',
  sms_pending: 'waiting for SMS verification',
};

const NEED: Record<string, string> = { done: 'done', approved: 'approved', submitted: 'submitted', filed: 'filed' };

const BLOCKER: Record<string, string> = {
  first_version: 'a first version cannot be expedited (an approved version must exist)',
  update_unknown: '"Is update" is empty',
  users: 'registered users do not exceed the threshold',
  users_unknown: '"Registered users" is empty',
};

const LOSS: Record<string, string> = {
  search_release: 'search and new releases are affected',
  sharing: 'search, releases and sharing are affected',
  users_payments: 'search, releases, sharing, new users and payments are affected',
};

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

const ICP_STAGE = { platform: "ICP filing's platform review", authority: "ICP filing's administration review" };

function action(t: Topic, verb: Verb, due: number | null, f: Fmt, detail?: 'platform' | 'authority'): string {
  const by = due === null ? '' : ` by ${f.date(due)}`;
  switch (verb) {
    case 'start':
    case 'submit':
      return START[t] ?? `Start ${topic[t]}`;
    case 'resubmit':
      return `Fix and resubmit the ${topic[t]}${by}`;
    case 'await': {
      const what = detail ? ICP_STAGE[detail] : topic[t];
      return due === null ? `Wait for the ${what}` : `Wait for the ${what} (due ${f.date(due)})`;
    }
    case 'expedite':
      return 'Request an expedited version review';
    case 'renew':
      return due === null ? 'Renew WeChat verification' : `Renew WeChat verification (expires ${f.date(due)})`;
    case 'verify_sms':
      return `Complete the MIIT SMS verification${by}`;
    case 'publish':
      return 'Publish the release';
    case 'apply':
      return 'Apply for live streaming';
    case 'confirm':
      return `Check whether the ${topic[t]} is done (the table has no status column for it)`;
    case 'none':
      return 'Nothing to do';
  }
}

const EXPECTED: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  bool: 'yes/no',
  date: 'a date',
  optionalDate: 'a date or blank',
  list: 'a comma-separated list',
  language: 'zh-CN or en',
  durationSource: 'rules or measured',
};

const live = (what: string) => `Live streaming: ${what}`;

export const en: Catalog = {
  topic,
  severity: { critical: 'critical', error: 'error', warning: 'warning', info: 'info', ok: 'ok' },
  yes: 'yes',
  no: 'no',
  listSeparator: ', ',
  stage(code, inReview, f) {
    switch (code) {
      case 'planned':
        return 'Planned';
      case 'registration':
        return 'Registration';
      case 'setup':
        return 'Set-up';
      case 'review':
        return inReview.length > 0 ? `In review: ${f.list(inReview.map((t) => topic[t]))}` : 'Ready to submit for review';
      case 'filing':
        return inReview.length > 0 ? 'ICP filing in review' : 'ICP filing to do';
      case 'ready':
        return 'Ready to release';
      case 'released':
        return 'Released';
    }
  },
  action,
  finding: {
    'CAL-UNKNOWN-YEAR': (a) => `Public holidays for ${a.years.join(', ')} are not published yet: dates assume weekends only and may move`,
    'FLOW-PREREQ': (a, f) =>
      a.special
        ? `${cap(f.topic(a.step))} submitted while the ${f.topic(a.before)} is not approved: special categories need the qualification approved first; the platform will reject it`
        : `${cap(f.topic(a.step))} submitted before the ${f.topic(a.before)} was ${NEED[a.need] ?? 'done'}`,
    'FLOW-SPECIAL-CATEGORY': (a) => `Special category (${a.category}): submit the version only after the qualification review is approved`,
    'FLOW-SLA': (a, f) => `${cap(f.topic(a.step))} overdue by ${days(a.late)} (submitted ${f.date(a.since)}, due ${f.date(a.due)})`,
    'FLOW-REJECTED': (a, f) =>
      `${cap(f.topic(a.step))} rejected${a.rejected == null ? '' : ` on ${f.date(a.rejected)}`}: fix and resubmit; the time limit restarts on resubmission`,
    'FLOW-WITHDRAWN': (a, f) => `${cap(f.topic(a.step))} withdrawn: a resubmission queues again and the time limit restarts`,
    'FLOW-NAME-PROTECTED': (a, f) =>
      `The name hit a protected word: business licence, game licence and trademark (with authorisations) are needed${a.due == null ? '; review takes up to 3 working days' : `; due ${f.date(a.due)}`}`,
    'FLOW-NAME-COMPLAINT': (a, f) =>
      `The name is taken: a complaint takes about ${a.complaintDays} working days, then the name is released after ${a.releaseDays} days${a.due == null ? '' : ` (expected ${f.date(a.due)})`}`,
    'CAT-LOCKED-AFTER-RELEASE': () => 'Check the category before publishing: the second-level category cannot change after release, and 文化互动 can only be chosen at the first selection',
    'CAT-PERSONAL-FORBIDDEN': (a) => `A personal subject cannot choose the "${a.forbidden}" category (now: ${a.category})`,
    'QUAL-MATERIALS': (a, f) => {
      switch (a.problem) {
        case 'format':
          return `Material "${a.file}" must be ${f.list(a.formats.map((x: string) => x.toUpperCase()))} (Materials row ${a.line})`;
        case 'size':
          return `Material "${a.file}" is ${a.sizeKB} KB, over the ${a.maxKB} KB limit (Materials row ${a.line})`;
        case 'slot':
          return a.slot == null
            ? `Material "${a.file}" has no slot (Materials row ${a.line})`
            : `No such material slot "${a.slot}": materials in the wrong slot are rejected (Materials row ${a.line})`;
        default:
          return `With payment, "${a.slot}" takes one file; there are ${a.count}: merge them`;
      }
    },
    'QUAL-PUBLISHER': () =>
      'The licence publisher is not related (controlling / same legal person) to the account subject: the publisher must pass a small-amount bank verification; choose the 游戏运营权 relation carefully',
    'PAY-SUBJECT': (a) =>
      a.kind === 'minigame'
        ? `A ${SUBJECT[a.subject] ?? a.subject} subject cannot open virtual payment (individual businesses and enterprises only)`
        : `A ${SUBJECT[a.subject] ?? a.subject} subject cannot open WeChat Pay`,
    'PAY-PREREQ': (a, f) => `Before ${a.kind === 'miniprogram' ? 'WeChat Pay' : 'virtual payment'}: ${f.list(a.missing.map((t: Topic) => topic[t]))} still to do`,
    'EXP-ELIGIBLE': (a, f) =>
      a.eligible
        ? `An expedited review is possible: ${a.remaining} left this quarter (refreshes ${f.date(a.refreshes)})`
        : `Cannot expedite: ${f.list(a.blockers.map((b: string) => (b === 'users' ? `registered users must exceed ${f.num(a.minUsers)} (now ${f.num(a.users)})` : BLOCKER[b] ?? b)))}`,
    'EXP-QUOTA': (a, f) => `All ${a.perQuarter} expedites of this quarter are used (${a.used}); refreshes ${f.date(a.refreshes)}`,
    'REV-RESUBMIT-WINDOW': (a, f) =>
      a.expired
        ? `The resubmission window closed on ${f.date(a.deadline)}: the review process starts again`
        : `Rejected on ${f.date(a.rejected)}: fix and resubmit by ${f.date(a.deadline)}, or the process starts again`,
    'ICP-REQUIRED': (a) => `Not filed: the version is ${a.versionStatus === 'approved' ? 'approved' : 'in review'}, but it cannot be released before the ICP filing is done`,
    'ICP-LEGACY-DEADLINE': (a, f) =>
      a.passed
        ? `Released ${f.date(a.released)} and not filed: the ${f.date(a.deadline)} deadline has passed; at risk of removal from ${f.date(a.offlineFrom)}`
        : `Released ${f.date(a.released)} and not filed: file by ${f.date(a.deadline)}`,
    'ICP-RELEASED-UNFILED': (a, f) => `Released ${f.date(a.released)} with no filing: filing is required before release since ${f.date(a.requiredFrom)}; check the data or file now`,
    'ICP-SMS-PENDING': (a, f) =>
      a.due == null
        ? 'ICP filing waits for the MIIT SMS verification, due within 24 hours of the SMS (SMS date missing)'
        : a.missed
          ? `The SMS verification was due ${f.date(a.due)} and was missed: the filing returns to the platform; resubmit`
          : `ICP filing waits for the MIIT SMS verification: due ${f.date(a.due)} (within 24 hours of the SMS)`,
    'ICP-SLA': (a, f) => `ICP ${a.stage === 'platform' ? 'platform review' : 'administration review'} overdue by ${days(a.late)} (submitted ${f.date(a.since)}, due ${f.date(a.due)})`,
    'ICP-REJECTED': (a) => `ICP filing rejected by the ${a.by === 'platform' ? 'platform' : 'communications administration'}: fix and resubmit`,
    'ICP-START-BY': (a, f) =>
      a.daysPast == null
        ? `Target launch ${f.date(a.target)}: start the ICP filing by ${f.date(a.startBy)} (platform review + SMS + administration review)`
        : a.daysPast === 0
          ? `Target launch ${f.date(a.target)}: today (${f.date(a.startBy)}) is the latest safe day to start the ICP filing; started now it would be filed by ${f.date(a.projectedEnd)}${a.lateVsTarget > 0 ? `, ${days(a.lateVsTarget)} after the target` : ''}`
          : `Target launch ${f.date(a.target)} at risk: filing should have started by ${f.date(a.startBy)}, ${days(a.daysPast)} ago; started now it would be filed by ${f.date(a.projectedEnd)}${a.lateVsTarget > 0 ? `, ${days(a.lateVsTarget)} after the target` : ''}`,
    'ICP-VERIFY-FIRST': (a) => `A non-personal subject must be WeChat-verified before filing (verification: ${STATUS[a.verifyStatus] ?? a.verifyStatus})`,
    'LIVE-CATEGORY': (a) => live(`category "${a.category ?? '(empty)'}" is not eligible`),
    'LIVE-SUBJECT': () => live('personal subjects (or an empty subject type) are not eligible'),
    'LIVE-VIOLATION-6M': (a, f) => live(`serious violation within ${a.months} months (${f.date(a.lastViolation)}); eligible again from ${f.date(a.clears)}`),
    'LIVE-PAYMENT-90D': (a, f) =>
      live(a.lastPayment == null ? `no payment in the last ${a.days} days (developer-tool payments do not count)` : `last payment ${f.date(a.lastPayment)} is more than ${a.days} days ago`),
    'LIVE-FOLLOWERS': (a, f) => live(`${f.num(a.followers)} followers, more than ${f.num(a.minFollowers)} needed (or the DAU or ad-spend condition)`),
    'LIVE-DAU': (a, f) => live(`7-day DAU ${f.num(a.dau7)}, more than ${f.num(a.minDau)} needed (or the followers or ad-spend condition)`),
    'LIVE-ADSPEND': (a, f) => live(`ad spend ${f.num(a.adSpend)} yuan, more than ${f.num(a.minAdSpend)} needed (or the followers or DAU condition)`),
    'LIVE-PAUSED': () => 'Live streaming: eligible, but the platform currently grants no new live permissions (error 268489001)',
    'VERIFY-SLA': (a, f) => `WeChat verification overdue by ${days(a.late)} (submitted ${f.date(a.since)}, due ${f.date(a.due)})`,
    'VERIFY-EXPIRY': (a, f) =>
      a.expired != null
        ? `WeChat verification expired ${f.date(a.expiry)}, ${days(a.expired)} ago: ${LOSS[a.stage]}; renew now`
        : a.left === 0
          ? `WeChat verification expires today (${f.date(a.expiry)}), its last valid day: renew now (300 yuan a year)`
          : `WeChat verification expires ${f.date(a.expiry)} (${days(a.left)} left${a.reminder === 7 ? ', inside the 7-day reminder' : a.reminder === 60 ? ', inside the 60-day reminder' : ''}): renew in time (300 yuan a year)`,
    'REG-LIMIT-SUBJECT': (a) =>
      a.wouldBe != null
        ? `Subject "${a.subject}" has ${a.registered} registered; registering this makes ${a.wouldBe}, over the ${SUBJECT[a.type] ?? ''} limit of ${a.limit}`
        : a.registered > a.limit
          ? `Subject "${a.subject}" has ${a.registered} registered, over the ${SUBJECT[a.type] ?? ''} limit of ${a.limit}`
          : `Subject "${a.subject}" has ${a.registered} registered, at the ${SUBJECT[a.type] ?? ''} limit of ${a.limit}`,
    'REG-LIMIT-EMAIL': (a) => `Email ${a.value} is used by ${a.count} rows: one email registers one mini-program`,
    'REG-LIMIT-PHONE': (a) =>
      a.count > a.limit ? `Admin phone ${a.value} is bound to ${a.count} rows, over the limit of ${a.limit}` : `Admin phone ${a.value} is bound to ${a.count} rows, at the limit of ${a.limit}`,
    'NAME-FORMAT': (a) =>
      a.word != null ? `The name "${a.name}" may not contain "${a.word}"` : `The name "${a.name}" is ${a.width} characters long (Chinese counts 2); it must be ${a.min}–${a.max}`,
    'DATA-ID-DUPLICATE': (a) => `ID "${a.id}" appears in ${a.count} rows`,
    'DATA-ID-MISSING': () => 'This row has data but no ID',
    'DATA-APPID': (a) => `AppID "${a.appId}" is not "wx" followed by 16 hex digits`,
    'DATA-STATUS': (a) => `"${a.header}": the value "${a.value}" is not recognised and is treated as unknown`,
    'DATA-DATE': (a) =>
      `"${a.header}": cannot read the date "${a.value}"${a.reason === 'ambiguous' ? ' (day/month order unclear; switch on dates.usOrder in Settings for US order)' : a.reason === 'range' ? ' (not between 1990 and 2100)' : ''}`,
    'DATA-DATE-MISSING': (a, f) => `${cap(f.topic(a.step))} is "${STATUS[a.status] ?? a.status}" but has no date: no due date can be computed`,
    'DATA-DATE-FUTURE': (a, f) => `${cap(f.topic(a.step))} date ${f.date(a.date)} is after today`,
  },
  problem: {
    'setting-unknown': (a) => `Settings row ${a.line}: there is no setting "${a.key}"; ignored`,
    'setting-value': (a) => `Settings row ${a.line}: "${a.value}" is not a valid value for "${a.key}" (expected ${EXPECTED[a.expected] ?? a.expected}); the default ${a.default} is kept`,
    'holiday-date': (a) => `Holidays row ${a.line}: cannot read the date "${a.value}"; ignored`,
    'holiday-type': (a) => `Holidays row ${a.line}: type "${a.value}" must be holiday (休) or workday (班); ignored`,
    'material-id': (a) => `Materials row ${a.line}: ID "${a.id}" is not in the portfolio`,
    'material-value': (a) => `Materials row ${a.line}: cannot read "${a.value}" in "${a.header}"`,
    'header-duplicate': (a) => `The header "${a.header}" appears twice; only the first column is read`,
  },
};
