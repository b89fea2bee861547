import type { OnApplicationBootstrap } from '@nestjs/common';
import { TOPICS, type ScoredMention } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { Logger } from '@pulse/runtime';
import type { AlertService } from '../alerts/alert.service.js';
import type { MentionFeed } from '../live/mention-feed.js';
import type { MentionService } from '../mentions/mention.service.js';
import type { TriageService } from '../workflow/triage.service.js';

export const GATEWAY_GROUP_ID = 'pulse-gateway';

export interface ScoredMentionConsumerDeps {
  bus: Bus;
  mentions: MentionService;
  triage: TriageService;
  feed: MentionFeed;
  alerts: AlertService;
  logger: Logger;
  batchSize: number;
}

/**
 * pulse.mentions.scored.v1 → triage plan → store → live feed and alert detection → rule side
 * effects, then the offset commits (the bus commits after the handler resolves).
 */
export class ScoredMentionConsumer implements OnApplicationBootstrap {
  constructor(private readonly deps: ScoredMentionConsumerDeps) {}

  /** After every module is initialised (baselines resumed, admin key ensured): the host has started the bus, so consumption begins now. */
  async onApplicationBootstrap(): Promise<void> {
    const { bus, batchSize } = this.deps;
    await bus.subscribe({
      topic: TOPICS.scoredMentions,
      groupId: GATEWAY_GROUP_ID,
      maxBatchSize: batchSize,
      maxWaitMs: 20,
      handler: async (batch) => this.handle(batch.map((m) => m.value)),
    });
  }

  async handle(mentions: ScoredMention[]): Promise<void> {
    const { triage, feed } = this.deps;
    const plan = await triage.plan(mentions);
    const { insertedIds } = await this.deps.mentions.store(mentions, plan.initial);
    // Live delivery only after the mention is durable, so a dashboard never shows what a query cannot find.
    feed.publish(mentions);
    this.observeForAlerts(mentions);
    // Rule side effects before the offset commits: a crash here redelivers the batch and they run then.
    await triage.follow(mentions, insertedIds, plan);
  }

  /** After the upsert, like the live feed; never fails the batch, which would redeliver already-stored mentions. */
  private observeForAlerts(mentions: readonly ScoredMention[]): void {
    try {
      this.deps.alerts.observe(mentions);
    } catch (error) {
      this.deps.logger.error({ err: error }, 'alert detection failed for a batch');
    }
  }
}
