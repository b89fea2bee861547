import type { Logger } from '@pulse/runtime';
import { BoundedFanout } from './bounded-fanout.js';

/** Items to live subscriptions that ask for some topics (or all), each with a bounded queue. */
export class TopicFeed<T> {
  private readonly fanout: BoundedFanout<T, T>;

  constructor(
    logger: Logger,
    bufferSize: number,
    /** Names what is dropped, for the log line. */
    what: string,
    private readonly topicsOf: (item: T) => readonly string[],
  ) {
    this.fanout = new BoundedFanout(logger, bufferSize, what, (item) => item);
  }

  get size(): number {
    return this.fanout.size;
  }

  publish(items: readonly T[]): void {
    this.fanout.publish(items);
  }

  subscribe(topicIds: readonly string[] | undefined): AsyncIterableIterator<T> {
    const wanted = topicIds && topicIds.length > 0 ? new Set(topicIds) : undefined;
    return this.fanout.subscribe((item) => !wanted || this.topicsOf(item).some((id) => wanted.has(id)));
  }

  closeAll(): void {
    this.fanout.closeAll();
  }
}
