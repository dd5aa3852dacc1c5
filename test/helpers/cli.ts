/** The command line run in-process, as the tests run it: its exit code, stdout and stderr. */
import { main, Io } from '../../src/cli/main';

/** 2026-11-21 15:30 in China: the clock of the tests (the example's Settings fix its check date there). */
export const NOW = Date.UTC(2026, 10, 21, 7, 30);

export async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { stdout: (t) => (out += t), stderr: (t) => (err += t), stderrIsTty: false, now: () => NOW };
  const code = await main(argv, io);
  return { code, out, err };
}
