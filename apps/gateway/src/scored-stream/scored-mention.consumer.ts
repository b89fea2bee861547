import type { OnApplicationBootstrap } from '@nestjs/common';
import { TOPICS, type ScoredMention } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { MentionService } from '../mentions/mention.service.js';
import type { ChannelAnswerService } from '../workflow/channel-answer.service.js';
import type { TriageService } from '../workflow/triage.service.js';

export const GATEWAY_GROUP_ID = 'pulse-gateway';

export interface ScoredMentionConsumerDeps {
  bus: Bus;
  mentions: MentionService;
  triage: TriageService;
  /** Brand answers collected from the channel, recorded as responses to what they answer. */
  channelAnswers?: Pick<ChannelAnswerService, 'record'>;
  batchSize: number;
}

/**
 * pulse.mentions.scored.v1 → triage plan → store → pulse.mentions.stored.v1 → rule side effects → answers given in the channel,
 * then the offset commits (the bus commits after the handler resolves).
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
      // Partitions stored side by side: a batch's store, announce and rule round trips overlap
      // another's instead of queueing behind them (one at a time, at a thousand mentions a second
      // the batches were a mention or two and the feed fell seconds behind). Order within a
      // partition, and so per mention, is kept; concurrent stores keep the rollups exact
      // (mention-store.concurrency.spec.ts), and a lock conflict between them is retried, never dead-lettered.
      concurrency: 4,
      handler: async (batch) => this.handle(batch.map((m) => m.value)),
    });
  }

  async handle(mentions: ScoredMention[]): Promise<void> {
    const { triage, bus } = this.deps;
    const plan = await triage.plan(mentions);
    const { insertedIds } = await this.deps.mentions.store(mentions, plan.initial);
    // Announced only once durable, so no replica's dashboard shows what a query cannot find; every
    // replica's live feed and alert detector read it (see StoredMentionRelay). Before the commit:
    // a failed publish retries the batch, and the idempotent upsert makes that harmless.
    await bus.publish(TOPICS.storedMentions, mentions);
    // Rule side effects before the offset commits: a crash here redelivers the batch and they run then.
    await triage.follow(mentions, insertedIds, plan);
    await this.deps.channelAnswers?.record(mentions, insertedIds);
  }
}
