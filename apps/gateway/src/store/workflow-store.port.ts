import type { AnswerCategory } from '@pulse/intent';
import type { WorkflowRule } from '../rules/rule.model.js';
import type { MentionEvent, MentionEventInput, WorkflowState } from '../workflow/workflow.model.js';

export interface StatsWindow {
  /** Topics to break down; '' in the result is every mention counted once. */
  topicIds: string[];
  from: string;
  to: string;
}

export interface ReactionTimeRow {
  /** '' for all mentions. */
  topicId: string;
  /** Mentions in scope: reply needed (or taken up by someone) and not ignored. */
  inScope: number;
  responded: number;
  resolved: number;
  firstResponseMedianSeconds: number | null;
  firstResponseP90Seconds: number | null;
  resolutionMedianSeconds: number | null;
  resolutionP90Seconds: number | null;
}

export interface HandlingEffectRow {
  topicId: string;
  /** Authors whose mention was first responded to in the window. */
  authors: number;
  beforeTotal: number;
  beforeNegative: number;
  afterTotal: number;
  afterNegative: number;
}

export interface CoverageRow {
  topicId: string;
  requests: number;
  matched: number;
  byCategory: { categoryId: string; matched: number }[];
}

export interface StoredAnswerCategory {
  definition: AnswerCategory;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface ToneFeedbackRecord {
  mentionId: string;
  /** '' for the overall tone. */
  topicId: string;
  label: string;
  previousLabel: string;
  comment: string | null;
  actor: string;
  at: string;
  text: string;
  language: string;
  source: string;
  terms: string[];
  modelId: string;
  modelVersion: string;
}

/** The support workflow's storage: state beside each mention, its history, rules, answers, feedback. */
export interface WorkflowStore {
  getWorkflows(ids: readonly string[]): Promise<(WorkflowState | null)[]>;
  /**
   * Read-modify-write under a row lock, so two agents changing one mention at once both
   * land in order. `change` returns the new state and the history events. Null when the
   * mention does not exist.
   */
  changeWorkflow(
    mentionId: string,
    actor: string,
    at: string,
    change: (current: WorkflowState) => { next: WorkflowState; events: MentionEventInput[] },
  ): Promise<WorkflowState | null>;
  appendEvents(events: readonly (MentionEventInput & { mentionId: string; actor: string; at: string })[]): Promise<void>;
  listEvents(mentionIds: readonly string[]): Promise<MentionEvent[][]>;
  /** Of these ids, those stored whose rule side effects (history, alerts, routing) have not run yet. */
  untriaged(ids: readonly string[]): Promise<string[]>;
  markTriaged(ids: readonly string[], at: string): Promise<void>;
  reactionTimes(window: StatsWindow): Promise<ReactionTimeRow[]>;
  handlingEffect(window: StatsWindow & { windowHours: number }): Promise<HandlingEffectRow[]>;
  answerCoverage(window: StatsWindow): Promise<CoverageRow[]>;

  listRules(): Promise<WorkflowRule[]>;
  upsertRule(rule: WorkflowRule): Promise<void>;
  deleteRule(id: string): Promise<boolean>;

  listAnswerCategories(): Promise<StoredAnswerCategory[]>;
  upsertAnswerCategory(category: StoredAnswerCategory): Promise<void>;
  deleteAnswerCategory(id: string): Promise<boolean>;
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;

  saveToneFeedback(record: ToneFeedbackRecord): Promise<void>;
  toneFeedbackFor(mentionIds: readonly string[]): Promise<ToneFeedbackRecord[][]>;
  /** Oldest first, in pages, for the JSONL export. */
  streamToneFeedback(since: string | undefined, pageSize?: number): AsyncIterable<ToneFeedbackRecord[]>;
}
