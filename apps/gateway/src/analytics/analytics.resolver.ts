import type { AnalyticsService, WindowArgs } from './analytics.service.js';
import type { TimeInterval, TopicVolume } from './analytics.model.js';
import type { GatewayContext } from '../graphql/graphql-context.js';

type IntervalArgs = WindowArgs & { interval?: TimeInterval | null };
type FilterArgs = { filter?: Record<string, unknown> | null };

export function analyticsResolvers(analytics: AnalyticsService) {
  return {
    Query: {
      sentimentTimeline: (_: unknown, args: IntervalArgs) => analytics.sentimentTimeline(args, args.interval ?? 'DAY'),
      negativeShare: (_: unknown, args: IntervalArgs) => analytics.negativeShare(args, args.interval ?? 'DAY'),
      shareOfVoice: (_: unknown, args: WindowArgs) => analytics.shareOfVoice(args),
      topAuthors: (_: unknown, args: FilterArgs & { limit?: number | null }) => analytics.topAuthors(args.filter, args.limit),
      sourceBreakdown: (_: unknown, args: FilterArgs) => analytics.sourceBreakdown(args.filter),
    },
    TopicVoice: {
      topic: (v: TopicVolume, _: unknown, ctx: GatewayContext) => ctx.topics.load(v.topicId),
    },
  };
}
