import { Module, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { EmailNotifier } from '@pulse/alerting';
import type { Logger } from '@pulse/runtime';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { AnalyticsService } from '../analytics/analytics.service.js';
import { AnswerService } from '../answers/answer.service.js';
import { AnswersModule } from '../answers/answers.module.js';
import { ApiKeyService } from '../auth/api-key.service.js';
import { requireApiKey } from '../auth/auth.middleware.js';
import { AuthModule } from '../auth/auth.module.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import type { GatewayConfig } from '../config/gateway.config.js';
import { CLOCK, CONFIG, LOGGER, type Clock } from '../core/gateway.tokens.js';
import { SettingsRepository } from '../database/settings.repository.js';
import { MentionService } from '../mentions/mention.service.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { TopicService } from '../topics/topic.service.js';
import { TopicsModule } from '../topics/topics.module.js';
import { WorkflowPeriodService } from '../workflow/workflow-period.service.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { periodReportPdfHandler } from './period-report.controller.js';
import { PeriodReportResolver, ReportVoiceResolver } from './period-report.resolver.js';
import { PeriodReportService } from './period-report.service.js';
import { WeeklyReportJob } from './weekly-report.job.js';

/** The PDF route on the Express app, behind the same key check and rate limit as /export. */
class ReportRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly reports: PeriodReportService,
    private readonly keys: ApiKeyService,
    private readonly limiter: RateLimiter,
    private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.adapterHost.httpAdapter.use('/reports/period.pdf', requireApiKey(this.keys, this.limiter, 'read'), periodReportPdfHandler(this.reports, this.logger));
  }
}

/** The weekly e-mail, when configured: its timer starts with the app and is drained at stop. */
class WeeklyReportLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(private readonly job: WeeklyReportJob | undefined) {}

  onApplicationBootstrap(): void {
    this.job?.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.job?.stop();
  }
}

function weeklyReportJob(config: GatewayConfig, reports: PeriodReportService, topics: TopicService, settings: SettingsRepository, logger: Logger, clock: Clock): WeeklyReportJob | undefined {
  const weekly = config.reports?.weeklyEmail;
  const email = config.alerts?.email;
  if (!weekly || !email) return undefined;
  // The alert channel's SMTP server and sender; the report's own recipients when configured.
  const { from, to, auth, port, ...smtp } = email;
  const mailer = new EmailNotifier({ name: 'weekly-report', from, to: weekly.to ?? to, smtp: { ...smtp, ...(port === undefined ? {} : { port }), ...(auth ? { auth } : {}), clock } });
  logger.info({ recipients: (weekly.to ?? to).length, hourUtc: weekly.hourUtc }, 'weekly report e-mail on');
  return new WeeklyReportJob({ reports, topics: () => topics.list(), claims: settings, mailer, hourUtc: weekly.hourUtc, logger, clock });
}

/** The period report: GraphQL `periodReport`, the PDF at /reports/period.pdf, the weekly e-mail. */
@Module({
  imports: [AuthModule, AnalyticsModule, AnswersModule, MentionsModule, TopicsModule, WorkflowModule],
  providers: [
    PeriodReportResolver,
    ReportVoiceResolver,
    {
      provide: PeriodReportService,
      inject: [AnalyticsService, WorkflowPeriodService, AnswerService, MentionService, TopicService, CLOCK],
      useFactory: (analytics: AnalyticsService, workflow: WorkflowPeriodService, answers: AnswerService, mentions: MentionService, topics: TopicService, clock: Clock) =>
        new PeriodReportService({ analytics, workflow, answers, mentions, topics, clock }),
    },
    {
      provide: WeeklyReportLifecycle,
      inject: [CONFIG, PeriodReportService, TopicService, SettingsRepository, LOGGER, CLOCK],
      useFactory: (config: GatewayConfig, reports: PeriodReportService, topics: TopicService, settings: SettingsRepository, logger: Logger, clock: Clock) =>
        new WeeklyReportLifecycle(weeklyReportJob(config, reports, topics, settings, logger, clock)),
    },
    {
      provide: ReportRoutes,
      inject: [HttpAdapterHost, PeriodReportService, ApiKeyService, RateLimiter, LOGGER],
      useFactory: (host: HttpAdapterHost, reports: PeriodReportService, keys: ApiKeyService, limiter: RateLimiter, logger: Logger) => new ReportRoutes(host, reports, keys, limiter, logger),
    },
  ],
  exports: [PeriodReportService],
})
export class ReportsModule {}
