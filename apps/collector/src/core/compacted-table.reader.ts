import { randomUUID } from 'node:crypto';
import type { OnApplicationBootstrap } from '@nestjs/common';
import type { TopicPayloads } from '@pulse/contracts';
import type { Bus, BusTopic } from '@pulse/bus';
import type { Logger } from '@pulse/runtime';

export interface CompactedTableOptions<T extends BusTopic> {
  bus: Bus;
  topic: T;
  /** Names the consumer group and the log lines: `keys`, `topics`. */
  name: string;
  apply(records: TopicPayloads[T][]): void;
  /** What to log after each batch is applied: fields and message. */
  describe(): [Record<string, unknown>, string];
  logger: Logger;
}

/**
 * Reads a compacted topic as a table. A fresh consumer group per process replays it from
 * the start on every boot instead of resuming at a committed offset, so every collector
 * holds the whole table. Subscribes once the host has started the bus.
 */
export class CompactedTableReader<T extends BusTopic> implements OnApplicationBootstrap {
  constructor(private readonly options: CompactedTableOptions<T>) {}

  async onApplicationBootstrap(): Promise<void> {
    const { bus, topic, name, logger } = this.options;
    await bus.subscribe({
      topic,
      groupId: `pulse-collector-${name}-${randomUUID()}`,
      fromBeginning: true,
      handler: async (batch) => {
        this.options.apply(batch.map((m) => m.value));
        logger.info(...this.options.describe());
      },
    });
  }
}
