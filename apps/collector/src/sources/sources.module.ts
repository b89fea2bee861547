import { Module } from '@nestjs/common';
import type { Logger, PulseMetrics } from '@pulse/runtime';
import type { CollectorConfig } from '../config/collector.config.js';
import { CONFIG, LOGGER, METRICS } from '../core/collector.tokens.js';
import { IngestModule } from '../ingest/ingest.module.js';
import { IngestService } from '../ingest/ingest.service.js';
import { TopicRegistry } from '../topics/topic-registry.service.js';
import { TopicsModule } from '../topics/topics.module.js';
import { FileCheckpointStore } from './core/checkpoint.store.js';
import { HttpClient } from './core/http.client.js';
import { SourceRunner } from './core/source.runner.js';
import { configuredConnectors } from './source.catalog.js';

function sourceRunner(config: CollectorConfig, ingest: IngestService, topics: TopicRegistry, logger: Logger, metrics: PulseMetrics): SourceRunner {
  const configured = configuredConnectors(config.sources);
  // Connectors with one httpKey share one client: one API token, one rate limit.
  const clients = new Map<string, HttpClient>();
  const byName = new Map(configured.map((c) => [c.connector.name, c]));
  logger.info(
    { connectors: configured.map((c) => c.connector.name), checkpoints: config.checkpointDir },
    configured.length > 0 ? 'source connectors configured' : 'no source connectors configured (see README: Sources)',
  );
  return new SourceRunner(
    configured.map((c) => c.connector),
    {
      ingest,
      checkpoints: new FileCheckpointStore(config.checkpointDir),
      topics,
      logger,
      metrics,
      httpFor: (connector) => {
        const entry = byName.get(connector.name)!;
        let client = clients.get(entry.httpKey);
        if (!client) clients.set(entry.httpKey, (client = new HttpClient(entry.http)));
        return client;
      },
    },
  );
}

/** Source connectors (those whose credentials are set), each run in its own loop from its checkpoint through the ingest path. */
@Module({
  imports: [IngestModule, TopicsModule],
  providers: [{ provide: SourceRunner, inject: [CONFIG, IngestService, TopicRegistry, LOGGER, METRICS], useFactory: sourceRunner }],
})
export class SourcesModule {}
