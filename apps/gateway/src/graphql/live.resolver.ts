import type { ScoredMention } from '@pulse/contracts';
import type { MentionFeed } from '../live/mention-feed.js';
import { parseMentionFilter } from '../mentions/mention-filter.js';

export function liveResolvers(feed: MentionFeed) {
  return {
    Subscription: {
      mentionScored: {
        subscribe: (_: unknown, args: { filter?: Record<string, unknown> | null }) => feed.subscribe(parseMentionFilter(args.filter)),
        resolve: (mention: ScoredMention) => mention,
      },
    },
  };
}
