import { createHash, randomUUID } from 'node:crypto';
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
 * which the alert store keeps once. A copy is dropped here (see `liveKey`): a redelivered batch (the
 * storing replica crashed before its commit), and the same mention scored again with the same outcome
 * (a sentiment worker killed after publishing, before committing: its partitions' raw mentions are
 * scored once more by another worker; a client retrying on another collector).
 */
export class StoredMentionRelay implements OnApplicationBootstrap {
  private readonly seen = new RecentKeys(50_000);

  constructor(private readonly deps: StoredMentionRelayDeps) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.deps.bus.subscribe({
      topic: TOPICS.storedMentions,
      groupId: `pulse-gateway-stored-${randomUUID().slice(0, 8)}`,
      fromBeginning: false,
      ephemeral: true,
      maxWaitMs: 10,
      handler: async (batch) => this.relay(batch.map((m) => m.value)),
    });
  }

  relay(mentions: readonly ScoredMention[]): void {
    const fresh = mentions.filter((m) => this.seen.add(liveKey(m)));
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

/**
 * What makes a stored mention news to a subscriber: its id and everything it says, but not when it
 * was collected or scored, nor the model's exact probabilities — a text scored again in another batch
 * can differ in the last float digits (padding), which no reader sees. A re-score that changes
 * nothing a reader sees (another worker after a crash) is a copy; one that changes the tone (overall
 * or toward a topic), the intent, the model or the topics is delivered again, as the store updated
 * the row. (The SIGKILL test saw 3 of 600 delivered twice when the probabilities were part of the key.)
 */
export function liveKey(mention: ScoredMention): string {
  const { scoredAt: _scoredAt, collectedAt: _collectedAt, sentiment, intent, ...content } = mention;
  const shown = {
    ...content,
    tone: sentiment.label,
    byTopic: sentiment.byTopic.map((t) => `${t.topicId}:${t.label}:${t.explain?.rule ?? ''}`),
    intent: intent ? `${intent.label}:${intent.replyNeeded}` : null,
  };
  return `${mention.id}@${createHash('sha1').update(JSON.stringify(shown)).digest('base64')}`;
}
