import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Logger } from '@pulse/runtime';
import { ApiKeyService } from '../auth/api-key.service.js';
import { requireApiKey } from '../auth/auth.middleware.js';
import { AuthModule } from '../auth/auth.module.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import { LOGGER } from '../core/gateway.tokens.js';
import { MentionService } from '../mentions/mention.service.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { TopicService } from '../topics/topic.service.js';
import { TopicsModule } from '../topics/topics.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import { exportHandler } from './export.controller.js';
import { ExportService } from './export.service.js';
import { feedbackExportHandler } from './feedback-export.controller.js';

/** Streaming routes on the Express app: Nest's router would buffer nothing, but its body handling is not needed here. */
class ExportRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly exports: ExportService,
    private readonly workflow: WorkflowService,
    private readonly keys: ApiKeyService,
    private readonly limiter: RateLimiter,
    private readonly logger: Logger,
    private readonly topics: TopicService,
  ) {}

  onModuleInit(): void {
    const http = this.adapterHost.httpAdapter;
    // Before /export, which would otherwise take this path as a mention export.
    http.use('/export/feedback', requireApiKey(this.keys, this.limiter, 'read'), feedbackExportHandler(this.workflow, this.logger));
    http.use('/export', requireApiKey(this.keys, this.limiter, 'read'), exportHandler(this.exports, this.logger, this.topics));
  }
}

/** GET /export (CSV, NDJSON) and /export/feedback (tone corrections as JSONL). */
@Module({
  imports: [AuthModule, MentionsModule, WorkflowModule, TopicsModule],
  providers: [
    { provide: ExportService, inject: [MentionService], useFactory: (mentions: MentionService) => new ExportService(mentions) },
    {
      provide: ExportRoutes,
      inject: [HttpAdapterHost, ExportService, WorkflowService, ApiKeyService, RateLimiter, LOGGER, TopicService],
      useFactory: (host: HttpAdapterHost, exports: ExportService, workflow: WorkflowService, keys: ApiKeyService, limiter: RateLimiter, logger: Logger, topics: TopicService) =>
        new ExportRoutes(host, exports, workflow, keys, limiter, logger, topics),
    },
  ],
})
export class ExportModule {}
