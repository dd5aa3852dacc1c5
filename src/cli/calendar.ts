/**
 * `launch-tracker calendar`: a portfolio's open due dates and projected launches as an
 * iCalendar file to import into Outlook, Google Calendar, Feishu/Lark or WeCom.
 *
 * The earlier export is the file being replaced (--out, or the default beside FILE): its
 * events are read back so that the new file updates them (same UID, higher SEQUENCE) and
 * cancels those no longer due (src/workbook/calendar.ts). `--out -` writes to stdout, with no
 * earlier export, so nothing is cancelled there.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeKey } from '../rules/keys';
import type { Language } from '../rules/types';
import { buildCalendar, CalendarBuild, calendarText, readCalendarText, ReadCalendar } from '../workbook/calendar';
import { readHistoryInput } from './xlsx/history';
import { CheckOutcome, checkPrepared, checkWorkbook, problemText } from '../workbook/check';
import { readXlsxSource } from './check';
import { readCsvSource } from './csvSource';
import { checkInput, checkOut, kindOf, writeAtomically } from './files';
import type { Io } from './main';
import { CliError, parseAsOf, parseLanguage } from './usage';

const STDOUT = '-';

export async function runCalendar(file: string, opts: Record<string, string | boolean | undefined>, io: Io): Promise<number> {
  const language = parseLanguage(opts.lang);
  const today = parseAsOf(opts['as-of']);
  const owner = parseOwner(opts.owner);
  const stat = checkInput(file);
  const kind = kindOf(file) ?? 'xlsx';
  const out = decideCalendarOut(file, typeof opts.out === 'string' ? opts.out : undefined, owner);
  if (out !== null) checkOut(file, out, false);
  const earlier = out === null ? null : readEarlierExport(out, owner);

  const source = kind === 'csv' ? readCsvSource(file) : await readXlsxSource(file, kind, stat.size, { today, language }, io);
  try {
    // History too: with durations.source = measured the calendar's dates are the check's.
    const history = source.kind === 'csv' ? null : (await readHistoryInput(source.pkg, source.block.sheet)).records;
    const outcome = source.kind === 'csv' ? checkWorkbook(source.tables, { today, language }) : checkPrepared(source.prepared, source.setup, { history });
    const build = buildCalendar(outcome.results, outcome.rows, { language: outcome.language, owner, previous: earlier?.events ?? [], now: io.now(), today: outcome.today });
    if (owner !== null && build.ownerRows === 0) throw noSuchOwner(owner, outcome);
    const text = calendarText(build.events, { language: outcome.language, owner, now: io.now() });
    if (out === null) io.stdout(text);
    else await writeAtomically(out, (tmp) => fs.promises.writeFile(tmp, text));
    // With the calendar on stdout, the report goes to stderr.
    (out === null ? io.stderr : io.stdout)(`${reportLine(build, out, outcome.language)}\n`);
    for (const note of notes(build, outcome.language)) io.stderr(`${note}\n`);
    for (const problem of outcome.problems) io.stderr(`${problemText(problem, outcome.language)}\n`);
    return 0;
  } finally {
    if (source.kind !== 'csv') source.pkg.close();
  }
}

function parseOwner(value: string | boolean | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || value.trim() === '') throw new CliError('--owner needs a name, as in the 负责人 / Owner column');
  return value.trim();
}

/** --out as given (it must end in .ics), `-` for stdout, else FILE's name with .ics (and the owner) beside FILE. */
export function decideCalendarOut(file: string, out: string | undefined, owner: string | null): string | null {
  if (out === STDOUT) return null;
  if (out !== undefined) {
    if (path.extname(out).toLowerCase() !== '.ics') throw new CliError(`--out must end in .ics (an iCalendar file), or be - for stdout: ${out}`);
    return out;
  }
  const base = path.basename(file, path.extname(file));
  // One file per owner: each is its own calendar, with its own earlier export.
  const suffix = owner === null ? '' : `.${owner.replace(/[\\/:*?"<>|\s]+/g, '_')}`;
  return path.join(path.dirname(file), `${base}${suffix}.ics`);
}

/**
 * The file about to be replaced, if any: it must be an export of this command for the same
 * owner, or the new file would cancel another calendar's events (or overwrite the user's own).
 */
function readEarlierExport(out: string, owner: string | null): ReadCalendar | null {
  let text: string;
  try {
    text = fs.readFileSync(out, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError(`cannot read ${out}: ${(e as Error).message}`);
  }
  const earlier = readCalendarText(text);
  if (earlier === null || !earlier.ours) throw new CliError(`${out} exists and was not written by launch-tracker calendar: it is left as it is (choose another --out)`);
  const was = earlier.owner === null ? null : normalizeKey(earlier.owner);
  if (was !== (owner === null ? null : normalizeKey(owner))) {
    const whose = earlier.owner === null ? 'every owner' : `the owner "${earlier.owner}"`;
    throw new CliError(`${out} is the calendar of ${whose}: write this one${owner === null ? ' (every owner)' : ` for "${owner}"`} to another file with --out, or delete ${out} first`);
  }
  return earlier;
}

function noSuchOwner(owner: string, outcome: CheckOutcome): CliError {
  const owners = [...new Set(outcome.rows.map((r) => r.owner).filter((o): o is string => o !== null && o.trim() !== ''))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const shown = owners.slice(0, 10).join(', ') + (owners.length > 10 ? ', …' : '');
  return new CliError(`no row has the owner "${owner}"${owners.length ? ` (owners: ${shown})` : ' (the table has no 负责人 / Owner values)'}`);
}

function reportLine(build: CalendarBuild, out: string | null, language: Language): string {
  const c = build.counts;
  const where = out ?? 'stdout';
  return language === 'en'
    ? `Written ${where}: ${c.open} events (${c.added} new, ${c.changed} changed, ${c.unchanged} unchanged), ${c.cancelled} cancelled`
    : `已写入 ${where}：${c.open} 个日程（新增 ${c.added}，更新 ${c.changed}，未变 ${c.unchanged}），取消 ${c.cancelled} 个`;
}

function notes(build: CalendarBuild, language: Language): string[] {
  const en = language === 'en';
  const out: string[] = [];
  if (build.withoutId > 0) {
    out.push(
      en
        ? `note: ${build.withoutId} row(s) have no ID and are left out of the calendar (an event is updated later through its row's ID)`
        : `提示：${build.withoutId} 行没有项目编号，未写入日历（日程要靠项目编号才能在下次导入时更新）`,
    );
  }
  if (build.duplicateIds.length > 0) {
    const ids = build.duplicateIds.slice(0, 10).join(', ') + (build.duplicateIds.length > 10 ? ', …' : '');
    out.push(
      en
        ? `note: the ID(s) ${ids} are on more than one row: those rows are left out of the calendar, and their earlier events are kept as they were, until each ID is unique`
        : `提示：项目编号 ${ids} 出现在多行：这些行未写入日历，先前导出的日程保持不变，直到编号不再重复`,
    );
  }
  return out;
}
