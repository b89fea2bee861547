import { Module, type OnModuleDestroy } from '@nestjs/common';
import type { Bus } from '@pulse/bus';
import type { Logger } from '@pulse/runtime';
import { AlertService } from '../alerts/alert.service.js';
import { AlertsModule } from '../alerts/alerts.module.js';
import { AnswerService } from '../answers/answer.service.js';
import { AnswersModule } from '../answers/answers.module.js';
import type { GatewayConfig } from '../config/gateway.config.js';
import type { SqlClient } from '../database/sql-client.port.js';
import { BUS, CLOCK, CONFIG, DATABASE, LOGGER, type Clock } from '../core/gateway.tokens.js';
import { HelpdeskRouter } from '../helpdesk/helpdesk.router.js';
import { LiveModule } from '../live/live.module.js';
import { MentionService } from '../mentions/mention.service.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { RuleService } from '../rules/rule.service.js';
import { RulesModule } from '../rules/rules.module.js';
import { TopicService } from '../topics/topic.service.js';
import { TopicsModule } from '../topics/topics.module.js';
import { ChannelAnswerService } from './channel-answer.service.js';
import { ToneFeedbackRepository } from './tone-feedback.repository.js';
import { TriageService } from './triage.service.js';
import { WorkflowStatsRepository } from './workflow-stats.repository.js';
import { WorkflowPeriodRepository } from './workflow-period.repository.js';
import { WorkflowPeriodService } from './workflow-period.service.js';
import { WorkflowRepository } from './workflow.repository.js';
import { WorkflowResolver } from './workflow.resolver.js';
import { AnswerCoverageResolver, HandlingEffectResolver, MentionEventResolver, ReactionTimeStatsResolver, ToneCorrectionResolver } from './workflow-fields.resolver.js';
import { WorkflowService } from './workflow.service.js';


/** Queued helpdesk deliveries get a bounded chance to finish at shutdown. */
class HelpdeskDrain implements OnModuleDestroy {
  constructor(private readonly router: HelpdeskRouter) {}

  async onModuleDestroy(): Promise<void> {
    await this.router.drain(10_000);
  }
}

const repository = <T>(type: new (db: SqlClient) => T) => ({ provide: type, inject: [DATABASE], useFactory: (db: SqlClient) => new type(db) });

/** The support workflow: state and history per mention, triage at arrival (rules, answers, helpdesk), reaction statistics, tone feedback. */
@Module({
  imports: [MentionsModule, TopicsModule, RulesModule, AnswersModule, AlertsModule, LiveModule],
  providers: [
    WorkflowResolver, MentionEventResolver, ToneCorrectionResolver, ReactionTimeStatsResolver, HandlingEffectResolver, AnswerCoverageResolver,
    repository(WorkflowRepository),
    repository(WorkflowStatsRepository),
    repository(ToneFeedbackRepository),
    repository(WorkflowPeriodRepository),
    { provide: WorkflowPeriodService, inject: [WorkflowPeriodRepository], useFactory: (store: WorkflowPeriodRepository) => new WorkflowPeriodService(store) },
    {
      provide: HelpdeskRouter,
      inject: [WorkflowRepository, LOGGER, CLOCK, CONFIG],
      useFactory: (store: WorkflowRepository, logger: Logger, clock: Clock, config: GatewayConfig) =>
        new HelpdeskRouter({
          store,
          logger,
          clock,
          maxAttempts: config.workflow?.helpdeskMaxAttempts ?? 5,
          retryBaseMs: config.workflow?.helpdeskRetryBaseMs ?? 2_000,
        }),
    },
    { provide: HelpdeskDrain, inject: [HelpdeskRouter], useFactory: (router: HelpdeskRouter) => new HelpdeskDrain(router) },
    {
      provide: TriageService,
      inject: [RuleService, AnswerService, WorkflowRepository, AlertService, HelpdeskRouter, TopicService, LOGGER, CLOCK, BUS],
      useFactory: (rules: RuleService, answers: AnswerService, store: WorkflowRepository, alerts: AlertService, router: HelpdeskRouter, topics: TopicService, logger: Logger, clock: Clock, bus: Bus) =>
        new TriageService({
          rules,
          answers,
          store,
          alerts,
          router,
          topicNames: () => topics.nameMap(),
          logger,
          clock,
          bus,
        }),
    },
    {
      provide: ChannelAnswerService,
      inject: [WorkflowRepository, TopicService, LOGGER, CLOCK, BUS],
      useFactory: (store: WorkflowRepository, topics: TopicService, logger: Logger, clock: Clock, bus: Bus) =>
        new ChannelAnswerService({ store, topics: () => topics.list(), logger, clock, bus }),
    },
    {
      provide: WorkflowService,
      inject: [WorkflowRepository, WorkflowStatsRepository, ToneFeedbackRepository, MentionService, TopicService, CLOCK, BUS, LOGGER],
      useFactory: (
        store: WorkflowRepository,
        stats: WorkflowStatsRepository,
        feedback: ToneFeedbackRepository,
        mentions: MentionService,
        topics: TopicService,
        clock: Clock,
        bus: Bus,
        logger: Logger,
      ) => new WorkflowService(store, stats, feedback, mentions, () => topics.activeIds(), clock, { bus, logger }),
    },
  ],
  exports: [WorkflowService, TriageService, WorkflowPeriodService, ChannelAnswerService],
})
export class WorkflowModule {}
