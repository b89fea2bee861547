import type { ScoredMention, SentimentLabel, Source, TrackedTopic } from '@pulse/contracts';

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
  /** Re-deliveries or re-scorings of mentions already stored. */
  updated: number;
}

/** The gateway's storage port: PGlite in embedded mode, PostgreSQL in distributed mode, one SQL code path. */
export interface MentionStore {
  /** Applies pending versioned migrations; safe to call on every start. */
  migrate(): Promise<void>;
  upsertMentions(mentions: ScoredMention[]): Promise<UpsertResult>;
  findMentions(filter: MentionFilter, first: number, after?: MentionCursor): Promise<MentionPage>;
  getMentions(ids: readonly string[]): Promise<(ScoredMention | null)[]>;
  listTopics(): Promise<TrackedTopic[]>;
  getTopic(id: string): Promise<TrackedTopic | null>;
  upsertTopic(topic: TrackedTopic): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
