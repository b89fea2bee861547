import type { MentionStatus } from '../workflow/workflow.model.js';
import type { ApiKeyRecord, IntentLabel, ScoredMention, SentimentLabel, Source, TrackedTopic } from '@pulse/contracts';

export interface StoredApiKey extends ApiKeyRecord {
  lastUsedAt: string | null;
}

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
export const SPAM_THRESHOLD = 0.5;

export type MentionOrder = 'NEWEST_FIRST' | 'OLDEST_FIRST';

export type TimeInterval = 'HOUR' | 'DAY' | 'WEEK';

/** Analytics over rollups: hour-granular, listed mentions only (what default queries show). */
export interface RollupWindow {
  /** Empty or absent: every listed mention, counted once. */
  topicIds?: string[];
  /** Inclusive; rounded down to the hour. */
  from: string;
  /** Exclusive; rounded up to the hour. */
  to: string;
}

export interface ToneCounts {
  negative: number;
  neutral: number;
  positive: number;
  total: number;
}

export interface TimelineBucket extends ToneCounts {
  /** Start of the bucket (UTC; weeks start on Monday). */
  start: string;
}

export interface TopicVolume extends ToneCounts {
  topicId: string;
}

export interface AuthorStats extends ToneCounts {
  source: Source;
  authorId: string;
  handle: string;
  name: string;
  followers: number | null;
}

export interface SourceStats extends ToneCounts {
  source: Source;
}

/** Keyset position in the newest-first ordering (publishedAt desc, id desc). */
export interface MentionCursor {
  publishedAt: string;
  id: string;
}

export interface MentionPage {
  items: ScoredMention[];
  totalCount: number;
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

/** The gateway's storage port: PGlite in embedded mode, PostgreSQL in distributed mode, one SQL code path. */
export interface MentionStore {
  /** Applies pending versioned migrations; safe to call on every start. */
  migrate(): Promise<void>;
  /**
   * `initial` is each mention's workflow as triage planned it; it only applies when the
   * mention is inserted (a redelivery or re-scoring never resets a handled mention).
   */
  upsertMentions(mentions: ScoredMention[], initial?: ReadonlyMap<string, InitialWorkflow>): Promise<UpsertResult>;
  findMentions(filter: MentionFilter, first: number, after?: MentionCursor, order?: MentionOrder): Promise<MentionPage>;
  /** Every matching mention in pages of `pageSize` by keyset, newest first, without counting: for export. */
  streamMentions(filter: MentionFilter, pageSize?: number): AsyncIterable<ScoredMention[]>;
  sentimentTimeline(window: RollupWindow, interval: TimeInterval): Promise<TimelineBucket[]>;
  /** Per topic; a mention in two listed topics counts for both. */
  topicVolumes(window: RollupWindow & { topicIds: string[] }): Promise<TopicVolume[]>;
  topAuthors(filter: MentionFilter, limit: number): Promise<AuthorStats[]>;
  sourceBreakdown(filter: MentionFilter): Promise<SourceStats[]>;
  /** Deletes up to `batchSize` mentions published before `cutoff`; rollups follow. Returns how many went. */
  deleteMentionsBefore(cutoff: string, batchSize: number): Promise<number>;
  getMentions(ids: readonly string[]): Promise<(ScoredMention | null)[]>;
  listTopics(): Promise<TrackedTopic[]>;
  getTopic(id: string): Promise<TrackedTopic | null>;
  upsertTopic(topic: TrackedTopic): Promise<void>;
  listApiKeys(): Promise<StoredApiKey[]>;
  findApiKeyBySha256(sha256: string): Promise<StoredApiKey | null>;
  getApiKey(id: string): Promise<StoredApiKey | null>;
  upsertApiKey(key: ApiKeyRecord): Promise<void>;
  /** Best effort, coarse (a minute): for admins spotting unused keys. */
  touchApiKey(id: string, at: string): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
