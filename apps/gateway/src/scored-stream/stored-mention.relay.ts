import { randomUUID } from 'node:crypto';
import type { OnApplicationBootstrap } from '@nestjs/common';
import { TOPICS, type ScoredMention } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { Logger } from '@pulse/runtime';
import type { AlertService } from '../alerts/alert.service.js';
import type { MentionFeed } from '../live/mention-feed.js';
import { RecentKeys } from './recent-keys.js';

export interface StoredMentionRelayDeps {
  bus: Bus;
  feed: MentionFeed;
  alerts: AlertService;
  logger: Logger;
}

/**
 * Every gateway replica reads every stored mention (a consumer group per process, from the
 * end: history is in the store) and hands it to its live subscribers and its alert detector.
 * So a dashboard on any replica sees the whole feed, and every replica's spike detector sees a
 * topic's whole volume; replicas raise the same spike under the same deterministic alert id,
 * which the alert store keeps once. A redelivered batch (the storing replica crashed before its
 * commit) is dropped here by mention id and score time.
 */
export class StoredMentionRelay implements OnApplicationBootstrap {
  private readonly seen = new RecentKeys(50_000);

  constructor(private readonly deps: StoredMentionRelayDeps) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.deps.bus.subscribe({
      topic: TOPICS.storedMentions,
      groupId: `pulse-gateway-stored-${randomUUID().slice(0, 8)}`,
      fromBeginning: false,
      maxWaitMs: 10,
      handler: async (batch) => this.relay(batch.map((m) => m.value)),
    });
  }

  relay(mentions: readonly ScoredMention[]): void {
    const fresh = mentions.filter((m) => this.seen.add(`${m.id}@${m.scoredAt}`));
    if (fresh.length === 0) return;
    this.deps.feed.publish(fresh);
    try {
      this.deps.alerts.observe(fresh);
    } catch (error) {
      // Detection must never fail the relay: the mentions are stored, and a retry would re-deliver them live.
      this.deps.logger.error({ err: error }, 'alert detection failed for a batch');
    }
  }
}
