import { Inject } from '@nestjs/common';
import { Args, Context, Parent, Query, ResolveField } from '@nestjs/graphql';
import type { ScoredMention } from '@pulse/contracts';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { GatewayResolver } from '../graphql/gateway-resolver.decorator.js';
import type { GatewayContext } from '../graphql/graphql-context.js';
import { MentionService } from './mention.service.js';

interface MentionsArgs {
  filter?: Record<string, unknown> | null;
  first?: number | null;
  after?: string | null;
  orderBy?: string | null;
}

@GatewayResolver('Mention')
export class MentionResolver {
  constructor(@Inject(MentionService) private readonly mentions: MentionService) {}

  @Query('mentions')
  @RequirePermission('read')
  list(@Args() args: MentionsArgs) {
    return this.mentions.list(args.filter, args.first, args.after, args.orderBy);
  }

  @Query('mention')
  @RequirePermission('read')
  one(@Args('id') id: string, @Context() ctx: GatewayContext) {
    return ctx.mentions.load(id);
  }

  @ResolveField('parent')
  parent(@Parent() m: ScoredMention, @Context() ctx: GatewayContext) {
    return m.parentId ? ctx.mentions.load(m.parentId) : null;
  }

  @ResolveField('original')
  original(@Parent() m: ScoredMention, @Context() ctx: GatewayContext) {
    return m.duplicateOf ? ctx.mentions.load(m.duplicateOf) : null;
  }
}
