import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Subscription } from '@nestjs/graphql';
import type { ScoredMention, WorkflowChange } from '@pulse/contracts';
import { AnswerService } from '../answers/answer.service.js';
import { authorize } from '../auth/permissions.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { GatewayResolver } from '../graphql/gateway-resolver.decorator.js';
import type { GatewayContext } from '../graphql/graphql-context.js';
import { WorkflowFeed } from '../live/workflow-feed.js';
import type { MentionStatus } from './workflow.model.js';
import { WorkflowService, type StatsArgs } from './workflow.service.js';

const NEW_WORKFLOW = { status: 'new', assignee: null, tags: [], firstResponseAt: null, resolvedAt: null, updatedAt: null };

/** The support team's actions and figures, and the workflow side of a Mention. */
@GatewayResolver('Mention')
export class WorkflowResolver {
  constructor(
    @Inject(WorkflowService) private readonly workflow: WorkflowService,
    @Inject(AnswerService) private readonly answers: AnswerService,
    @Inject(WorkflowFeed) private readonly feed: WorkflowFeed,
  ) {}

  @Query('reactionTimes')
  @RequirePermission('read')
  reactionTimes(@Args() args: StatsArgs) {
    return this.workflow.reactionTimes(args);
  }

  @Query('handlingEffect')
  @RequirePermission('read')
  handlingEffect(@Args() args: StatsArgs & { windowHours?: number | null }) {
    return this.workflow.handlingEffect(args);
  }

  @Query('answerCoverage')
  @RequirePermission('read')
  answerCoverage(@Args() args: StatsArgs) {
    return this.workflow.answerCoverage(args);
  }

  @Mutation('setMentionStatus')
  @RequirePermission('handleMentions')
  setStatus(@Args() args: { id: string; status: MentionStatus; note?: string | null }, @Context() ctx: GatewayContext) {
    return this.workflow.change(args.id, { status: args.status, ...(args.note ? { note: args.note } : {}) }, actor(ctx));
  }

  @Mutation('assignMention')
  @RequirePermission('handleMentions')
  assign(@Args() args: { id: string; assignee?: string | null }, @Context() ctx: GatewayContext) {
    return this.workflow.change(args.id, { assignee: args.assignee ?? null }, actor(ctx));
  }

  @Mutation('tagMention')
  @RequirePermission('handleMentions')
  tag(@Args() args: { id: string; add?: string[] | null; remove?: string[] | null }, @Context() ctx: GatewayContext) {
    return this.workflow.change(args.id, { addTags: args.add ?? [], removeTags: args.remove ?? [] }, actor(ctx));
  }

  @Mutation('addMentionNote')
  @RequirePermission('handleMentions')
  note(@Args() args: { id: string; text: string }, @Context() ctx: GatewayContext) {
    return this.workflow.change(args.id, { note: args.text }, actor(ctx));
  }

  @Mutation('correctSentiment')
  @RequirePermission('handleMentions')
  correctSentiment(@Args() args: { id: string; label: string; topicId?: string | null; comment?: string | null }, @Context() ctx: GatewayContext) {
    return this.workflow.correctTone(args.id, args.label, args.topicId, args.comment, actor(ctx));
  }

  @Subscription('mentionUpdated', {
    // One context serves the whole subscription: forget what earlier events loaded for this mention.
    resolve: (change: WorkflowChange, _args: unknown, ctx: GatewayContext) => {
      ctx.mentions.clear(change.mentionId);
      ctx.workflow.workflow.clear(change.mentionId);
      ctx.workflow.history.clear(change.mentionId);
      ctx.workflow.feedback.clear(change.mentionId);
      ctx.replies.byMention.clear(change.mentionId);
      return ctx.mentions.load(change.mentionId);
    },
  })
  @RequirePermission('subscribe')
  mentionUpdated(@Args('topicIds') topicIds?: string[] | null) {
    return this.feed.subscribe(topicIds ?? undefined);
  }

  @ResolveField('intent')
  intent(@Parent() m: ScoredMention) {
    return m.intent ?? null;
  }

  @ResolveField('workflow')
  async workflowState(@Parent() m: ScoredMention, @Context() ctx: GatewayContext) {
    return (await ctx.workflow.workflow.load(m.id)) ?? NEW_WORKFLOW;
  }

  @ResolveField('suggestedAnswer')
  async suggestedAnswer(@Parent() m: ScoredMention, @Context() ctx: GatewayContext) {
    const topic = m.topicIds[0] ? await ctx.topics.load(m.topicIds[0]) : null;
    const suggestion = await this.answers.suggest(m, topic?.name);
    return suggestion
      ? { categoryId: suggestion.categoryId, categoryName: suggestion.categoryName, text: suggestion.suggestion, matchedTerms: suggestion.matchedTerms, missingPlaceholders: suggestion.missing, language: suggestion.language }
      : null;
  }

  @ResolveField('history')
  history(@Parent() m: ScoredMention, @Context() ctx: GatewayContext) {
    return ctx.workflow.history.load(m.id);
  }

  @ResolveField('toneCorrections')
  toneCorrections(@Parent() m: ScoredMention, @Context() ctx: GatewayContext) {
    return ctx.workflow.feedback.load(m.id);
  }
}

/** The workflow is changed in the name of the key's holder; the guard already checked the role. */
function actor(ctx: GatewayContext) {
  return authorize(ctx.principal, 'handleMentions');
}
