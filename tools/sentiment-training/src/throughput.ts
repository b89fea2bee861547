import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The figures `npm run bench:sentiment -- --json` prints on its last line (texts or mentions per second). */
export interface BenchSummary {
  batchedPerSec: number;
  /** The CLI loop in-process on a warm model (no start-up, stdin or stdout). */
  cliPerSec?: number;
  /** The real `pulse-sentiment classify` process, file to file, after its model load (median). */
  cliProcessPerSec?: number;
  /** The same runs from spawn to exit, start-up included. */
  cliWallPerSec?: number;
  cliStartupSeconds?: number;
  naivePerSec?: number;
  scoringMentionsPerSec?: number;
  modelFloorPerSec?: number;
  tokenizerFloorPerSec?: number;
}

/** The bench's --json summary line from its stdout (the last line that parses and has batchedPerSec). */
export function parseBenchSummary(stdout: string): BenchSummary {
  const lines = stdout.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('{'));
  for (const line of lines.reverse()) {
    try {
      const v = JSON.parse(line) as Partial<BenchSummary>;
      if (typeof v.batchedPerSec === 'number') return v as BenchSummary;
    } catch {
      // not the summary line
    }
  }
  throw new Error('no bench summary (a JSON line with batchedPerSec) in the output');
}

const BENCH_SCRIPT = fileURLToPath(new URL('./bench/sentiment.bench.js', import.meta.url));

/**
 * Runs the built bench script (dist/bench/sentiment.bench.js) on a model directory in its own
 * process, so the card's throughput is the bench's own figure and not one taken inside the trainer's
 * large heap (which measured less than half).
 */
export async function runSentimentBench(modelDir: string, dataDir: string): Promise<BenchSummary> {
  const { stdout } = await promisify(execFile)(process.execPath, [BENCH_SCRIPT, '--model', modelDir, '--data', dataDir, '--json'], {
    maxBuffer: 1 << 20,
    env: { ...process.env, INIT_CWD: process.cwd() },
  });
  return parseBenchSummary(stdout);
}
