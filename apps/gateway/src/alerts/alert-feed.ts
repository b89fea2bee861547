import { alertTopicIds, type Alert } from '@pulse/contracts';
import type { Logger } from '@pulse/runtime';
import { BoundedFanout } from '../live/bounded-fanout.js';

/** Raised alerts to live subscriptions; a stalled client loses its oldest alerts (they stay in `alerts`). */
export class AlertFeed {
  private readonly fanout: BoundedFanout<Alert, Alert>;

  constructor(logger: Logger, bufferSize = 100) {
    this.fanout = new BoundedFanout(logger, bufferSize, 'alerts', (alert) => alert);
  }

  get size(): number {
    return this.fanout.size;
  }

  publish(alerts: readonly Alert[]): void {
    this.fanout.publish(alerts);
  }

  subscribe(topicIds: readonly string[] | undefined): AsyncIterableIterator<Alert> {
    const wanted = topicIds && topicIds.length > 0 ? new Set(topicIds) : undefined;
    return this.fanout.subscribe((alert) => !wanted || alertTopicIds(alert).some((id) => wanted.has(id)));
  }

  closeAll(): void {
    this.fanout.closeAll();
  }
}
