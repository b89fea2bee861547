import { Module } from '@nestjs/common';
import type { Logger } from '@pulse/runtime';
import type { CollectorConfig } from '../config/collector.config.js';
import { CLOCK, CONFIG, DEMO_DESK, LOGGER, type Clock } from '../core/collector.tokens.js';
import { IngestModule } from '../ingest/ingest.module.js';
import { IngestService } from '../ingest/ingest.service.js';
import { FileCheckpointStore } from '../sources/core/checkpoint.store.js';
import type { DemoDesk } from './demo-desk.js';
import { DemoSource } from './demo.source.js';

/** The demo's world through the ingest path; composed only when PULSE_DEMO is on. Its history checkpoint sits beside the connectors'; the host's desk (if any) takes the agents' past work. */
@Module({
  imports: [IngestModule],
  providers: [
    {
      provide: DemoSource,
      inject: [IngestService, CONFIG, LOGGER, CLOCK, DEMO_DESK],
      useFactory: (ingest: IngestService, config: CollectorConfig, logger: Logger, clock: Clock, desk: DemoDesk | null) =>
        new DemoSource({ ingest, config: config.demo, checkpoints: new FileCheckpointStore(config.checkpointDir), logger, clock, ...(desk ? { desk } : {}) }),
    },
  ],
})
export class DemoModule {}
