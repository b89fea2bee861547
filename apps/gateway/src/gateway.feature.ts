import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { TOPICS } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { Logger, PulseMetrics, Readiness } from '@pulse/runtime';
import type { GatewayConfig } from './config/gateway.config.js';
import { GraphqlServer, buildSchema } from './graphql/graphql.server.js';
import { liveResolvers } from './graphql/live.resolver.js';
import { mentionResolvers } from './graphql/mention.resolver.js';
import { withErrorMapping } from './graphql/resolver-errors.js';
import { topicResolvers } from './graphql/topic.resolver.js';
import { MentionFeed } from './live/mention-feed.js';
import { MentionService } from './mentions/mention.service.js';
import type { MentionStore } from './store/mention-store.port.js';
import { createPgliteMentionStore, createPostgresMentionStore } from './store/mention-store.factory.js';
import { TopicService } from './topics/topic.service.js';

export interface GatewayDeps {
  bus: Bus;
  config: GatewayConfig;
  logger: Logger;
  metrics: PulseMetrics;
  readiness: Readiness;
}

@Module({})
class GatewayModule {}

export const GATEWAY_GROUP_ID = 'pulse-gateway';

/** Scored mentions in → store → live feed; GraphQL over both. */
export class GatewayFeature {
  private store: MentionStore | undefined;
  private topics: TopicService | undefined;
  private graphql: GraphqlServer | undefined;
  readonly feed: MentionFeed;
  private readonly logger: Logger;

  constructor(private readonly deps: GatewayDeps) {
    this.logger = deps.logger.child({ feature: 'gateway' });
    this.feed = new MentionFeed(this.logger, deps.config.subscriptionBuffer);
    deps.readiness.register({ name: 'store', check: () => this.store?.ping() ?? false });
  }

  /** Opens and migrates the store and subscribes to scored mentions (before the bus starts). */
  async init(): Promise<void> {
    const { config } = this.deps;
    const store =
      config.database.kind === 'postgres'
        ? createPostgresMentionStore({ connectionString: config.database.url, poolSize: config.database.poolSize })
        : await createPgliteMentionStore({ dataDir: config.database.dataDir });
    this.logger.info({ database: config.database.kind === 'postgres' ? 'postgres' : `pglite:${config.database.dataDir}` }, 'opening mention store');
    await store.migrate();
    this.store = store;
    this.topics = new TopicService(store, this.deps.bus, this.logger);
    await this.deps.bus.subscribe({
      topic: TOPICS.scoredMentions,
      groupId: GATEWAY_GROUP_ID,
      maxBatchSize: config.batchSize,
      maxWaitMs: 20,
      handler: async (batch) => {
        const mentions = batch.map((m) => m.value);
        await store.upsertMentions(mentions);
        // Live delivery only after the mention is durable, so a dashboard never shows what a query cannot find.
        this.feed.publish(mentions);
      },
    });
  }

  /** Needs a running bus: publishes the topic table for collectors. */
  async bootstrapTopics(): Promise<void> {
    await this.topics!.bootstrap(this.deps.config.seedTopics);
  }

  nestModule(): DynamicModule {
    return { module: GatewayModule };
  }

  /** Mounts GraphQL (HTTP + WebSocket) on the host's Nest app, before it listens. */
  async mount(app: INestApplication): Promise<void> {
    const schema = buildSchema(
      [mentionResolvers(new MentionService(this.store!)), topicResolvers(this.topics!), liveResolvers(this.feed)].map((r) =>
        withErrorMapping(r as Record<string, Record<string, unknown>>, this.logger),
      ),
    );
    this.graphql = new GraphqlServer(schema, this.logger);
    await this.graphql.mount(app);
  }

  async stop(): Promise<void> {
    this.feed.closeAll();
    await this.graphql?.stop();
  }

  async closeStore(): Promise<void> {
    await this.store?.close();
  }
}
