import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { ScoredMention } from '@pulse/contracts';
import { authorize } from '../auth/permissions.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { GatewayResolver } from '../graphql/gateway-resolver.decorator.js';
import type { GatewayContext } from '../graphql/graphql-context.js';
import { ChannelRegistry, publicAccount } from './channels/channel.registry.js';
import type { ReplyRecord } from './reply.model.js';
import { ReplyService } from './reply.service.js';

/** Replying to a mention in its channel, and the reply side of a Mention. */
@GatewayResolver('Mention')
export class ReplyResolver {
  constructor(@Inject(ReplyService) private readonly replies: ReplyService) {}

  @Query('replyAccounts')
  @RequirePermission('read')
  replyAccounts() {
    return this.replies.accounts();
  }

  @Mutation('replyToMention')
  @RequirePermission('handleMentions')
  replyToMention(@Args() args: { id: string; text: string; account: string; idempotencyKey?: string | null }, @Context() ctx: GatewayContext) {
    return this.replies.reply({ mentionId: args.id, text: args.text, accountId: args.account, idempotencyKey: args.idempotencyKey ?? null }, authorize(ctx.principal, 'handleMentions'));
  }

  @Mutation('markMentionAnsweredElsewhere')
  @RequirePermission('handleMentions')
  answeredElsewhere(@Args() args: { id: string; url: string; note?: string | null }, @Context() ctx: GatewayContext) {
    return this.replies.answeredElsewhere({ mentionId: args.id, url: args.url, note: args.note ?? null }, authorize(ctx.principal, 'handleMentions'));
  }

  @ResolveField('replies')
  repliesOf(@Parent() m: ScoredMention, @Context() ctx: GatewayContext) {
    return ctx.replies.byMention.load(m.id);
  }

  @ResolveField('replyOptions')
  replyOptions(@Parent() m: ScoredMention) {
    return this.replies.options(m);
  }
}

@Resolver('MentionReply')
export class MentionReplyResolver {
  constructor(@Inject(ChannelRegistry) private readonly channels: ChannelRegistry) {}

  @ResolveField('account')
  account(@Parent() r: ReplyRecord) {
    if (r.accountId === null) return null;
    const configured = this.channels.account(r.accountId);
    // An account removed from the configuration since: still say who it was.
    return configured ? publicAccount(configured) : { id: r.accountId, name: r.accountName ?? r.accountId, source: r.source, handle: null, topicIds: [] };
  }

  @ResolveField('by')
  by(@Parent() r: ReplyRecord) {
    return r.actor;
  }
}
