import type { ScoredMention } from '@pulse/contracts';
import type { Logger } from '@pulse/runtime';
import { compileMentionFilter } from '../mentions/mention-filter.js';
import { DEFAULT_QUERY_LANGUAGE, type QueryLanguage } from '../query/query-language.port.js';
import type { MentionFilter } from '../store/mention-store.port.js';

/** A delivered mention, with how many were dropped for this subscriber since the previous delivery. */
export interface LiveEvent {
  mention: ScoredMention;
  droppedBefore: number;
}

interface Subscriber {
  matches: (mention: ScoredMention) => boolean;
  queue: ScoredMention[];
  dropped: number;
  /** Dropped since the last delivery: reported with the next event so the client knows it has a gap. */
  undisclosed: number;
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
    private readonly language: QueryLanguage = DEFAULT_QUERY_LANGUAGE,
  ) {}

  get size(): number {
    return this.subscribers.size;
  }

  publish(mentions: readonly ScoredMention[]): void {
    for (const sub of this.subscribers) {
      for (const mention of mentions) {
        if (!sub.matches(mention)) continue;
        if (sub.queue.length >= this.bufferSize) {
          sub.queue.shift();
          sub.dropped++;
          sub.undisclosed++;
          if (sub.dropped === 1 || sub.dropped % 1000 === 0) this.logger.warn({ dropped: sub.dropped }, 'slow subscriber: dropping oldest live mentions');
        }
        sub.queue.push(mention);
      }
      if (sub.queue.length > 0) sub.wake?.();
    }
  }

  subscribe(filter: MentionFilter): AsyncIterableIterator<LiveEvent> {
    const sub: Subscriber = { matches: compileMentionFilter(filter, this.language), queue: [], dropped: 0, undisclosed: 0, wake: undefined, closed: false };
    this.subscribers.add(sub);
    const close = (): void => {
      sub.closed = true;
      this.subscribers.delete(sub);
      sub.wake?.();
    };
    const iterator: AsyncIterableIterator<LiveEvent> = {
      next: async () => {
        while (sub.queue.length === 0 && !sub.closed) await new Promise<void>((resolve) => (sub.wake = resolve));
        sub.wake = undefined;
        if (sub.closed) return { done: true, value: undefined };
        const droppedBefore = sub.undisclosed;
        sub.undisclosed = 0;
        return { done: false, value: { mention: sub.queue.shift()!, droppedBefore } };
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
