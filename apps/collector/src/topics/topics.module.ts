import { Module } from '@nestjs/common';
import { TOPICS } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { Logger, Readiness } from '@pulse/runtime';
import { CompactedTableReader } from '../core/compacted-table.reader.js';
import { BUS, LOGGER, READINESS } from '../core/collector.tokens.js';
import { TopicRegistry } from './topic-registry.service.js';

/** The tracked topics, read as a table from pulse.topics.v1 (the gateway owns them), compiled for matching. */
@Module({
  providers: [
    {
      provide: TopicRegistry,
      inject: [LOGGER],
      useFactory: (logger: Logger) => new TopicRegistry((topic, error) => logger.error({ topic: topic.id, err: error }, 'topic query does not compile; topic skipped')),
    },
    {
      provide: CompactedTableReader,
      inject: [BUS, TopicRegistry, LOGGER, READINESS],
      useFactory: (bus: Bus, topics: TopicRegistry, logger: Logger, readiness: Readiness) =>
        new CompactedTableReader({
          bus,
          topic: TOPICS.trackedTopics,
          name: 'topics',
          apply: (records) => topics.apply(records),
          describe: () => [{ active: topics.active().length }, 'tracked topics updated'],
          logger,
          readiness,
        }),
    },
  ],
  exports: [TopicRegistry],
})
export class TopicsModule {}
