import type { ScoredMention } from '@pulse/contracts';
import type { MentionService } from './mention.service.js';
import type { GatewayContext } from '../graphql/graphql-context.js';

interface MentionsArgs {
  filter?: Record<string, unknown> | null;
  first?: number | null;
  after?: string | null;
  orderBy?: string | null;
}

export function mentionResolvers(mentions: MentionService) {
  return {
    Query: {
      mentions: (_: unknown, args: MentionsArgs) => mentions.list(args.filter, args.first, args.after, args.orderBy),
      mention: (_: unknown, args: { id: string }, ctx: GatewayContext) => ctx.mentions.load(args.id),
    },
    Mention: {
      parent: (m: ScoredMention, _: unknown, ctx: GatewayContext) => (m.parentId ? ctx.mentions.load(m.parentId) : null),
      original: (m: ScoredMention, _: unknown, ctx: GatewayContext) => (m.duplicateOf ? ctx.mentions.load(m.duplicateOf) : null),
    },
  };
}
