import type { ScoredMention } from '@pulse/contracts';
import { Inject } from '@nestjs/common';
import { Args, Context, Subscription } from '@nestjs/graphql';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { GatewayResolver } from '../graphql/gateway-resolver.decorator.js';
import { MentionFeed, type LiveEvent } from './mention-feed.js';
import { parseMentionFilter } from '../mentions/mention-filter.js';
import { GatewayError } from '../errors/gateway.errors.js';
import { WORKFLOW_FILTER_FIELDS } from '../mentions/mention.model.js';
import type { GatewayContext } from '../graphql/graphql-context.js';

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

@GatewayResolver()
export class LiveResolver {
  constructor(@Inject(MentionFeed) private readonly feed: MentionFeed) {}

  @Subscription('mentionScored', { resolve: (mention: ScoredMention) => mention })
  @RequirePermission('subscribe')
  mentionScored(@Args('filter') filterInput: Record<string, unknown> | null | undefined, @Context() ctx: GatewayContext) {
    const filter = parseMentionFilter(filterInput);
    // A new mention's workflow is set by rules after it is published live; filtering on it here would promise what the feed cannot keep.
    const field = WORKFLOW_FILTER_FIELDS.find((name) => filter[name] !== undefined);
    if (field) throw new GatewayError('INVALID_ARGUMENT', `filter.${field} is not available on subscriptions (workflow fields change after delivery); query mentions instead`, { field: `filter.${field}` });
    return mentionsOf(this.feed.subscribe(filter), ctx);
  }
}
