import { deadLetterSchema, type DeadLetter } from '@pulse/contracts';
import type { DeadLetterLog, PartitionRange, ReplayMessage, StoredLetter } from './dead-letter-log.port.js';

/** Header naming the dead letter a replayed message came from (`<partition>:<offset>` of the DLQ). */
export const REPLAY_HEADER = 'pulse-replay-of';

export type ProgressListener = (read: number, total: number) => void;

/** A stored message that is a valid dead letter, or null (a foreign or corrupt message: counted, never replayed). */
export function decodeLetter(stored: StoredLetter): DeadLetter | null {
  if (stored.value === null || stored.value.length === 0) return null;
  try {
    const parsed = deadLetterSchema.safeParse(JSON.parse(stored.value.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The original message again: its key, its exact bytes and headers, and where the copy came from. */
export function toReplayMessage(letter: DeadLetter, from: { partition: number; offset: string }): ReplayMessage {
  return {
    topic: letter.origin.topic,
    key: letter.origin.key,
    value: Buffer.from(letter.payload, letter.payloadEncoding === 'base64' ? 'base64' : 'utf8'),
    headers: { ...letter.headers, [REPLAY_HEADER]: `${from.partition}:${from.offset}` },
  };
}

export const totalOf = (ranges: readonly PartitionRange[]): number => ranges.reduce((sum, r) => sum + Number(r.end > r.start ? r.end - r.start : 0n), 0);

export interface ReplayReport {
  command: 'replay';
  group: string;
  dryRun: boolean;
  /** Dead letters read (those the group had not handled yet). */
  read: number;
  replayed: number;
  /** From another source topic than --topic. */
  skipped: number;
  /** Not a dead letter at all: cannot be replayed. */
  unreadable: number;
  /** Replayed (or, dry run, to be replayed) per source topic. */
  bySource: Record<string, number>;
}

export interface ReplayOptions {
  groupId: string;
  topic?: string;
  dryRun: boolean;
  onProgress?: ProgressListener;
}

/**
 * Republishes every dead letter the replay group has not handled onto its source topic, and
 * commits the group's offset after each chunk is published: a second run finds nothing to do,
 * and a run cut short resumes after the last chunk it published (at worst that chunk again —
 * harmless, as every consumer upserts by the message's deterministic id). A dry run reads from
 * the same place and neither publishes nor commits.
 */
export async function replayDeadLetters(log: DeadLetterLog, options: ReplayOptions): Promise<ReplayReport> {
  const ranges = await log.ranges(options.groupId);
  const total = totalOf(ranges);
  const report: ReplayReport = { command: 'replay', group: options.groupId, dryRun: options.dryRun, read: 0, replayed: 0, skipped: 0, unreadable: 0, bySource: {} };
  options.onProgress?.(0, total);
  await log.read(ranges, options.groupId, async (_partition, letters, commit) => {
    const out: ReplayMessage[] = [];
    for (const stored of letters) {
      report.read += 1;
      const letter = decodeLetter(stored);
      if (letter === null) report.unreadable += 1;
      else if (options.topic !== undefined && letter.origin.topic !== options.topic) report.skipped += 1;
      else {
        out.push(toReplayMessage(letter, stored));
        report.bySource[letter.origin.topic] = (report.bySource[letter.origin.topic] ?? 0) + 1;
      }
    }
    report.replayed += out.length;
    if (!options.dryRun) {
      if (out.length > 0) await log.publish(out);
      await commit((BigInt(letters[letters.length - 1]!.offset) + 1n).toString());
    }
    options.onProgress?.(report.read, total);
  });
  return report;
}
