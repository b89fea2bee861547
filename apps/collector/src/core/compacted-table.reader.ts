import { randomUUID } from 'node:crypto';
import type { OnApplicationBootstrap } from '@nestjs/common';
import type { TopicPayloads } from '@pulse/contracts';
import type { Bus, BusTopic } from '@pulse/bus';
import type { Logger, Readiness } from '@pulse/runtime';

export interface CompactedTableOptions<T extends BusTopic> {
  bus: Bus;
  topic: T;
  /** Names the consumer group, the readiness check (`collector-<name>`) and the log lines: `keys`, `topics`. */
  name: string;
  apply(records: TopicPayloads[T][]): void;
  /** What to log after each batch is applied: fields and message. */
  describe(): [Record<string, unknown>, string];
  logger: Logger;
  readiness: Readiness;
}

/**
 * Reads a compacted topic as a table. A fresh consumer group per process replays it from
 * the start on every boot instead of resuming at a committed offset, so every collector
 * holds the whole table. Subscribes once the host has started the bus.
 *
 * Loaded means: every record the topic held when the consumer started (its high-water
 * marks then) is applied. Until then the collector is not ready, so a load balancer never
 * sends it a request it would refuse with a valid key or match against half the topics.
 */
export class CompactedTableReader<T extends BusTopic> implements OnApplicationBootstrap {
  private loaded = false;

  constructor(private readonly options: CompactedTableOptions<T>) {
    options.readiness.register({ name: `collector-${options.name}`, check: () => this.loaded });
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

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
      onCaughtUp: () => {
        this.loaded = true;
        const [fields] = this.options.describe();
        logger.info({ ...fields, table: name }, `${name} table loaded`);
      },
    });
  }
}
