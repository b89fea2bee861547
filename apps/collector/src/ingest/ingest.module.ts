import { Module } from '@nestjs/common';
import type { Bus } from '@pulse/bus';
import type { PulseMetrics } from '@pulse/runtime';
import { BUS, METRICS, METRICS_APP } from '../core/collector.tokens.js';
import { KeysModule } from '../keys/keys.module.js';
import { QualityAssessor } from '../quality/quality.assessor.js';
import { QualityModule } from '../quality/quality.module.js';
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
    { provide: MentionNormalizer, inject: [TopicRegistry, QualityAssessor], useFactory: (topics: TopicRegistry, quality: QualityAssessor) => new MentionNormalizer(topics, quality) },
    {
      provide: IngestService,
      inject: [MentionNormalizer, BUS, METRICS],
      useFactory: (normalizer: MentionNormalizer, bus: Bus, metrics: PulseMetrics) => new IngestService(normalizer, bus, metrics, METRICS_APP),
    },
  ],
  exports: [IngestService],
})
export class IngestModule {}
