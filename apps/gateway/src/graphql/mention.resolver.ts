import type { MentionService } from '../mentions/mention.service.js';

interface MentionsArgs {
  filter?: Record<string, unknown> | null;
  first?: number | null;
  after?: string | null;
}

export function mentionResolvers(mentions: MentionService) {
  return {
    Query: {
      mentions: (_: unknown, args: MentionsArgs) => mentions.list(args.filter, args.first, args.after),
      mention: (_: unknown, args: { id: string }) => mentions.get(args.id),
    },
  };
}
