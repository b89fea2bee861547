/** One message of the dead-letter topic as stored (not yet known to be a valid DeadLetter). */
export interface StoredLetter {
  partition: number;
  offset: string;
  value: Buffer | null;
}

/** Offsets [start, end) of one dead-letter partition that a run reads. */
export interface PartitionRange {
  partition: number;
  start: bigint;
  end: bigint;
}

/** A dead letter on its way back to its source topic. */
export interface ReplayMessage {
  topic: string;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

/** Records that everything before `nextOffset` of the chunk's partition is handled (the group's commit). */
export type CommitProgress = (nextOffset: string) => Promise<void>;

/**
 * The dead-letter topic as pulse-dlq needs it; Kafka in production (kafka-dead-letter.log.ts),
 * an array in unit specs.
 */
export interface DeadLetterLog {
  /**
   * Per partition, what a run reads now: from the group's committed offset (the low mark when
   * it has none, or when `groupId` is null) to the high-water mark. Taken once at the start, so
   * letters dead-lettered meanwhile (a replay failing again) wait for the next run.
   */
  ranges(groupId: string | null): Promise<PartitionRange[]>;
  /** Hands every message of `ranges` to `handle`, in offset order per partition, one chunk at a time. */
  read(ranges: readonly PartitionRange[], groupId: string | null, handle: (partition: number, letters: StoredLetter[], commit: CommitProgress) => Promise<void>): Promise<void>;
  publish(messages: readonly ReplayMessage[]): Promise<void>;
}
