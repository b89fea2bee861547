import { Inject, Module, type MiddlewareConsumer, type NestModule, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import type { Logger } from '@pulse/runtime';
import { ApiKeyService } from '../auth/api-key.service.js';
import { requireApiKey } from '../auth/auth.middleware.js';
import { AuthModule } from '../auth/auth.module.js';
import { LiveSessions } from '../auth/live-sessions.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import type { GatewayConfig } from '../config/gateway.config.js';
import { CONFIG, LOGGER } from '../core/gateway.tokens.js';
import { MentionService } from '../mentions/mention.service.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { RepliesModule } from '../replies/replies.module.js';
import { ReplyService } from '../replies/reply.service.js';
import { TopicService } from '../topics/topic.service.js';
import { TopicsModule } from '../topics/topics.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import { graphqlBody } from './graphql-body.middleware.js';
import { graphqlOptions } from './graphql-options.factory.js';
import { assertRootFieldsGuarded } from './root-permissions.check.js';

/** Start-up check: every Query, Mutation and Subscription field declares its permission. */
class RootPermissionsCheck implements OnApplicationBootstrap {
  constructor(
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onApplicationBootstrap(): void {
    assertRootFieldsGuarded(this.schemaHost.schema, this.discovery, this.scanner);
  }
}

/**
 * GraphQL through @nestjs/graphql and the Apollo driver. The schema is the committed
 * schema.graphql; each domain module contributes its resolvers (Nest resolver classes with the
 * permission guard and the exception filter), this module only configures the server.
 */
@Module({
  imports: [
    DiscoveryModule,
    AuthModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [AuthModule, MentionsModule, TopicsModule, WorkflowModule, RepliesModule],
      inject: [CONFIG, LOGGER, ApiKeyService, RateLimiter, LiveSessions, MentionService, TopicService, WorkflowService, ReplyService],
      useFactory: (
        config: GatewayConfig,
        logger: Logger,
        keys: ApiKeyService,
        limiter: RateLimiter,
        sessions: LiveSessions,
        mentions: MentionService,
        topics: TopicService,
        workflow: WorkflowService,
        replies: ReplyService,
      ) => graphqlOptions({ config, logger, keys, limiter, sessions, mentions, topics, workflow, replies }),
    }),
  ],
  providers: [
    {
      provide: RootPermissionsCheck,
      inject: [GraphQLSchemaHost, DiscoveryService, MetadataScanner],
      useFactory: (schemaHost: GraphQLSchemaHost, discovery: DiscoveryService, scanner: MetadataScanner) => new RootPermissionsCheck(schemaHost, discovery, scanner),
    },
  ],
})
export class GraphqlModule implements NestModule {
  constructor(
    @Inject(ApiKeyService) private readonly keys: ApiKeyService,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
  ) {}

  /** No valid key, no parsing: 401 (and 429) before the body is read; then UTF-8 JSON bodies up to 1 MB, refused in our envelope otherwise. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requireApiKey(this.keys, this.limiter), graphqlBody()).forRoutes('graphql');
  }
}
