/**
 * The files of a check: which input, which copy, and writing the copy safely — a temporary
 * file beside the target, then an atomic rename, so a reader (or a crash) never sees half a
 * file; with --in-place, the original kept as FILE.bak and a refusal while Excel or WPS holds
 * the file open. Every problem is one line (CliError), never a stack trace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from './usage';

export type FileKind = 'xlsx' | 'xlsm' | 'csv';

const KIND_BY_EXTENSION: Record<string, FileKind> = { '.xlsx': 'xlsx', '.xlsm': 'xlsm', '.csv': 'csv', '.tsv': 'csv', '.txt': 'csv' };

/** The kind of a file by its extension; other workbooks (.xls, .xlsb, .ods…) are refused by the reader, which says why. */
export function kindOf(file: string): FileKind | null {
  return KIND_BY_EXTENSION[path.extname(file).toLowerCase()] ?? null;
}

function errnoMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the disk is read-only';
  return (e as Error).message;
}

/** The input exists, is a file, and can be read. */
export function checkInput(file: string): fs.Stats {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`no such file: ${file}`);
    throw new CliError(`cannot read ${file}: ${errnoMessage(e)}`);
  }
  if (stat.isDirectory()) throw new CliError(`${file} is a folder, not a workbook`);
  try {
    fs.closeSync(fs.openSync(file, 'r'));
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${errnoMessage(e)}`);
  }
  return stat;
}

/** Where the copy goes: --out as given, FILE itself with --in-place, else FILE.checked.<ext> beside FILE. */
export function decideOut(file: string, inputKind: FileKind, opts: { out?: string; inPlace: boolean; json: boolean }): string | null {
  if (opts.inPlace && opts.out !== undefined) throw new CliError('--in-place and --out cannot be used together');
  if (opts.inPlace) return file;
  if (opts.out === undefined) {
    if (opts.json) return null;
    const ext = path.extname(file);
    const outExt = inputKind === 'csv' ? ext : `.${inputKind}`;
    return path.join(path.dirname(file), `${path.basename(file, ext)}.checked${outExt}`);
  }
  const out = opts.out;
  const outKind = kindOf(out);
  if (outKind !== inputKind) {
    const why =
      inputKind === 'xlsm'
        ? 'the input has macros, and Excel refuses a macro workbook named otherwise'
        : inputKind === 'csv'
          ? 'the input is CSV, and so is its copy'
          : outKind === 'xlsm'
            ? 'a workbook without macros cannot be named .xlsm'
            : 'the copy of a workbook is a workbook';
    throw new CliError(`--out must end in .${inputKind} (${why}): ${out}`);
  }
  return out;
}

/** Refuse a copy that would overwrite the input (also through a symbolic or hard link), or go nowhere writable. */
export function checkOut(file: string, out: string, inPlace: boolean): void {
  const dir = path.dirname(path.resolve(out));
  let dirStat: fs.Stats;
  try {
    dirStat = fs.statSync(dir);
  } catch {
    throw new CliError(`no such folder: ${path.dirname(out)}`);
  }
  if (!dirStat.isDirectory()) throw new CliError(`not a folder: ${path.dirname(out)}`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new CliError(`cannot write in ${path.dirname(out)}: permission denied`);
  }
  let outStat: fs.Stats | null = null;
  try {
    outStat = fs.statSync(out);
  } catch {
    outStat = null;
  }
  if (outStat?.isDirectory()) throw new CliError(`--out is a folder: ${out} (give a file name)`);
  if (!inPlace) {
    const inStat = fs.statSync(file);
    const same = path.resolve(out) === path.resolve(file) || (outStat !== null && outStat.dev === inStat.dev && outStat.ino === inStat.ino) || realpath(out) === realpath(file);
    if (same) throw new CliError(`--out must not be the input file itself: ${out} (use --in-place to update ${file})`);
  }
  if (outStat !== null && isReadOnly(out, outStat)) throw new CliError(`${out} is read-only`);
  if (inPlace) {
    const owner = path.join(path.dirname(out), `~$${path.basename(out)}`);
    if (fs.existsSync(owner)) throw new CliError(`${out} is open in Excel or WPS (${path.basename(owner)} is beside it): close it there first`);
  }
}

function realpath(p: string): string | null {
  try {
    return fs.realpathSync(p);
  } catch {
    return null;
  }
}

/** Read-only for its owner, or not writable by us (root writes anything: the mode bits decide). */
function isReadOnly(file: string, stat: fs.Stats): boolean {
  if ((stat.mode & 0o222) === 0) return true;
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

export interface AtomicOptions {
  /** Keep the file being replaced as `target.bak` (in-place updates). */
  backup?: boolean;
}

/**
 * Write `target` through a temporary file in its folder, renamed over it at the end. On any
 * failure the temporary file is removed and the target is untouched.
 */
export async function writeAtomically(target: string, write: (tmp: string) => Promise<void>, options: AtomicOptions = {}): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await write(tmp);
    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    let existing: fs.Stats | null = null;
    try {
      existing = fs.statSync(target);
    } catch {
      existing = null;
    }
    if (existing) fs.chmodSync(tmp, existing.mode & 0o7777);
    if (existing && options.backup) fs.copyFileSync(target, `${target}.bak`);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    if ((e as NodeJS.ErrnoException).code !== undefined && !(e instanceof CliError)) throw new CliError(`cannot write ${target}: ${errnoMessage(e)}`);
    throw e;
  }
}
