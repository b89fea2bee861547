import type { OnApplicationBootstrap } from '@nestjs/common';
import { TOPICS, type ScoredMention } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { PulseMetrics } from '@pulse/runtime';
import type { MentionService } from '../mentions/mention.service.js';
import type { StoredMentionRelay } from './stored-mention.relay.js';
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
  metrics?: PulseMetrics;
  /** This replica's live feed and detector, handed what it stored without the round trip through the stored topic. */
  storedHere?: Pick<StoredMentionRelay, 'storedHere'>;
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
    const { triage, bus, metrics } = this.deps;
    // Each step timed: the bench's latency split reads them (pulse_step_duration_seconds).
    const step = <T>(name: string, work: () => Promise<T>): Promise<T> => (metrics ? metrics.step('gateway', name, work) : work());
    const plan = await step('triage plan', () => triage.plan(mentions));
    const { insertedIds } = await step('store', () => this.deps.mentions.store(mentions, plan.initial));
    // Shown only once durable, so no replica's dashboard shows what a query cannot find: this
    // replica's feed at once, every other replica's from the stored topic (see StoredMentionRelay).
    this.deps.storedHere?.storedHere(mentions);
    // Announced before the commit: a failed publish retries the batch, and the idempotent upsert
    // (and the relays' copy check) make that harmless.
    await step('announce stored', () => bus.publish(TOPICS.storedMentions, mentions));
    // Rule side effects before the offset commits: a crash here redelivers the batch and they run then.
    await step('rule side effects', () => triage.follow(mentions, insertedIds, plan));
    await step('channel answers', async () => this.deps.channelAnswers?.record(mentions, insertedIds));
  }
}
