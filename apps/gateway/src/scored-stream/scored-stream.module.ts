import { Module } from '@nestjs/common';
import type { Bus } from '@pulse/bus';
import type { Logger } from '@pulse/runtime';
import { AlertService } from '../alerts/alert.service.js';
import { AlertsModule } from '../alerts/alerts.module.js';
import type { GatewayConfig } from '../config/gateway.config.js';
import { BUS, CONFIG, LOGGER } from '../core/gateway.tokens.js';
import { LiveModule } from '../live/live.module.js';
import { MentionFeed } from '../live/mention-feed.js';
import { MentionService } from '../mentions/mention.service.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { TriageService } from '../workflow/triage.service.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { ScoredMentionConsumer } from './scored-mention.consumer.js';

/** The gateway's consumer of the scored stream: subscribes when the module initialises. */
@Module({
  imports: [MentionsModule, WorkflowModule, LiveModule, AlertsModule],
  providers: [
    {
      provide: ScoredMentionConsumer,
      inject: [BUS, MentionService, TriageService, MentionFeed, AlertService, LOGGER, CONFIG],
      useFactory: (bus: Bus, mentions: MentionService, triage: TriageService, feed: MentionFeed, alerts: AlertService, logger: Logger, config: GatewayConfig) =>
        new ScoredMentionConsumer({ bus, mentions, triage, feed, alerts, logger, batchSize: config.batchSize }),
    },
  ],
})
export class ScoredStreamModule {}
