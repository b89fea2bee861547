import { SENTIMENT_LABELS, TOPICS, type ScoredMention, type SentimentLabel, type WorkflowChange as WireWorkflowChange } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { Logger } from '@pulse/runtime';
import DataLoader from 'dataloader';
import { GatewayError, storeCall } from '../errors/gateway.errors.js';
import type { Principal } from '../auth/permissions.js';
import type { MentionService } from '../mentions/mention.service.js';
import type { ToneFeedbackRecord, ToneFeedbackRepository } from './tone-feedback.repository.js';

/** The tone-correction record other modules read (export), without reaching into the repository. */
export type { ToneFeedbackRecord } from './tone-feedback.repository.js';
import type { CoverageRow, HandlingEffectRow, ReactionTimeRow, StatsWindow } from './workflow-stats.model.js';
import type { WorkflowStatsRepository } from './workflow-stats.repository.js';
import type { WorkflowRepository } from './workflow.repository.js';
import {
  MAX_ASSIGNEE_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MENTION_STATUSES,
  applyChange,
  type MentionEvent,
  type ReplyNote,
  type WorkflowChange,
  type WorkflowState,
  wireChange,
} from './workflow.model.js';

const MAX_STATS_TOPICS = 100;
const MAX_WINDOW_HOURS = 24 * 90;
const MAX_COMMENT_LENGTH = 1_000;

export interface StatsArgs {
  topicIds?: string[] | null;
  from: string;
  to: string;
}

/**
 * The support team's actions on mentions (status, assignee, tags, notes, tone corrections)
 * and the figures they report: reaction times, negative share before and after handling,
 * typical-answer coverage.
 */
export class WorkflowService {
  constructor(
    private readonly store: WorkflowRepository,
    private readonly stats: WorkflowStatsRepository,
    private readonly feedback: ToneFeedbackRepository,
    private readonly mentions: Pick<MentionService, 'getMentions'>,
    private readonly activeTopicIds: () => Promise<string[]>,
    private readonly clock: () => number = Date.now,
    private readonly broadcast?: { bus: Pick<Bus, 'publish'>; logger: Logger },
  ) {}

  loaders(): {
    workflow: DataLoader<string, WorkflowState | null>;
    history: DataLoader<string, MentionEvent[]>;
    feedback: DataLoader<string, ToneFeedbackRecord[]>;
  } {
    return {
      workflow: new DataLoader((ids: readonly string[]) => storeCall(() => this.store.getWorkflows(ids)), { maxBatchSize: 500 }),
      history: new DataLoader((ids: readonly string[]) => storeCall(() => this.store.listEvents(ids)), { maxBatchSize: 200 }),
      feedback: new DataLoader((ids: readonly string[]) => storeCall(() => this.feedback.toneFeedbackFor(ids)), { maxBatchSize: 200 }),
    };
  }

  async change(mentionId: string, change: WorkflowChange, principal: Principal): Promise<ScoredMention> {
    validateChange(change);
    const at = new Date(this.clock()).toISOString();
    const state = await storeCall(() => this.store.changeWorkflow(mentionId, principal.keyName, at, (current) => applyChange(current, change, at, { human: true })));
    if (state === null) throw new GatewayError('NOT_FOUND', `no mention "${mentionId}"`, { field: 'id' });
    const mention = await this.mention(mentionId);
    if (state.updatedAt === at) await this.announce(wireChange(state, mention.topicIds, principal.keyName, at));
    return mention;
  }

  /**
   * A change a person made in the past, stamped `at`: its history events and reaction times read
   * as if it was made then. For hosts only — the embedded demo's support agents handling the
   * backfilled history; the API never takes a time (every change there is stamped by the clock),
   * so no key can rewrite a team's figures. `at` may not lie in the future, before the mention
   * was collected (a negative reaction time) or before its last recorded change (history in order).
   */
  async changeAt(mentionId: string, change: WorkflowChange, actor: string, at: string): Promise<WorkflowState> {
    validateChange(change);
    const time = Date.parse(at);
    if (Number.isNaN(time) || time > this.clock()) throw new GatewayError('INVALID_ARGUMENT', 'at must be an ISO 8601 date-time not in the future', { field: 'at' });
    const mention = await this.mention(mentionId);
    if (time < Date.parse(mention.collectedAt)) throw new GatewayError('INVALID_ARGUMENT', `at is before mention "${mentionId}" was collected`, { field: 'at' });
    const stamp = new Date(time).toISOString();
    let lastChange: string | null = null;
    const state = await storeCall(() =>
      this.store.changeWorkflow(mentionId, actor, stamp, (current) => {
        if (current.updatedAt !== null && Date.parse(current.updatedAt) > time) {
          lastChange = current.updatedAt;
          return { next: current, events: [] };
        }
        return applyChange(current, change, stamp, { human: true });
      }),
    );
    if (state === null) throw new GatewayError('NOT_FOUND', `no mention "${mentionId}"`, { field: 'id' });
    if (lastChange !== null) throw new GatewayError('INVALID_ARGUMENT', `at is before the last change of mention "${mentionId}" (${lastChange})`, { field: 'at' });
    if (state.updatedAt === stamp) await this.announce(wireChange(state, mention.topicIds, actor, stamp));
    return state;
  }

  /**
   * A reply posted in the channel or an answer given elsewhere (src/replies), as a response:
   * its history event, the first response and `new` → `in_progress`, announced like any change.
   */
  recordReply(mentionId: string, reply: ReplyNote, principal: Principal): Promise<ScoredMention> {
    return this.change(mentionId, { reply }, principal);
  }

  /** Best effort: the change is stored; a missed broadcast only leaves other dashboards stale until they reload. */
  private async announce(change: WireWorkflowChange): Promise<void> {
    if (!this.broadcast) return;
    try {
      await this.broadcast.bus.publish(TOPICS.workflow, [change]);
    } catch (error) {
      this.broadcast.logger.warn({ err: error, mentionId: change.mentionId }, `could not publish the workflow change to ${TOPICS.workflow}`);
    }
  }

  /**
   * Stores an analyst's tone (overall, or toward one of the mention's topics) as training
   * data; the mention's scored tone is left as the model said, so analytics stay comparable
   * across model versions.
   */
  async correctTone(mentionId: string, label: string, topicId: string | null | undefined, comment: string | null | undefined, principal: Principal): Promise<ScoredMention> {
    if (!(SENTIMENT_LABELS as readonly string[]).includes(label)) throw new GatewayError('INVALID_ARGUMENT', `label must be one of ${SENTIMENT_LABELS.join(', ')}`, { field: 'label' });
    if (comment && comment.length > MAX_COMMENT_LENGTH) throw new GatewayError('INVALID_ARGUMENT', `comment is limited to ${MAX_COMMENT_LENGTH} characters`, { field: 'comment' });
    const mention = await this.mention(mentionId);
    let previous: SentimentLabel = mention.sentiment.label;
    let terms: string[] = [];
    if (topicId) {
      if (!mention.topicIds.includes(topicId)) throw new GatewayError('INVALID_ARGUMENT', `mention "${mentionId}" is not about topic "${topicId}"`, { field: 'topicId' });
      previous = mention.sentiment.byTopic.find((t) => t.topicId === topicId)?.label ?? previous;
      terms = mention.matches.find((m) => m.topicId === topicId)?.terms ?? [];
    }
    const at = new Date(this.clock()).toISOString();
    await storeCall(async () => {
      await this.feedback.saveToneFeedback({
        mentionId,
        topicId: topicId ?? '',
        label,
        previousLabel: previous,
        comment: comment?.trim() || null,
        actor: principal.keyName,
        at,
        text: mention.text,
        language: mention.language,
        source: mention.source,
        terms,
        modelId: mention.model.id,
        modelVersion: mention.model.version,
      });
      await this.store.appendEvents([
        { mentionId, actor: principal.keyName, at, kind: 'feedback', data: { topicId: topicId ?? null, label, previous, comment: comment?.trim() || null } },
      ]);
    });
    return mention;
  }

  /** Oldest first, in pages, for the JSONL export. */
  streamToneFeedback(since: string | undefined): AsyncIterable<ToneFeedbackRecord[]> {
    return this.feedback.streamToneFeedback(since);
  }

  async reactionTimes(args: StatsArgs): Promise<ReactionTimeRow[]> {
    const window = await this.window(args);
    return storeCall(() => this.stats.reactionTimes(window));
  }

  async handlingEffect(args: StatsArgs & { windowHours?: number | null }): Promise<HandlingEffectRow[]> {
    const windowHours = args.windowHours ?? 168;
    if (!Number.isInteger(windowHours) || windowHours < 1 || windowHours > MAX_WINDOW_HOURS) {
      throw new GatewayError('INVALID_ARGUMENT', `windowHours must be 1 to ${MAX_WINDOW_HOURS}`, { field: 'windowHours' });
    }
    const window = await this.window(args);
    return storeCall(() => this.stats.handlingEffect({ ...window, windowHours }));
  }

  async answerCoverage(args: StatsArgs): Promise<CoverageRow[]> {
    const window = await this.window(args);
    return storeCall(() => this.stats.answerCoverage(window));
  }

  private async window(args: StatsArgs): Promise<StatsWindow> {
    for (const field of ['from', 'to'] as const) {
      if (Number.isNaN(Date.parse(args[field]))) throw new GatewayError('INVALID_ARGUMENT', `${field} must be an ISO 8601 date-time`, { field });
    }
    if (Date.parse(args.from) >= Date.parse(args.to)) throw new GatewayError('INVALID_ARGUMENT', 'from must be earlier than to', { field: 'from' });
    const topicIds = args.topicIds?.length ? [...new Set(args.topicIds)] : await this.activeTopicIds();
    if (topicIds.length > MAX_STATS_TOPICS) throw new GatewayError('INVALID_ARGUMENT', `at most ${MAX_STATS_TOPICS} topics`, { field: 'topicIds' });
    return { topicIds, from: args.from, to: args.to };
  }

  private async mention(id: string): Promise<ScoredMention> {
    const [mention] = await this.mentions.getMentions([id]);
    if (!mention) throw new GatewayError('NOT_FOUND', `no mention "${id}"`, { field: 'id' });
    return mention;
  }
}

function validateChange(change: WorkflowChange): void {
  if (change.status !== undefined && !(MENTION_STATUSES as readonly string[]).includes(change.status)) {
    throw new GatewayError('INVALID_ARGUMENT', `status must be one of ${MENTION_STATUSES.join(', ')}`, { field: 'status' });
  }
  if (typeof change.assignee === 'string' && change.assignee.length > MAX_ASSIGNEE_LENGTH) {
    throw new GatewayError('INVALID_ARGUMENT', `assignee is limited to ${MAX_ASSIGNEE_LENGTH} characters`, { field: 'assignee' });
  }
  for (const field of ['addTags', 'removeTags'] as const) {
    const tags = change[field] ?? [];
    if (tags.length > MAX_TAGS) throw new GatewayError('INVALID_ARGUMENT', `at most ${MAX_TAGS} tags at once`, { field });
    if (tags.some((t) => t.length > MAX_TAG_LENGTH)) throw new GatewayError('INVALID_ARGUMENT', `tags are limited to ${MAX_TAG_LENGTH} characters`, { field });
  }
  if (change.note !== undefined && (change.note.trim() === '' || change.note.length > MAX_NOTE_LENGTH)) {
    throw new GatewayError('INVALID_ARGUMENT', `note must be 1 to ${MAX_NOTE_LENGTH} characters`, { field: 'note' });
  }
}
