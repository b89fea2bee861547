import { Inject } from '@nestjs/common';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { GatewayResolver } from '../graphql/gateway-resolver.decorator.js';
import type { GatewayContext } from '../graphql/graphql-context.js';
import type { TimeInterval, TopicVolume } from './analytics.model.js';
import { AnalyticsService, type WindowArgs } from './analytics.service.js';

type IntervalArgs = WindowArgs & { interval?: TimeInterval | null };
type FilterArgs = { filter?: Record<string, unknown> | null };

@GatewayResolver()
export class AnalyticsResolver {
  constructor(@Inject(AnalyticsService) private readonly analytics: AnalyticsService) {}

  @Query('sentimentTimeline')
  @RequirePermission('read')
  sentimentTimeline(@Args() args: IntervalArgs) {
    return this.analytics.sentimentTimeline(args, args.interval ?? 'DAY');
  }

  @Query('negativeShare')
  @RequirePermission('read')
  negativeShare(@Args() args: IntervalArgs) {
    return this.analytics.negativeShare(args, args.interval ?? 'DAY');
  }

  @Query('shareOfVoice')
  @RequirePermission('read')
  shareOfVoice(@Args() args: WindowArgs) {
    return this.analytics.shareOfVoice(args);
  }

  @Query('topAuthors')
  @RequirePermission('read')
  topAuthors(@Args() args: FilterArgs & { limit?: number | null }) {
    return this.analytics.topAuthors(args.filter, args.limit);
  }

  @Query('sourceBreakdown')
  @RequirePermission('read')
  sourceBreakdown(@Args() args: FilterArgs) {
    return this.analytics.sourceBreakdown(args.filter);
  }
}

@Resolver('TopicVoice')
export class TopicVoiceResolver {
  @ResolveField('topic')
  topic(@Parent() v: TopicVolume, @Context() ctx: GatewayContext) {
    return ctx.topics.load(v.topicId);
  }
}
