/** Help texts, option validation and the one-line errors of the command line. */
import { fromIso } from '../rules/dates';
import type { Day } from '../rules/dates';
import type { Language, Severity } from '../rules/types';

export const VERSION = 'launch-tracker 0.1.0';

/** An error the user can act on: printed as one line, exit code 2. */
export class CliError extends Error {}

export const HELP: Record<'main' | 'check' | 'template' | 'sample' | 'calendar', string> = {
  main: `launch-tracker — WeChat mini-game / mini-program launch checks on Excel files

Usage:
  launch-tracker check FILE [options]      check a portfolio (.xlsx or .csv), write a copy with results
  launch-tracker template FILE [--lang]    write an empty portfolio workbook
  launch-tracker sample FILE --rows N      write a generated portfolio for demos and benchmarks
  launch-tracker calendar FILE [options]   write the due dates as an iCalendar file (.ics) to import
  launch-tracker help COMMAND              options of a command

Exit codes: 0 done, 1 findings at or above --fail-on, 2 usage or input error.
`,
  check: `Usage: launch-tracker check FILE [options]

Reads the Portfolio table of FILE (else the first sheet whose header row has an ID column,
项目编号 or ID), and the Settings, Holidays and Materials tables when present; checks every
row and writes a copy with the output columns filled and a Summary sheet.

Options:
  -o, --out FILE        where to write the copy (default: FILE.checked.xlsx / .xlsm / .csv beside
                        FILE); its extension must be the input's
      --in-place        write the result into FILE itself (safely: a temporary file, then a rename),
                        keeping the original as FILE.bak; refused while Excel or WPS has FILE open
      --no-backup       with --in-place: do not keep FILE.bak
      --json            print the result array (JSON) to stdout instead of the summary (row: the
                        sheet row as Excel shows it); no copy unless --out or --in-place is given
      --as-of DATE      check as of this date, YYYY-MM-DD (default: Settings asOf, else today in China)
      --lang LANG       zh-CN or en for texts (default: Settings language, else zh-CN)
      --fail-on LEVEL   exit 1 when a finding at or above LEVEL exists: critical, error or warning
  -h, --help            this help

FILE may be .xlsx or .xlsm (macros kept), or .csv in UTF-8, GBK/GB18030 or UTF-16 with commas,
semicolons or tabs. Only the product's own columns are written: a column of yours with an output
header (级别, 下一步 …) is left alone, and the product's goes beside it.
`,
  template: `Usage: launch-tracker template FILE [--lang zh-CN|en]

Writes an empty portfolio workbook: the Portfolio table with Chinese (or English) headers,
drop-downs for statuses, kinds, subject types and yes/no, date formats and a frozen header,
and the Settings (every setting with its default), Holidays and Materials tables.
`,
  calendar: `Usage: launch-tracker calendar FILE [options]

Checks the portfolio of FILE (as check does) and writes an iCalendar file: an all-day event for
each open due date (review due, resubmit window, SMS deadline, ICP deadline, verification
expiry) and each projected launch, titled with ID, client and what is due, the next step in its
description. Import it into Outlook, Google Calendar, Feishu/Lark or WeCom; importing a newer
export updates those events, and cancels the ones no longer due.

Options:
  -o, --out FILE.ics    where to write (default: FILE's name with .ics beside FILE, with the owner's
                        name too when --owner is given); - writes to stdout. The file being replaced
                        is the earlier export: its events are updated or cancelled
      --owner NAME      only the rows whose 负责人 / Owner is NAME
      --as-of DATE      check as of this date, YYYY-MM-DD (default: Settings asOf, else today in China)
      --lang LANG       zh-CN or en for titles and descriptions (default: Settings language, else zh-CN)
  -h, --help            this help

Rows without an ID, or with an ID on more than one row, are left out (an event is found again
through its row's ID).
`,
  sample: `Usage: launch-tracker sample FILE --rows N [--seed S] [--as-of YYYY-MM-DD] [--lang zh-CN|en]

Writes a realistic generated portfolio of N rows (deterministic for a seed), for demos and
benchmarks. Dates are placed around --as-of (default: today in China).
`,
};

export function parseLanguage(value: string | boolean | undefined): Language | undefined {
  if (value === undefined) return undefined;
  if (value === 'zh-CN' || value === 'zh' || value === 'zh-cn') return 'zh-CN';
  if (value === 'en' || value === 'en-US') return 'en';
  throw new CliError(`--lang must be zh-CN or en, not "${String(value)}"`);
}

export function parseAsOf(value: string | boolean | undefined): Day | undefined {
  if (value === undefined) return undefined;
  const day = typeof value === 'string' ? fromIso(value) : null;
  if (day === null) throw new CliError(`--as-of must be a date as YYYY-MM-DD, not "${String(value)}"`);
  return day;
}

export function parseFailOn(value: string | boolean | undefined): Severity | undefined {
  if (value === undefined) return undefined;
  if (value === 'critical' || value === 'error' || value === 'warning') return value;
  throw new CliError(`--fail-on must be critical, error or warning, not "${String(value)}"`);
}

export function parsePositiveInt(name: string, value: string | boolean | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) throw new CliError(`--${name} must be a whole number from 1 to ${max}, not "${String(value)}"`);
  return n;
}
