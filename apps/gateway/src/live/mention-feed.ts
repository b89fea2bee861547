import type { ScoredMention } from '@pulse/contracts';
import type { Logger } from '@pulse/runtime';
import { matchesFilter } from '../mentions/mention-filter.js';
import type { MentionFilter } from '../store/mention-store.port.js';

interface Subscriber {
  filter: MentionFilter;
  queue: ScoredMention[];
  dropped: number;
  wake: (() => void) | undefined;
  closed: boolean;
}

/**
 * Fans stored mentions out to live subscriptions. Each subscriber has a bounded queue:
 * a slow dashboard loses its oldest undelivered mentions (counted and logged) instead
 * of slowing the consumer or growing memory without limit.
 */
export class MentionFeed {
  private readonly subscribers = new Set<Subscriber>();

  constructor(
    private readonly logger: Logger,
    private readonly bufferSize = 1000,
  ) {}

  get size(): number {
    return this.subscribers.size;
  }

  publish(mentions: readonly ScoredMention[]): void {
    for (const sub of this.subscribers) {
      for (const mention of mentions) {
        if (!matchesFilter(mention, sub.filter)) continue;
        if (sub.queue.length >= this.bufferSize) {
          sub.queue.shift();
          sub.dropped++;
          if (sub.dropped === 1 || sub.dropped % 1000 === 0) this.logger.warn({ dropped: sub.dropped }, 'slow subscriber: dropping oldest live mentions');
        }
        sub.queue.push(mention);
      }
      if (sub.queue.length > 0) sub.wake?.();
    }
  }

  subscribe(filter: MentionFilter): AsyncIterableIterator<ScoredMention> {
    const sub: Subscriber = { filter, queue: [], dropped: 0, wake: undefined, closed: false };
    this.subscribers.add(sub);
    const close = (): void => {
      sub.closed = true;
      this.subscribers.delete(sub);
      sub.wake?.();
    };
    const iterator: AsyncIterableIterator<ScoredMention> = {
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
