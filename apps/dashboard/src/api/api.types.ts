/** The slice of the GraphQL schema (apps/gateway/src/graphql/schema.graphql) the dashboard reads. */

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

export const SOURCES = ['vk', 'telegram', 'twitter', 'reddit', 'youtube', 'mastodon', 'bluesky', 'rss', 'web', 'webhook', 'demo'] as const;
export type Source = (typeof SOURCES)[number];

export const LANGUAGES = ['ru', 'uk', 'en', 'und'] as const;

export type TimeInterval = 'HOUR' | 'DAY' | 'WEEK';

export interface MentionFilter {
  topicIds?: string[];
  sentiments?: SentimentLabel[];
  sources?: Source[];
  languages?: string[];
  from?: string;
  to?: string;
  search?: string;
  authorHandle?: string;
  includeSpam?: boolean;
  includeDuplicates?: boolean;
}

/** What a feed row needs. */
export interface FeedMention {
  id: string;
  source: Source;
  url: string | null;
  text: string;
  language: string;
  publishedAt: string;
  topicIds: string[];
  direct: boolean;
  duplicateOf: string | null;
  author: { handle: string; name: string };
  sentiment: { label: SentimentLabel; score: number };
  spam: { score: number };
}

/** What the detail panel adds. */
export interface MentionDetail extends FeedMention {
  sourceId: string;
  collectedAt: string;
  scoredAt: string;
  author: { id: string; handle: string; name: string; url: string | null; followers: number | null };
  matches: { topicId: string; terms: string[] }[];
  engagement: { likes: number; reposts: number; comments: number; views: number | null } | null;
  sentiment: {
    label: SentimentLabel;
    score: number;
    scores: { negative: number; neutral: number; positive: number };
    byTopic: { topicId: string; label: SentimentLabel; score: number }[];
  };
  model: { id: string; version: string };
  spam: { score: number; reasons: string[] };
  parent: { id: string; text: string; author: { handle: string } } | null;
  original: { id: string; text: string; author: { handle: string }; publishedAt: string } | null;
}

export interface Topic {
  id: string;
  name: string;
  status: 'active' | 'paused' | 'deleted';
}

export interface Me {
  id: string;
  name: string;
  role: 'viewer' | 'analyst' | 'admin' | 'ingest';
}

export interface SentimentBucket {
  start: string;
  negative: number;
  neutral: number;
  positive: number;
  total: number;
}

export interface NegativeShareBucket {
  start: string;
  negative: number;
  total: number;
  share: number | null;
}

export interface TopicVoice {
  topicId: string;
  topic: { name: string } | null;
  total: number;
  share: number;
  negative: number;
  neutral: number;
  positive: number;
}

export interface AuthorStats {
  source: Source;
  authorId: string;
  handle: string;
  name: string;
  followers: number | null;
  total: number;
  negative: number;
  neutral: number;
  positive: number;
}

export interface SourceStats {
  source: Source;
  total: number;
  negative: number;
  neutral: number;
  positive: number;
}

export interface Analytics {
  sentimentTimeline: SentimentBucket[];
  negativeShare: NegativeShareBucket[];
  shareOfVoice: TopicVoice[];
  topAuthors: AuthorStats[];
  sourceBreakdown: SourceStats[];
}
