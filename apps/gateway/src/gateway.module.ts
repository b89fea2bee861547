import { Module, type DynamicModule } from '@nestjs/common';
import { AlertsModule } from './alerts/alerts.module.js';
import { AnalyticsModule } from './analytics/analytics.module.js';
import { AnswersModule } from './answers/answers.module.js';
import { AuthModule } from './auth/auth.module.js';
import { GatewayCoreModule } from './core/gateway-core.module.js';
import type { GatewayDeps } from './core/gateway.tokens.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { DatabaseModule } from './database/database.module.js';
import { ExportModule } from './export/export.module.js';
import { GraphqlModule } from './graphql/graphql.module.js';
import { LeakWatchModule } from './leak-watch/leak-watch.module.js';
import { LiveModule } from './live/live.module.js';
import { MentionsModule } from './mentions/mentions.module.js';
import { RepliesModule } from './replies/replies.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RetentionModule } from './retention/retention.module.js';
import { RulesModule } from './rules/rules.module.js';
import { ScoredStreamModule } from './scored-stream/scored-stream.module.js';
import { TopicsModule } from './topics/topics.module.js';
import { WorkflowModule } from './workflow/workflow.module.js';

/**
 * The gateway as Nest composes it, in one phase: the database opens (async provider), every
 * domain module is built on it, `onModuleInit` subscribes consumers and mounts HTTP routes,
 * `onApplicationBootstrap` publishes tables and starts timers (the host starts the bus first),
 * `onModuleDestroy` drains, `onApplicationShutdown` closes the database last.
 */
@Module({})
export class GatewayModule {
  static forRoot(deps: GatewayDeps): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        GatewayCoreModule.forRoot(deps),
        DatabaseModule,
        TopicsModule,
        AuthModule,
        MentionsModule,
        AnalyticsModule,
        AnswersModule,
        RulesModule,
        LeakWatchModule,
        AlertsModule,
        LiveModule,
        WorkflowModule,
        RepliesModule,
        ScoredStreamModule,
        ExportModule,
        ReportsModule,
        RetentionModule,
        GraphqlModule,
        DashboardModule,
      ],
    };
  }
}
