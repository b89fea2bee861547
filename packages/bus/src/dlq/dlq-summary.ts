import type { DeadLetterReason } from '@pulse/contracts';
import type { DeadLetterLog, PartitionRange } from './dead-letter-log.port.js';
import { decodeLetter, totalOf, type ProgressListener } from './dlq-replay.js';

export interface SourceSummary {
  /** Dead letters from this source topic. */
  total: number;
  /** Of those, not replayed yet by the replay group. */
  pending: number;
  reasons: Partial<Record<DeadLetterReason, number>>;
  firstFailedAt: string;
  lastFailedAt: string;
  /** The newest error, as an example of what went wrong. */
  lastError: string;
}

export interface ListReport {
  command: 'list';
  group: string;
  total: number;
  /** Messages on the topic that are not dead letters. */
  unreadable: number;
  bySource: Record<string, SourceSummary>;
}

export interface ListOptions {
  /** The replay group whose progress tells pending from replayed. */
  groupId: string;
  topic?: string;
  onProgress?: ProgressListener;
}

/** Reads the whole dead-letter topic (no group of its own commits anything) and counts it per source topic and reason. */
export async function listDeadLetters(log: DeadLetterLog, options: ListOptions): Promise<ListReport> {
  const all = await log.ranges(null);
  const replayedUpTo = new Map((await log.ranges(options.groupId)).map((r: PartitionRange) => [r.partition, r.start]));
  const total = totalOf(all);
  const report: ListReport = { command: 'list', group: options.groupId, total: 0, unreadable: 0, bySource: {} };
  let read = 0;
  options.onProgress?.(0, total);
  await log.read(all, null, async (partition, letters) => {
    for (const stored of letters) {
      read += 1;
      const letter = decodeLetter(stored);
      if (letter === null) {
        report.unreadable += 1;
        continue;
      }
      const source = letter.origin.topic;
      if (options.topic !== undefined && source !== options.topic) continue;
      report.total += 1;
      const summary = (report.bySource[source] ??= { total: 0, pending: 0, reasons: {}, firstFailedAt: letter.failedAt, lastFailedAt: letter.failedAt, lastError: letter.error });
      summary.total += 1;
      if (BigInt(stored.offset) >= (replayedUpTo.get(partition) ?? 0n)) summary.pending += 1;
      summary.reasons[letter.reason] = (summary.reasons[letter.reason] ?? 0) + 1;
      if (letter.failedAt < summary.firstFailedAt) summary.firstFailedAt = letter.failedAt;
      if (letter.failedAt >= summary.lastFailedAt) {
        summary.lastFailedAt = letter.failedAt;
        summary.lastError = letter.error;
      }
    }
    options.onProgress?.(read, total);
  });
  return report;
}
