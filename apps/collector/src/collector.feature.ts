import { randomUUID } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { TOPICS } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { Logger, PulseMetrics, Readiness } from '@pulse/runtime';
import { IngestAuthorizer } from './auth/ingest.authorizer.js';
import { KeyRegistry } from './auth/key-registry.service.js';
import { COLLECTOR_CONFIG, INGEST_AUTHORIZER, INGEST_SERVICE } from './collector.tokens.js';
import type { CollectorConfig } from './config/collector.config.js';
import { DemoSource } from './demo/demo.source.js';
import { IngestController } from './ingest/ingest.controller.js';
import { IngestService } from './ingest/ingest.service.js';
import { MentionNormalizer } from './ingest/mention-normalizer.service.js';
import { FileCheckpointStore } from './sources/core/checkpoint.store.js';
import { HttpClient } from './sources/core/http.client.js';
import { SourceRunner } from './sources/core/source.runner.js';
import { configuredConnectors } from './sources/source.catalog.js';
import { TopicRegistry } from './topics/topic-registry.service.js';

export interface CollectorDeps {
  bus: Bus;
  config: CollectorConfig;
  logger: Logger;
  metrics: PulseMetrics;
  readiness: Readiness;
}

@Module({})
class CollectorModule {}

/**
 * The collector as a unit a process can host: the distributed `main.ts` hosts it alone,
 * embedded mode next to the other apps. Lifecycle is explicit so the host can order
 * shutdown (sources stop before the bus drains).
 */
export class CollectorFeature {
  readonly topics: TopicRegistry;
  readonly keys = new KeyRegistry();
  readonly ingest: IngestService;
  private readonly demo: DemoSource | undefined;
  private readonly runner: SourceRunner;

  constructor(private readonly deps: CollectorDeps) {
    this.topics = new TopicRegistry((topic, error) => deps.logger.error({ topic: topic.id, err: error }, 'topic query does not compile; topic skipped'));
    this.ingest = new IngestService(new MentionNormalizer(this.topics), deps.bus, deps.metrics, 'collector');
    const logger = deps.logger.child({ feature: 'collector' });
    this.demo = deps.config.demo.enabled ? new DemoSource(this.ingest, deps.config.demo.ratePerSecond, logger) : undefined;
    const configured = configuredConnectors(deps.config.sources);
    const clients = new Map<string, HttpClient>();
    const httpOf = new Map(configured.map((c) => [c.connector.name, c]));
    this.runner = new SourceRunner(
      configured.map((c) => c.connector),
      {
        ingest: this.ingest,
        checkpoints: new FileCheckpointStore(deps.config.checkpointDir),
        topics: this.topics,
        logger,
        metrics: deps.metrics,
        httpFor: (connector) => {
          const entry = httpOf.get(connector.name)!;
          let client = clients.get(entry.httpKey);
          if (!client) clients.set(entry.httpKey, (client = new HttpClient(entry.http)));
          return client;
        },
      },
    );
    logger.info(
      { connectors: configured.map((c) => c.connector.name), checkpoints: deps.config.checkpointDir },
      configured.length > 0 ? 'source connectors configured' : 'no source connectors configured (see README: Sources)',
    );
  }

  async init(): Promise<void> {
    // The topics stream is compacted and read as a table: a fresh group per process
    // replays it from the start on every boot instead of resuming at a committed offset.
    await this.deps.bus.subscribe({
      topic: TOPICS.trackedTopics,
      groupId: `pulse-collector-topics-${randomUUID()}`,
      fromBeginning: true,
      handler: async (batch) => {
        this.topics.apply(batch.map((m) => m.value));
        this.deps.logger.info({ active: this.topics.active().length }, 'tracked topics updated');
      },
    });
    await this.deps.bus.subscribe({
      topic: TOPICS.apiKeys,
      groupId: `pulse-collector-keys-${randomUUID()}`,
      fromBeginning: true,
      handler: async (batch) => {
        this.keys.apply(batch.map((m) => m.value));
        this.deps.logger.info({ keys: this.keys.size }, 'API keys updated');
      },
    });
  }

  nestModule(): DynamicModule {
    return {
      module: CollectorModule,
      controllers: [IngestController],
      providers: [
        { provide: INGEST_SERVICE, useValue: this.ingest },
        { provide: COLLECTOR_CONFIG, useValue: this.deps.config },
        { provide: INGEST_AUTHORIZER, useValue: new IngestAuthorizer(this.keys, this.deps.config.webhookSecrets) },
      ],
    };
  }

  startSources(): void {
    this.demo?.start();
    this.runner.start();
  }

  async stopSources(): Promise<void> {
    await Promise.all([this.demo?.stop(), this.runner.stop()]);
  }
}
