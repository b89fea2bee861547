import { Module } from '@nestjs/common';
import type { Bus } from '@pulse/bus';
import type { Logger, PulseMetrics } from '@pulse/runtime';
import { AlertService } from '../alerts/alert.service.js';
import { AlertsModule } from '../alerts/alerts.module.js';
import type { GatewayConfig } from '../config/gateway.config.js';
import { BUS, CONFIG, LOGGER, METRICS } from '../core/gateway.tokens.js';
import { LiveModule } from '../live/live.module.js';
import { MentionFeed } from '../live/mention-feed.js';
import { MentionService } from '../mentions/mention.service.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { ChannelAnswerService } from '../workflow/channel-answer.service.js';
import { TriageService } from '../workflow/triage.service.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { ScoredMentionConsumer } from './scored-mention.consumer.js';
import { StoredMentionRelay } from './stored-mention.relay.js';

/** The gateway's consumer of the scored stream (one owner per partition) and its per-replica relay of stored mentions. */
@Module({
  imports: [MentionsModule, WorkflowModule, LiveModule, AlertsModule],
  providers: [
    {
      provide: ScoredMentionConsumer,
      inject: [BUS, MentionService, TriageService, ChannelAnswerService, CONFIG, METRICS, StoredMentionRelay],
      useFactory: (bus: Bus, mentions: MentionService, triage: TriageService, channelAnswers: ChannelAnswerService, config: GatewayConfig, metrics: PulseMetrics, storedHere: StoredMentionRelay) =>
        new ScoredMentionConsumer({ bus, mentions, triage, channelAnswers, batchSize: config.batchSize, metrics, storedHere }),
    },
    {
      provide: StoredMentionRelay,
      inject: [BUS, MentionFeed, AlertService, LOGGER],
      useFactory: (bus: Bus, feed: MentionFeed, alerts: AlertService, logger: Logger) => new StoredMentionRelay({ bus, feed, alerts, logger }),
    },
  ],
})
export class ScoredStreamModule {}
