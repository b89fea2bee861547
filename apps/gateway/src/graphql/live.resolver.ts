import type { ScoredMention } from '@pulse/contracts';
import type { LiveEvent, MentionFeed } from '../live/mention-feed.js';
import { parseMentionFilter } from '../mentions/mention-filter.js';
import type { QueryLanguage } from '../query/query-language.port.js';
import type { GatewayContext } from './graphql-context.js';

/** Unwraps feed events into mentions, leaving the drop count where the WebSocket server's onNext reads it. */
function mentionsOf(events: AsyncIterableIterator<LiveEvent>, ctx: GatewayContext): AsyncIterableIterator<ScoredMention> {
  const iterator: AsyncIterableIterator<ScoredMention> = {
    next: async () => {
      const result = await events.next();
      if (result.done) return { done: true, value: undefined };
      ctx.live.droppedBefore = result.value.droppedBefore;
      return { done: false, value: result.value.mention };
    },
    return: async () => {
      await events.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

export function liveResolvers(feed: MentionFeed, language: QueryLanguage) {
  return {
    Subscription: {
      mentionScored: {
        subscribe: (_: unknown, args: { filter?: Record<string, unknown> | null }, ctx: GatewayContext) =>
          mentionsOf(feed.subscribe(parseMentionFilter(args.filter, language)), ctx),
        resolve: (mention: ScoredMention) => mention,
      },
    },
  };
}
