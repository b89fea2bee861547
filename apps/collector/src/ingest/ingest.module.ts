import { Module } from '@nestjs/common';
import type { Bus } from '@pulse/bus';
import type { PulseMetrics } from '@pulse/runtime';
import type { CollectorConfig } from '../config/collector.config.js';
import { BUS, CONFIG, METRICS, METRICS_APP } from '../core/collector.tokens.js';
import { KeysModule } from '../keys/keys.module.js';
import { QualityModule } from '../quality/quality.module.js';
import { QualityService } from '../quality/quality.service.js';
import { TopicRegistry } from '../topics/topic-registry.service.js';
import { TopicsModule } from '../topics/topics.module.js';
import { IngestController } from './ingest.controller.js';
import { IngestService } from './ingest.service.js';
import { MentionNormalizer } from './mention-normalizer.service.js';

/** The one path into pulse.mentions.raw.v1: `POST /ingest`, and every source and the demo through IngestService. */
@Module({
  imports: [TopicsModule, KeysModule, QualityModule],
  controllers: [IngestController],
  providers: [
    { provide: MentionNormalizer, inject: [TopicRegistry], useFactory: (topics: TopicRegistry) => new MentionNormalizer(topics) },
    {
      provide: IngestService,
      inject: [MentionNormalizer, QualityService, BUS, METRICS, CONFIG],
      useFactory: (normalizer: MentionNormalizer, quality: QualityService, bus: Bus, metrics: PulseMetrics, config: CollectorConfig) =>
        new IngestService(normalizer, quality, bus, metrics, METRICS_APP, config.ingest.busTimeoutMs),
    },
  ],
  exports: [IngestService],
})
export class IngestModule {}
