import type { Logger } from '@pulse/runtime';

interface Subscriber<T> {
  matches: (item: T) => boolean;
  queue: T[];
  dropped: number;
  /** Dropped since the last delivery: reported with the next event so the client knows it has a gap. */
  undisclosed: number;
  wake: (() => void) | undefined;
  closed: boolean;
}

/**
 * Fans items out to live subscriptions, each with a bounded queue: a slow client loses
 * its oldest undelivered items (counted, logged, and disclosed with its next event)
 * instead of slowing the publisher or growing memory without limit. Shared by the
 * mention feed and the alert feed.
 */
export class BoundedFanout<T, E> {
  private readonly subscribers = new Set<Subscriber<T>>();

  constructor(
    private readonly logger: Logger,
    private readonly bufferSize: number,
    /** Names what is dropped, for the log line. */
    private readonly what: string,
    private readonly toEvent: (item: T, droppedBefore: number) => E,
  ) {}

  get size(): number {
    return this.subscribers.size;
  }

  publish(items: readonly T[]): void {
    for (const sub of this.subscribers) {
      for (const item of items) {
        if (!sub.matches(item)) continue;
        if (sub.queue.length >= this.bufferSize) {
          sub.queue.shift();
          sub.dropped++;
          sub.undisclosed++;
          if (sub.dropped === 1 || sub.dropped % this.bufferSize === 0) this.logger.warn({ dropped: sub.dropped }, `slow subscriber: dropping oldest ${this.what}`);
        }
        sub.queue.push(item);
      }
      if (sub.queue.length > 0) sub.wake?.();
    }
  }

  subscribe(matches: (item: T) => boolean): AsyncIterableIterator<E> {
    const sub: Subscriber<T> = { matches, queue: [], dropped: 0, undisclosed: 0, wake: undefined, closed: false };
    this.subscribers.add(sub);
    const close = (): void => {
      sub.closed = true;
      this.subscribers.delete(sub);
      sub.wake?.();
    };
    const iterator: AsyncIterableIterator<E> = {
      next: async () => {
        while (sub.queue.length === 0 && !sub.closed) await new Promise<void>((resolve) => (sub.wake = resolve));
        sub.wake = undefined;
        if (sub.closed) return { done: true, value: undefined };
        const droppedBefore = sub.undisclosed;
        sub.undisclosed = 0;
        return { done: false, value: this.toEvent(sub.queue.shift()!, droppedBefore) };
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
    for (const sub of this.subscribers) {
      sub.closed = true;
      sub.wake?.();
    }
    this.subscribers.clear();
  }
}
