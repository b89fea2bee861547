import type { IntentLabel, ScoredMention, SentimentLabel, Source } from '@pulse/contracts';
import type { MentionStatus } from '../workflow/workflow.model.js';

/** Filter semantics shared by queries, subscriptions and (later) export: one definition. */
export interface MentionFilter {
  topicIds?: string[];
  sentiments?: SentimentLabel[];
  sources?: Source[];
  languages?: string[];
  /** Inclusive lower bound on publishedAt (ISO 8601). */
  from?: string;
  /** Exclusive upper bound on publishedAt (ISO 8601). */
  to?: string;
  /** Full-text query (Russian and English stemming), web-search syntax: words, "phrases", -exclusions, OR. */
  search?: string;
  authorHandle?: string;
  /** Include mentions scored as spam (spam.score ≥ 0.5); default false. */
  includeSpam?: boolean;
  /** Include copies of earlier mentions (duplicateOf set); default false. */
  includeDuplicates?: boolean;
  intents?: IntentLabel[];
  replyNeeded?: boolean;
  /** Workflow fields: stored beside the mention, so the store filters them but the live feed cannot. */
  statuses?: MentionStatus[];
  /** Case-insensitive. */
  assignee?: string;
  unassigned?: boolean;
  /** Mentions carrying any of these tags. */
  tags?: string[];
}

/** A new mention's workflow columns, written with its insert. */
export interface InitialWorkflow {
  status: MentionStatus;
  assignee: string | null;
  tags: string[];
  answerCategoryId: string | null;
  /** False when rule side effects (history, notify, routing) still have to run after the insert. */
  triaged: boolean;
}

/** Filter fields that live outside the mention's payload (see 0003-workflow). */
export const WORKFLOW_FILTER_FIELDS = ['statuses', 'assignee', 'unassigned', 'tags'] as const;

/** Spam at or above this score is hidden from default queries and left out of rollups (see 0002-analytics). */
export { SPAM_THRESHOLD } from '@pulse/contracts';

export type MentionOrder = 'NEWEST_FIRST' | 'OLDEST_FIRST';

/** Keyset position in the newest-first ordering (publishedAt desc, id desc). */
export interface MentionCursor {
  publishedAt: string;
  id: string;
}

export interface MentionPage {
  items: ScoredMention[];
  /** Exact when `totalCountIsExact`, else an estimate above the exact-count cap (see mention-count.ts). */
  totalCount: number;
  totalCountIsExact: boolean;
  hasNextPage: boolean;
}

export interface UpsertResult {
  /** Mentions seen for the first time. */
  inserted: number;
  /** Their ids. */
  insertedIds: string[];
  /** Re-deliveries or re-scorings of mentions already stored. */
  updated: number;
}
