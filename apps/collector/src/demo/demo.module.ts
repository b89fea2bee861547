import { Module } from '@nestjs/common';
import type { Logger } from '@pulse/runtime';
import type { CollectorConfig } from '../config/collector.config.js';
import { CONFIG, LOGGER } from '../core/collector.tokens.js';
import { IngestModule } from '../ingest/ingest.module.js';
import { IngestService } from '../ingest/ingest.service.js';
import { DemoSource } from './demo.source.js';

/** The bundled corpus replayed through the ingest path; composed only when PULSE_DEMO is on. */
@Module({
  imports: [IngestModule],
  providers: [
    {
      provide: DemoSource,
      inject: [IngestService, CONFIG, LOGGER],
      useFactory: (ingest: IngestService, config: CollectorConfig, logger: Logger) => new DemoSource(ingest, config.demo.ratePerSecond, logger),
    },
  ],
})
export class DemoModule {}
