import type { ScoredMention } from '@pulse/contracts';
import type { Logger } from '@pulse/runtime';
import { compileMentionFilter } from '../mentions/mention-filter.js';
import type { MentionFilter } from '../mentions/mention.model.js';
import { BoundedFanout } from './bounded-fanout.js';

/** A delivered mention, with how many were dropped for this subscriber since the previous delivery. */
export interface LiveEvent {
  mention: ScoredMention;
  droppedBefore: number;
}

/** Stored mentions to live subscriptions, each filtered server-side with the query semantics. */
export class MentionFeed {
  private readonly fanout: BoundedFanout<ScoredMention, LiveEvent>;

  constructor(
    logger: Logger,
    bufferSize = 1000,
  ) {
    this.fanout = new BoundedFanout(logger, bufferSize, 'live mentions', (mention, droppedBefore) => ({ mention, droppedBefore }));
  }

  get size(): number {
    return this.fanout.size;
  }

  publish(mentions: readonly ScoredMention[]): void {
    this.fanout.publish(mentions);
  }

  subscribe(filter: MentionFilter): AsyncIterableIterator<LiveEvent> {
    return this.fanout.subscribe(compileMentionFilter(filter));
  }

  closeAll(): void {
    this.fanout.closeAll();
  }
}
