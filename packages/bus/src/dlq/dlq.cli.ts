import { kafkaConnectionFromEnv } from '../kafka/kafka-config.js';
import { USAGE, parseDlqArgs, type DlqArgs } from './dlq-args.js';
import { DlqError, exitCodeFor } from './dlq.errors.js';
import type { DeadLetterLog } from './dead-letter-log.port.js';
import { replayDeadLetters, type ProgressListener, type ReplayReport } from './dlq-replay.js';
import { listDeadLetters, type ListReport } from './dlq-summary.js';
import { KafkaDeadLetterLog } from './kafka-dead-letter.log.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The log to read (Kafka from the parsed settings, unless a test passes its own). */
  openLog?: (args: DlqArgs) => DeadLetterLog & { close(): Promise<void> };
  now?: () => number;
}

/** Progress at most once a second (and at the end), so a long read shows it is moving. */
export function progressReporter(write: (text: string) => void, now: () => number = Date.now): ProgressListener {
  let last = Number.NEGATIVE_INFINITY;
  return (read, total) => {
    const t = now();
    if (read < total && t - last < 1_000) return;
    last = t;
    const percent = total === 0 ? 100 : Math.floor((read / total) * 100);
    write(`pulse-dlq: read ${read} of ${total} dead letters (${percent}%)\n`);
  };
}

export function formatList(report: ListReport): string {
  const rows = Object.entries(report.bySource).sort(([a], [b]) => a.localeCompare(b));
  const lines = [`${report.total} dead letters (replay group ${report.group})`];
  for (const [topic, s] of rows) {
    const reasons = Object.entries(s.reasons).map(([reason, n]) => `${reason} ${n}`).join(', ');
    lines.push(`  ${topic}: ${s.total} (${s.pending} not replayed) — ${reasons}`, `    ${s.firstFailedAt} … ${s.lastFailedAt}; last error: ${s.lastError}`);
  }
  if (report.unreadable > 0) lines.push(`  ${report.unreadable} messages that are not dead letters (never replayed)`);
  return `${lines.join('\n')}\n`;
}

export function formatReplay(report: ReplayReport): string {
  const verb = report.dryRun ? 'would replay' : 'replayed';
  const lines = [`${verb} ${report.replayed} of ${report.read} dead letters not replayed before (replay group ${report.group})`];
  for (const [topic, n] of Object.entries(report.bySource).sort(([a], [b]) => a.localeCompare(b))) lines.push(`  → ${topic}: ${n}`);
  if (report.skipped > 0) lines.push(`  ${report.skipped} from other source topics${report.dryRun ? '' : ' (marked handled for this group)'}`);
  if (report.unreadable > 0) lines.push(`  ${report.unreadable} messages that are not dead letters (skipped)`);
  return `${lines.join('\n')}\n`;
}

/** Runs one pulse-dlq command; returns the exit code. Errors are printed as `pulse-dlq: [CODE] message`. */
export async function runDlqCli(argv: readonly string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  let log: (DeadLetterLog & { close(): Promise<void> }) | undefined;
  try {
    const args = parseDlqArgs(argv, env);
    if (args.command === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    log = io.openLog?.(args) ?? new KafkaDeadLetterLog(kafkaConnectionFromEnv(args.kafka, 'pulse-dlq'));
    const onProgress = args.quiet ? undefined : progressReporter(io.stderr, io.now);
    const topic = args.topic !== undefined ? { topic: args.topic } : {};
    if (args.command === 'list') {
      const report = await run('READ_FAILED', () => listDeadLetters(log!, { groupId: args.group, ...topic, ...(onProgress ? { onProgress } : {}) }));
      io.stdout(args.json ? `${JSON.stringify(report)}\n` : formatList(report));
    } else {
      const report = await run('REPLAY_FAILED', () => replayDeadLetters(log!, { groupId: args.group, dryRun: args.dryRun, ...topic, ...(onProgress ? { onProgress } : {}) }));
      io.stdout(args.json ? `${JSON.stringify(report)}\n` : formatReplay(report));
    }
    return 0;
  } catch (error) {
    const failure = error instanceof DlqError ? error : new DlqError('READ_FAILED', (error as Error).message ?? String(error), { cause: error });
    io.stderr(`pulse-dlq: [${failure.code}] ${failure.message}\n`);
    if (failure.code === 'INVALID_ARGUMENTS') io.stderr(`\n${USAGE}`);
    return exitCodeFor(failure.code);
  } finally {
    await log?.close();
  }
}

/** Keeps a DlqError's own code (BROKER_UNAVAILABLE); anything else fails the run with `code`, its cause kept. */
async function run<T>(code: 'READ_FAILED' | 'REPLAY_FAILED', work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DlqError) throw error;
    throw new DlqError(code, (error as Error).message ?? String(error), { cause: error });
  }
}
