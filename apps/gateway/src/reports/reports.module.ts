import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Logger } from '@pulse/runtime';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { AnalyticsService } from '../analytics/analytics.service.js';
import { AnswerService } from '../answers/answer.service.js';
import { AnswersModule } from '../answers/answers.module.js';
import { ApiKeyService } from '../auth/api-key.service.js';
import { requireApiKey } from '../auth/auth.middleware.js';
import { AuthModule } from '../auth/auth.module.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import { CLOCK, LOGGER, type Clock } from '../core/gateway.tokens.js';
import { MentionService } from '../mentions/mention.service.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { TopicService } from '../topics/topic.service.js';
import { TopicsModule } from '../topics/topics.module.js';
import { WorkflowPeriodService } from '../workflow/workflow-period.service.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { periodReportPdfHandler } from './period-report.controller.js';
import { PeriodReportResolver, ReportVoiceResolver } from './period-report.resolver.js';
import { PeriodReportService } from './period-report.service.js';

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
      provide: ReportRoutes,
      inject: [HttpAdapterHost, PeriodReportService, ApiKeyService, RateLimiter, LOGGER],
      useFactory: (host: HttpAdapterHost, reports: PeriodReportService, keys: ApiKeyService, limiter: RateLimiter, logger: Logger) => new ReportRoutes(host, reports, keys, limiter, logger),
    },
  ],
  exports: [PeriodReportService],
})
export class ReportsModule {}
