import { randomUUID } from 'node:crypto';
import type { OnApplicationBootstrap } from '@nestjs/common';
import { TOPICS } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import { RecentKeys } from '../scored-stream/recent-keys.js';
import type { AlertFeed } from './alert-feed.js';

/**
 * Every replica's `alertRaised` subscribers get every stored alert: each replica reads
 * pulse.alerts.v1 with a consumer group of its own, from the end (history is in the store),
 * and drops an alert id it already pushed (a redelivery).
 */
export class AlertRelay implements OnApplicationBootstrap {
  private readonly seen = new RecentKeys(10_000);

  constructor(
    private readonly bus: Bus,
    private readonly feed: AlertFeed,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.subscribe({
      topic: TOPICS.alerts,
      groupId: `pulse-gateway-alerts-${randomUUID().slice(0, 8)}`,
      fromBeginning: false,
      ephemeral: true,
      // Alerts are a few a day and nobody tells 100 ms apart on them; each fetch round is a Kafka request per
      // broker (a write syscall each: the biggest item in the gateway's CPU profile), so they poll slowly.
      maxWaitMs: 100,
      handler: async (batch) => this.feed.publish(batch.map((m) => m.value).filter((alert) => this.seen.add(alert.id))),
    });
  }
}
