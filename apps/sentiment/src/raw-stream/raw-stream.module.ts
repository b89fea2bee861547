import { Module } from '@nestjs/common';
import type { Bus } from '@pulse/bus';
import type { PulseMetrics } from '@pulse/runtime';
import type { SentimentConfig } from '../config/sentiment.config.js';
import { BUS, CONFIG, METRICS } from '../core/sentiment.tokens.js';
import { ScoringModule } from '../scoring/scoring.module.js';
import { ScoringService } from '../scoring/scoring.service.js';
import { RawMentionConsumer } from './raw-mention.consumer.js';

/** The consumer of the raw topic and publisher of the scored one: subscribes once the app is bootstrapped. */
@Module({
  imports: [ScoringModule],
  providers: [
    {
      provide: RawMentionConsumer,
      inject: [BUS, ScoringService, CONFIG, METRICS],
      useFactory: (bus: Bus, scoring: ScoringService, config: SentimentConfig, metrics: PulseMetrics) => new RawMentionConsumer(bus, scoring, config, metrics),
    },
  ],
})
export class RawStreamModule {}
