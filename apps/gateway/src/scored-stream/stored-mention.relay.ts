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
  /**
   * Batches this replica stored and delivered itself, whose copies from the stored topic are still
   * to come: the copy is dropped by identity, without hashing it again. Bounded for the copy that
   * never comes (the announce failed and a retry announced it once more, already dropped by `seen`).
   */
  private readonly awaitingCopy = new RecentKeys(50_000);

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

  /** Stored mentions read from the topic (every replica's, this one's included). */
  relay(mentions: readonly ScoredMention[]): void {
    this.deliver(mentions.filter((m) => !this.awaitingCopy.delete(copyIdentity(m)) && this.seen.add(liveKey(m))));
  }

  /**
   * What this replica has just stored (committed), handed to its own subscribers and detector at once
   * instead of after the round trip through the stored topic (announce + fetch: 25–70 ms of a
   * mention's path in the pipeline bench). Every other replica still gets it from the topic; here
   * the topic's copy is dropped, so each replica delivers each mention once either way.
   */
  storedHere(mentions: readonly ScoredMention[]): void {
    this.deliver(
      mentions.filter((m) => {
        if (!this.seen.add(liveKey(m))) return false;
        this.awaitingCopy.add(copyIdentity(m));
        return true;
      }),
    );
  }

  private deliver(fresh: readonly ScoredMention[]): void {
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

/** The same stored mention, byte for byte as announced: one scoring of one post. */
function copyIdentity(mention: ScoredMention): string {
  return `${mention.id}|${mention.scoredAt}|${mention.collectedAt}`;
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
