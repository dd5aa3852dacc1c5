/**
 * One command-line run in this process, for the benchmark: the phases the check reports on
 * stderr (LAUNCH_TRACKER_TIMING) and the process's peak resident memory, as JSON on stdout.
 */
import { main } from '../cli/main';

async function run(): Promise<void> {
  process.env.LAUNCH_TRACKER_TIMING = '1';
  const phases: Record<string, number> = {};
  let stderr = '';
  const code = await main(process.argv.slice(2), {
    stdout: () => undefined,
    stderr: (t) => {
      stderr += t;
      for (const m of t.matchAll(/^timing (\w+) (\d+) ms/gm)) phases[m[1].replace(/_2_threads$/, '')] = Number(m[2]);
    },
    stderrIsTty: false,
    now: () => Date.now(),
  });
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ code, phases, maxRssMB, stderr: code === 0 ? '' : stderr }));
}

void run();
