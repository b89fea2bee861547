import type { CommitProgress, DeadLetterLog, PartitionRange, ReplayMessage, StoredLetter } from './dead-letter-log.port.js';

/**
 * A dead-letter topic in memory, with committed offsets per group and a record of what was
 * published: what the specs run pulse-dlq against. `chunk` is how many letters one read hands over.
 */
export class MemoryDeadLetterLog implements DeadLetterLog {
  readonly partitions: Buffer[][];
  readonly committed = new Map<string, Map<number, bigint>>();
  readonly published: ReplayMessage[] = [];
  /** Makes the next publish fail (a broker error mid-replay). */
  failNextPublish: Error | undefined;

  constructor(
    partitionCount = 2,
    private readonly chunk = 2,
  ) {
    this.partitions = Array.from({ length: partitionCount }, () => []);
  }

  append(partition: number, value: unknown): void {
    this.partitions[partition]!.push(Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value)));
  }

  async ranges(groupId: string | null): Promise<PartitionRange[]> {
    return this.partitions.map((messages, partition) => ({
      partition,
      start: (groupId === null ? undefined : this.committed.get(groupId)?.get(partition)) ?? 0n,
      end: BigInt(messages.length),
    }));
  }

  async read(ranges: readonly PartitionRange[], groupId: string | null, handle: (partition: number, letters: StoredLetter[], commit: CommitProgress) => Promise<void>): Promise<void> {
    for (const range of ranges) {
      const commit: CommitProgress = async (next) => {
        if (groupId === null) throw new Error('a listing commits nothing');
        const group = this.committed.get(groupId) ?? new Map<number, bigint>();
        group.set(range.partition, BigInt(next));
        this.committed.set(groupId, group);
      };
      for (let offset = range.start; offset < range.end; offset += BigInt(this.chunk)) {
        const letters: StoredLetter[] = [];
        for (let o = offset; o < range.end && o < offset + BigInt(this.chunk); o++) letters.push({ partition: range.partition, offset: o.toString(), value: this.partitions[range.partition]![Number(o)]! });
        await handle(range.partition, letters, commit);
      }
    }
  }

  async publish(messages: readonly ReplayMessage[]): Promise<void> {
    const failure = this.failNextPublish;
    this.failNextPublish = undefined;
    if (failure) throw failure;
    this.published.push(...messages);
  }

  async close(): Promise<void> {}
}
