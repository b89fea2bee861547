import { Module, type DynamicModule } from '@nestjs/common';
import { CollectorCoreModule } from './core/collector-core.module.js';
import type { CollectorDeps } from './core/collector.tokens.js';
import { DemoModule } from './demo/demo.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { KeysModule } from './keys/keys.module.js';
import { QualityModule } from './quality/quality.module.js';
import { SourcesModule } from './sources/sources.module.js';
import { TopicsModule } from './topics/topics.module.js';

/**
 * The collector as Nest composes it, in one phase: the host's objects (core), the tables
 * (topics, keys), quality marks, the ingest path, and what feeds it (sources, demo).
 * `onApplicationBootstrap` subscribes the tables and starts sources (the host starts the bus
 * first); `onModuleDestroy` stops sources and the demo, then the host's bus drains.
 */
@Module({})
export class CollectorModule {
  static forRoot(deps: CollectorDeps): DynamicModule {
    return {
      module: CollectorModule,
      imports: [
        CollectorCoreModule.forRoot(deps),
        TopicsModule,
        KeysModule,
        QualityModule,
        IngestModule,
        SourcesModule,
        ...(deps.config.demo.enabled ? [DemoModule] : []),
      ],
    };
  }
}
