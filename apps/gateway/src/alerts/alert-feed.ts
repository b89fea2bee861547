import type { Alert } from '@pulse/alerting';
import type { Logger } from '@pulse/runtime';

interface Subscriber {
  matches: (alert: Alert) => boolean;
  queue: Alert[];
  dropped: number;
  wake: (() => void) | undefined;
  closed: boolean;
}

/** The topics an alert concerns: a spike has one, a leak those its mention matched. */
export function alertTopicIds(alert: Alert): readonly string[] {
  return alert.kind === 'spike' ? [alert.topicId] : alert.topicIds;
}

/**
 * Fans raised alerts out to live subscriptions with a bounded queue per subscriber, as the
 * mention feed does: a stalled client loses its oldest alerts (they stay in `alerts`)
 * instead of holding memory.
 */
export class AlertFeed {
  private readonly subscribers = new Set<Subscriber>();

  constructor(
    private readonly logger: Logger,
    private readonly bufferSize = 100,
  ) {}

  get size(): number {
    return this.subscribers.size;
  }

  publish(alerts: readonly Alert[]): void {
    for (const sub of this.subscribers) {
      for (const alert of alerts) {
        if (!sub.matches(alert)) continue;
        if (sub.queue.length >= this.bufferSize) {
          sub.queue.shift();
          sub.dropped++;
          if (sub.dropped === 1 || sub.dropped % 100 === 0) this.logger.warn({ dropped: sub.dropped }, 'slow alert subscriber: dropping oldest alerts');
        }
        sub.queue.push(alert);
      }
      if (sub.queue.length > 0) sub.wake?.();
    }
  }

  subscribe(topicIds: readonly string[] | undefined): AsyncIterableIterator<Alert> {
    const wanted = topicIds && topicIds.length > 0 ? new Set(topicIds) : undefined;
    const sub: Subscriber = {
      matches: (alert) => !wanted || alertTopicIds(alert).some((id) => wanted.has(id)),
      queue: [],
      dropped: 0,
      wake: undefined,
      closed: false,
    };
    this.subscribers.add(sub);
    const close = (): void => {
      sub.closed = true;
      this.subscribers.delete(sub);
      sub.wake?.();
    };
    const iterator: AsyncIterableIterator<Alert> = {
      next: async () => {
        while (sub.queue.length === 0 && !sub.closed) await new Promise<void>((resolve) => (sub.wake = resolve));
        sub.wake = undefined;
        if (sub.closed) return { done: true, value: undefined };
        return { done: false, value: sub.queue.shift()! };
      },
      return: async () => {
        close();
        return { done: true, value: undefined };
      },
      throw: async (error?: unknown) => {
        close();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  closeAll(): void {
    for (const sub of [...this.subscribers]) {
      sub.closed = true;
      this.subscribers.delete(sub);
      sub.wake?.();
    }
  }
}
