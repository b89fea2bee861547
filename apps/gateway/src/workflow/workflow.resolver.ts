import type { ScoredMention, WorkflowChange } from '@pulse/contracts';
import type { WorkflowFeed } from '../live/workflow-feed.js';
import type { AnswerService } from '../answers/answer.service.js';
import { authorize } from '../auth/permissions.js';
import type { ToneFeedbackRecord } from './tone-feedback.repository.js';
import type { CoverageRow, HandlingEffectRow, ReactionTimeRow } from './workflow-stats.model.js';
import { describeEvent, type MentionEvent, type MentionStatus } from './workflow.model.js';
import type { StatsArgs, WorkflowService } from './workflow.service.js';
import type { GatewayContext } from '../graphql/graphql-context.js';

const share = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const topicIdOrNull = (row: { topicId: string }): string | null => (row.topicId === '' ? null : row.topicId);

export function workflowResolvers(workflow: WorkflowService, answers: AnswerService, feed: WorkflowFeed) {
  const principal = (ctx: GatewayContext) => authorize(ctx.principal, 'handleMentions');
  return {
    Query: {
      reactionTimes: (_: unknown, args: StatsArgs) => workflow.reactionTimes(args),
      handlingEffect: (_: unknown, args: StatsArgs & { windowHours?: number | null }) => workflow.handlingEffect(args),
      answerCoverage: (_: unknown, args: StatsArgs) => workflow.answerCoverage(args),
    },
    Mutation: {
      setMentionStatus: (_: unknown, args: { id: string; status: MentionStatus; note?: string | null }, ctx: GatewayContext) =>
        workflow.change(args.id, { status: args.status, ...(args.note ? { note: args.note } : {}) }, principal(ctx)),
      assignMention: (_: unknown, args: { id: string; assignee?: string | null }, ctx: GatewayContext) =>
        workflow.change(args.id, { assignee: args.assignee ?? null }, principal(ctx)),
      tagMention: (_: unknown, args: { id: string; add?: string[] | null; remove?: string[] | null }, ctx: GatewayContext) =>
        workflow.change(args.id, { addTags: args.add ?? [], removeTags: args.remove ?? [] }, principal(ctx)),
      addMentionNote: (_: unknown, args: { id: string; text: string }, ctx: GatewayContext) => workflow.change(args.id, { note: args.text }, principal(ctx)),
      correctSentiment: (_: unknown, args: { id: string; label: string; topicId?: string | null; comment?: string | null }, ctx: GatewayContext) =>
        workflow.correctTone(args.id, args.label, args.topicId, args.comment, principal(ctx)),
    },
    Subscription: {
      mentionUpdated: {
        subscribe: (_: unknown, args: { topicIds?: string[] | null }) => feed.subscribe(args.topicIds ?? undefined),
        // One context serves the whole subscription: forget what earlier events loaded for this mention.
        resolve: (change: WorkflowChange, _: unknown, ctx: GatewayContext) => {
          ctx.mentions.clear(change.mentionId);
          ctx.workflow.workflow.clear(change.mentionId);
          ctx.workflow.history.clear(change.mentionId);
          ctx.workflow.feedback.clear(change.mentionId);
          return ctx.mentions.load(change.mentionId);
        },
      },
    },
    Mention: {
      intent: (m: ScoredMention) => m.intent ?? null,
      workflow: async (m: ScoredMention, _: unknown, ctx: GatewayContext) =>
        (await ctx.workflow.workflow.load(m.id)) ?? { status: 'new', assignee: null, tags: [], firstResponseAt: null, resolvedAt: null, updatedAt: null },
      suggestedAnswer: async (m: ScoredMention, _: unknown, ctx: GatewayContext) => {
        const topic = m.topicIds[0] ? await ctx.topics.load(m.topicIds[0]) : null;
        const suggestion = await answers.suggest(m, topic?.name);
        return suggestion
          ? { categoryId: suggestion.categoryId, categoryName: suggestion.categoryName, text: suggestion.suggestion, matchedTerms: suggestion.matchedTerms, missingPlaceholders: suggestion.missing, language: suggestion.language }
          : null;
      },
      history: (m: ScoredMention, _: unknown, ctx: GatewayContext) => ctx.workflow.history.load(m.id),
      toneCorrections: (m: ScoredMention, _: unknown, ctx: GatewayContext) => ctx.workflow.feedback.load(m.id),
    },
    MentionEvent: {
      message: (e: MentionEvent) => describeEvent(e),
      note: (e: MentionEvent) => (e.kind === 'note' ? String(e.data.text) : null),
      status: (e: MentionEvent) => (e.kind === 'status' ? e.data.to : null),
      fromStatus: (e: MentionEvent) => (e.kind === 'status' ? e.data.from : null),
      ruleId: (e: MentionEvent) => (e.kind === 'rule' || e.kind === 'route' ? e.data.ruleId : null),
      routeOutcome: (e: MentionEvent) => (e.kind === 'route' ? e.data.outcome : null),
      ticketId: (e: MentionEvent) => (e.kind === 'route' ? (e.data.ticketId ?? null) : null),
    },
    ToneCorrection: {
      topicId: (r: ToneFeedbackRecord) => (r.topicId === '' ? null : r.topicId),
      by: (r: ToneFeedbackRecord) => r.actor,
    },
    ReactionTimeStats: {
      topicId: topicIdOrNull,
      topic: (r: ReactionTimeRow, _: unknown, ctx: GatewayContext) => (r.topicId ? ctx.topics.load(r.topicId) : null),
    },
    HandlingEffect: {
      topicId: topicIdOrNull,
      topic: (r: HandlingEffectRow, _: unknown, ctx: GatewayContext) => (r.topicId ? ctx.topics.load(r.topicId) : null),
      beforeNegativeShare: (r: HandlingEffectRow) => share(r.beforeNegative, r.beforeTotal),
      afterNegativeShare: (r: HandlingEffectRow) => share(r.afterNegative, r.afterTotal),
    },
    AnswerCoverage: {
      topicId: topicIdOrNull,
      topic: (r: CoverageRow, _: unknown, ctx: GatewayContext) => (r.topicId ? ctx.topics.load(r.topicId) : null),
      share: (r: CoverageRow) => share(r.matched, r.requests),
      byCategory: async (r: CoverageRow) =>
        Promise.all(r.byCategory.map(async (c) => ({ categoryId: c.categoryId, matched: c.matched, categoryName: (await answers.categoryName(c.categoryId)) ?? null }))),
    },
  };
}
