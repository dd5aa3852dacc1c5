/** `launch-tracker template` and `launch-tracker sample`: workbooks to start from. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { todayInShanghai } from '../rules/dates';
import { generateSample } from '../workbook/sample';
import type { Io } from './main';
import { writeNewWorkbook } from './xlsx/newWorkbook';
import { CliError, parseAsOf, parseLanguage, parsePositiveInt } from './usage';

function checkTarget(file: string): void {
  if (path.extname(file).toLowerCase() !== '.xlsx') throw new CliError(`${file}: the file name must end in .xlsx`);
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) throw new CliError(`no such folder: ${path.dirname(file)}`);
}

export async function runTemplate(file: string, opts: Record<string, string | boolean | undefined>, io: Io): Promise<number> {
  const language = parseLanguage(opts.lang) ?? 'zh-CN';
  checkTarget(file);
  await writeNewWorkbook(file, language);
  io.stdout(`${language === 'en' ? 'Template written' : '模板已写入'}: ${file}\n`);
  return 0;
}

export async function runSample(file: string, opts: Record<string, string | boolean | undefined>, io: Io): Promise<number> {
  const language = parseLanguage(opts.lang) ?? 'zh-CN';
  const rows = parsePositiveInt('rows', opts.rows, 1_000_000);
  if (rows === undefined) throw new CliError('sample needs --rows N');
  const seed = parsePositiveInt('seed', opts.seed, 2 ** 31) ?? 1;
  const asOf = parseAsOf(opts['as-of']) ?? todayInShanghai(io.now());
  checkTarget(file);
  const table = generateSample({ rows, seed, asOf, language, dates: 'date' });
  if (rows >= 20_000) io.stderr(`writing ${rows} rows…\n`);
  await writeNewWorkbook(file, language, { portfolio: table.rows });
  io.stdout(`${language === 'en' ? `Sample of ${rows} rows written` : `已生成 ${rows} 行示例`}: ${file}\n`);
  return 0;
}
