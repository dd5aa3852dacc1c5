/**
 * `launch-tracker`: the portfolio check on .xlsx and .csv files, without Excel.
 *
 *   launch-tracker check FILE [--out FILE | --in-place [--no-backup]] [--json] [--as-of YYYY-MM-DD] [--lang zh-CN|en] [--fail-on LEVEL]
 *   launch-tracker template FILE [--lang zh-CN|en]
 *   launch-tracker sample FILE --rows N [--seed S] [--as-of YYYY-MM-DD] [--lang zh-CN|en]
 *   launch-tracker calendar FILE [--out FILE.ics | -] [--owner NAME] [--as-of YYYY-MM-DD] [--lang zh-CN|en]
 *
 * Exit codes: 0 done; 1 a finding at or above --fail-on; 2 a usage or input error, said in one line.
 */
import { parseArgs } from 'node:util';
import { CliError, HELP, VERSION } from './usage';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress redraws in place). */
  stderrIsTty: boolean;
  /** Milliseconds since the epoch; fixed in tests. */
  now: () => number;
}

export const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stderrIsTty: Boolean(process.stderr.isTTY),
  now: () => Date.now(),
};

const COMMON = {
  help: { type: 'boolean', short: 'h' },
  lang: { type: 'string' },
  'as-of': { type: 'string' },
} as const;

const OPTIONS = {
  check: {
    ...COMMON,
    out: { type: 'string', short: 'o' },
    'in-place': { type: 'boolean' },
    'no-backup': { type: 'boolean' },
    json: { type: 'boolean' },
    'fail-on': { type: 'string' },
  },
  template: { ...COMMON },
  sample: { ...COMMON, rows: { type: 'string', short: 'n' }, seed: { type: 'string' } },
  calendar: { ...COMMON, out: { type: 'string', short: 'o' }, owner: { type: 'string' } },
} as const;

type Command = keyof typeof OPTIONS;

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`launch-tracker: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    io.stdout(HELP[(topic as Command) ?? 'main'] ?? HELP.main);
    return first === undefined ? 2 : 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (!(first in OPTIONS)) throw new CliError(`unknown command "${first}" (commands: check, template, sample, calendar; see --help)`);
  const command = first as Command;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS[command], allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`${(e as Error).message.replace(/\. To specify a positional.*$/s, '')} (see launch-tracker ${command} --help)`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) {
    io.stdout(HELP[command]);
    return 0;
  }
  if (parsed.positionals.length !== 1) throw new CliError(`${command} takes exactly one FILE (see launch-tracker ${command} --help)`);
  const file = parsed.positionals[0];
  switch (command) {
    // Loaded on demand: each command pays only for the code it runs.
    case 'check':
      return (await import('./check')).runCheck(file, values, io);
    case 'template':
      return (await import('./generate')).runTemplate(file, values, io);
    case 'sample':
      return (await import('./generate')).runSample(file, values, io);
    case 'calendar':
      return (await import('./calendar')).runCalendar(file, values, io);
  }
}
