import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AnswerService } from '../answers/answer.service.js';
import type { GatewayContext } from '../graphql/graphql-context.js';
import type { ToneFeedbackRecord } from './tone-feedback.repository.js';
import type { CoverageRow, HandlingEffectRow, ReactionTimeRow } from './workflow-stats.model.js';
import { describeEvent, type MentionEvent } from './workflow.model.js';

const share = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const topicIdOrNull = (row: { topicId: string }): string | null => (row.topicId === '' ? null : row.topicId);
const topicOf = (row: { topicId: string }, ctx: GatewayContext) => (row.topicId ? ctx.topics.load(row.topicId) : null);

@Resolver('MentionEvent')
export class MentionEventResolver {
  @ResolveField('message')
  message(@Parent() e: MentionEvent) {
    return describeEvent(e);
  }

  @ResolveField('note')
  note(@Parent() e: MentionEvent) {
    return e.kind === 'note' ? String(e.data.text) : null;
  }

  @ResolveField('status')
  status(@Parent() e: MentionEvent) {
    return e.kind === 'status' ? e.data.to : null;
  }

  @ResolveField('fromStatus')
  fromStatus(@Parent() e: MentionEvent) {
    return e.kind === 'status' ? e.data.from : null;
  }

  @ResolveField('ruleId')
  ruleId(@Parent() e: MentionEvent) {
    return e.kind === 'rule' || e.kind === 'route' ? e.data.ruleId : null;
  }

  @ResolveField('routeOutcome')
  routeOutcome(@Parent() e: MentionEvent) {
    return e.kind === 'route' ? e.data.outcome : null;
  }

  @ResolveField('ticketId')
  ticketId(@Parent() e: MentionEvent) {
    return e.kind === 'route' ? (e.data.ticketId ?? null) : null;
  }

  @ResolveField('replyId')
  replyId(@Parent() e: MentionEvent) {
    return e.kind === 'reply' ? e.data.replyId : null;
  }

  @ResolveField('url')
  url(@Parent() e: MentionEvent) {
    return e.kind === 'reply' ? (e.data.url ?? null) : null;
  }
}

@Resolver('ToneCorrection')
export class ToneCorrectionResolver {
  @ResolveField('topicId')
  topicId(@Parent() r: ToneFeedbackRecord) {
    return r.topicId === '' ? null : r.topicId;
  }

  @ResolveField('by')
  by(@Parent() r: ToneFeedbackRecord) {
    return r.actor;
  }
}

@Resolver('ReactionTimeStats')
export class ReactionTimeStatsResolver {
  @ResolveField('topicId')
  topicId(@Parent() r: ReactionTimeRow) {
    return topicIdOrNull(r);
  }

  @ResolveField('topic')
  topic(@Parent() r: ReactionTimeRow, @Context() ctx: GatewayContext) {
    return topicOf(r, ctx);
  }
}

@Resolver('HandlingEffect')
export class HandlingEffectResolver {
  @ResolveField('topicId')
  topicId(@Parent() r: HandlingEffectRow) {
    return topicIdOrNull(r);
  }

  @ResolveField('topic')
  topic(@Parent() r: HandlingEffectRow, @Context() ctx: GatewayContext) {
    return topicOf(r, ctx);
  }

  @ResolveField('beforeNegativeShare')
  before(@Parent() r: HandlingEffectRow) {
    return share(r.beforeNegative, r.beforeTotal);
  }

  @ResolveField('afterNegativeShare')
  after(@Parent() r: HandlingEffectRow) {
    return share(r.afterNegative, r.afterTotal);
  }
}

@Resolver('AnswerCoverage')
export class AnswerCoverageResolver {
  constructor(@Inject(AnswerService) private readonly answers: AnswerService) {}

  @ResolveField('topicId')
  topicId(@Parent() r: CoverageRow) {
    return topicIdOrNull(r);
  }

  @ResolveField('topic')
  topic(@Parent() r: CoverageRow, @Context() ctx: GatewayContext) {
    return topicOf(r, ctx);
  }

  @ResolveField('share')
  share(@Parent() r: CoverageRow) {
    return share(r.matched, r.requests);
  }

  @ResolveField('byCategory')
  byCategory(@Parent() r: CoverageRow) {
    return Promise.all(r.byCategory.map(async (c) => ({ categoryId: c.categoryId, matched: c.matched, categoryName: (await this.answers.categoryName(c.categoryId)) ?? null })));
  }
}
