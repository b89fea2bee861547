import { Inject } from '@nestjs/common';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { TrackedTopic } from '@pulse/contracts';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { GatewayResolver } from '../graphql/gateway-resolver.decorator.js';
import type { GatewayContext } from '../graphql/graphql-context.js';
import type { PeriodReport, ReportVoice } from './period-report.model.js';
import { PeriodReportService } from './period-report.service.js';

@GatewayResolver('PeriodReport')
export class PeriodReportResolver {
  constructor(@Inject(PeriodReportService) private readonly reports: PeriodReportService) {}

  @Query('periodReport')
  @RequirePermission('read')
  periodReport(@Args() args: Record<string, unknown>) {
    return this.reports.report(args);
  }

  @ResolveField('topics')
  async topics(@Parent() report: PeriodReport, @Context() ctx: GatewayContext) {
    const topics = await ctx.topics.loadMany(report.topicIds);
    return topics.filter((t): t is TrackedTopic => t !== null && !(t instanceof Error));
  }
}

@Resolver('ReportVoice')
export class ReportVoiceResolver {
  @ResolveField('topic')
  topic(@Parent() voice: ReportVoice, @Context() ctx: GatewayContext) {
    return ctx.topics.load(voice.topicId);
  }
}
