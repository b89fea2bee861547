import { Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Logger } from '@pulse/runtime';
import DataLoader from 'dataloader';
import type { Server } from 'node:http';
import { AlertsModule, AlertResolvers } from '../alerts/alerts.module.js';
import { AnalyticsModule, AnalyticsResolvers } from '../analytics/analytics.module.js';
import { AnswersModule, AnswerResolvers } from '../answers/answers.module.js';
import { ApiKeyService } from '../auth/api-key.service.js';
import { ApiKeyResolvers, AuthModule } from '../auth/auth.module.js';
import type { Principal } from '../auth/permissions.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import type { GatewayConfig } from '../config/gateway.config.js';
import { CONFIG, LOGGER } from '../core/gateway.tokens.js';
import { LiveModule, LiveResolvers } from '../live/live.module.js';
import { MentionService } from '../mentions/mention.service.js';
import { MentionResolvers, MentionsModule } from '../mentions/mentions.module.js';
import { RuleResolvers, RulesModule } from '../rules/rules.module.js';
import { TopicService } from '../topics/topic.service.js';
import { TopicResolvers, TopicsModule } from '../topics/topics.module.js';
import { WorkflowModule, WorkflowResolvers } from '../workflow/workflow.module.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import type { GatewayContext } from './graphql-context.js';
import { GraphqlServer, buildSchema } from './graphql.server.js';
import { guardResolvers } from './resolver-guard.js';

type ResolverMap = Record<string, Record<string, unknown>>;

/** Each domain module contributes its resolver map; this module only assembles the schema and serves it. */
const DOMAIN_RESOLVERS = [MentionResolvers, TopicResolvers, AnalyticsResolvers, ApiKeyResolvers, LiveResolvers, AlertResolvers, WorkflowResolvers, RuleResolvers, AnswerResolvers];

class GraphqlEndpoint implements OnModuleInit, OnModuleDestroy {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly server: GraphqlServer,
  ) {}

  async onModuleInit(): Promise<void> {
    const http = this.adapterHost.httpAdapter;
    await this.server.mount(http.getHttpServer() as Server, (path, ...handlers) => http.use(path, ...handlers));
  }

  async onModuleDestroy(): Promise<void> {
    await this.server.stop();
  }
}

/** Apollo over HTTP and graphql-ws on /graphql, behind API keys, depth/cost limits and the resolver guard. */
@Module({
  imports: [MentionsModule, TopicsModule, AnalyticsModule, AuthModule, LiveModule, AlertsModule, WorkflowModule, RulesModule, AnswersModule],
  providers: [
    {
      provide: GraphqlServer,
      inject: [LOGGER, CONFIG, ApiKeyService, RateLimiter, MentionService, TopicService, WorkflowService, ...DOMAIN_RESOLVERS],
      useFactory: (
        logger: Logger,
        config: GatewayConfig,
        keys: ApiKeyService,
        limiter: RateLimiter,
        mentions: MentionService,
        topics: TopicService,
        workflow: WorkflowService,
        ...domains: { resolvers: object }[]
      ) => {
        const schema = buildSchema(domains.map((d) => guardResolvers(d.resolvers as ResolverMap, logger)));
        const context = (principal: Principal | undefined): GatewayContext => ({
          principal,
          mentions: mentions.loader(),
          topics: new DataLoader(async (ids: readonly string[]) => Promise.all(ids.map((id) => topics.get(id)))),
          live: { droppedBefore: 0 },
          workflow: workflow.loaders(),
        });
        return new GraphqlServer(schema, logger, { keys, limiter, limits: config.queryLimits, context });
      },
    },
    { provide: GraphqlEndpoint, inject: [HttpAdapterHost, GraphqlServer], useFactory: (host: HttpAdapterHost, server: GraphqlServer) => new GraphqlEndpoint(host, server) },
  ],
})
export class GraphqlModule {}
