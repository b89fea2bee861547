import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { AnalyticsService } from '../analytics/analytics.service.js';
import { AnswerService } from '../answers/answer.service.js';
import { AnswersModule } from '../answers/answers.module.js';
import { CLOCK, type Clock } from '../core/gateway.tokens.js';
import { MentionService } from '../mentions/mention.service.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { TopicService } from '../topics/topic.service.js';
import { TopicsModule } from '../topics/topics.module.js';
import { WorkflowPeriodService } from '../workflow/workflow-period.service.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { PeriodReportResolver, ReportVoiceResolver } from './period-report.resolver.js';
import { PeriodReportService } from './period-report.service.js';

/** The period report: GraphQL `periodReport`, the PDF at /reports/period.pdf, the weekly e-mail. */
@Module({
  imports: [AnalyticsModule, AnswersModule, MentionsModule, TopicsModule, WorkflowModule],
  providers: [
    PeriodReportResolver,
    ReportVoiceResolver,
    {
      provide: PeriodReportService,
      inject: [AnalyticsService, WorkflowPeriodService, AnswerService, MentionService, TopicService, CLOCK],
      useFactory: (analytics: AnalyticsService, workflow: WorkflowPeriodService, answers: AnswerService, mentions: MentionService, topics: TopicService, clock: Clock) =>
        new PeriodReportService({ analytics, workflow, answers, mentions, topics, clock }),
    },
  ],
  exports: [PeriodReportService],
})
export class ReportsModule {}
