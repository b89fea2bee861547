import { Module } from '@nestjs/common';
import type { Bus } from '@pulse/bus';
import type { Logger, Readiness } from '@pulse/runtime';
import type { CollectorConfig } from '../config/collector.config.js';
import { BUS, CLOCK, CONFIG, LOGGER, READINESS, type Clock } from '../core/collector.tokens.js';
import { TopicRegistry } from '../topics/topic-registry.service.js';
import { TopicsModule } from '../topics/topics.module.js';
import { QualityAssessor } from './quality.assessor.js';
import { QualityService } from './quality.service.js';
import { QualityWindow } from './quality.window.js';

/**
 * Quality marks on every mention: near-duplicates (MinHash), copy-paste across accounts,
 * bursts, the brand's own posts (decided over the fingerprint log, the same in every
 * collector), explainable spam score, direct address.
 */
@Module({
  imports: [TopicsModule],
  providers: [
    {
      provide: QualityService,
      inject: [BUS, TopicRegistry, READINESS, LOGGER, CLOCK, CONFIG],
      useFactory: (bus: Bus, topics: TopicRegistry, readiness: Readiness, logger: Logger, clock: Clock, config: CollectorConfig) =>
        new QualityService({ bus, window: new QualityWindow(), assessor: new QualityAssessor(), topics, readiness, logger, clock, verdictTimeoutMs: config.ingest.busTimeoutMs }),
    },
  ],
  exports: [QualityService],
})
export class QualityModule {}
