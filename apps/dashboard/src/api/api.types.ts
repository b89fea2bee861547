/** The slice of the GraphQL schema (apps/gateway/src/graphql/schema.graphql) the dashboard reads. */

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

export const SOURCES = ['vk', 'telegram', 'twitter', 'reddit', 'youtube', 'mastodon', 'bluesky', 'rss', 'web', 'webhook', 'demo'] as const;
export type Source = (typeof SOURCES)[number];

export const LANGUAGES = ['ru', 'uk', 'en', 'und'] as const;

export type TimeInterval = 'HOUR' | 'DAY' | 'WEEK';

export const INTENTS = ['complaint', 'question', 'request', 'praise', 'other'] as const;
export type Intent = (typeof INTENTS)[number];

export const MENTION_STATUSES = ['new', 'in_progress', 'resolved', 'ignored'] as const;
export type MentionStatus = (typeof MENTION_STATUSES)[number];

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
  intents?: Intent[];
  replyNeeded?: boolean;
  /** Queries only: the gateway refuses the workflow fields on subscriptions. */
  statuses?: MentionStatus[];
  assignee?: string;
  unassigned?: boolean;
  tags?: string[];
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
  /** Null for mentions scored before intent classification existed. */
  intent: { label: Intent; replyNeeded: boolean } | null;
  /**
   * Read with the first page (not on the live subscription: rules set it after delivery, and a
   * lookup per live event would cost the store) and kept current by `mentionUpdated`; absent
   * means "new" as far as we know.
   */
  workflow?: { status: MentionStatus; assignee: string | null };
}

/**
 * A mention whose workflow was just changed (by anyone, on any gateway replica, or by a rule),
 * as `mentionUpdated` delivers it: enough to update a feed row and the detail panel's workflow.
 */
export interface MentionUpdate {
  id: string;
  topicIds: string[];
  intent: { label: Intent; replyNeeded: boolean } | null;
  workflow: MentionWorkflow;
}

export interface IntentAssessment {
  label: Intent;
  replyNeeded: boolean;
  confidence: number;
  reasons: string[];
}

export interface MentionWorkflow {
  status: MentionStatus;
  assignee: string | null;
  tags: string[];
  firstResponseAt: string | null;
  resolvedAt: string | null;
  updatedAt: string | null;
}

export interface AnswerSuggestion {
  categoryId: string;
  categoryName: string;
  text: string;
  matchedTerms: string[];
  missingPlaceholders: string[];
  language: string;
}

export type MentionEventKind = 'status' | 'assign' | 'tags' | 'note' | 'rule' | 'route' | 'feedback';

export interface MentionEvent {
  id: string;
  at: string;
  actor: string;
  kind: MentionEventKind;
  message: string;
  note: string | null;
  status: MentionStatus | null;
  ruleId: string | null;
  routeOutcome: string | null;
  ticketId: string | null;
}

export interface ToneCorrection {
  topicId: string | null;
  label: SentimentLabel;
  previousLabel: SentimentLabel;
  comment: string | null;
  by: string;
  at: string;
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
  intent: IntentAssessment | null;
  workflow: MentionWorkflow;
  suggestedAnswer: AnswerSuggestion | null;
  history: MentionEvent[];
  toneCorrections: ToneCorrection[];
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

export type AlertKind = 'spike' | 'leak' | 'rule';
export type AlertSeverity = 'warning' | 'high' | 'critical';

/** Fields of the other kinds are null (see the schema's Alert). */
export interface Alert {
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  raisedAt: string;
  topicIds: string[];
  sampleMentionIds: string[];
  // spike
  topicId: string | null;
  metric: 'negative' | 'total' | null;
  count: number | null;
  baseline: number | null;
  zScore: number | null;
  escalatedFrom: AlertSeverity | null;
  // leak, rule
  mentionId: string | null;
  source: string | null;
  handle: string | null;
  url: string | null;
  excerpt: string | null;
  // leak
  matchedTerms: string[] | null;
  watchedAccount: boolean | null;
  // rule
  ruleName: string | null;
  intent: Intent | null;
  sentiment: SentimentLabel | null;
}

/** First row of each list: all mentions (topicId null); then one per topic. */
export interface ReactionTimeStats {
  topicId: string | null;
  inScope: number;
  responded: number;
  resolved: number;
  firstResponseMedianSeconds: number | null;
  firstResponseP90Seconds: number | null;
  resolutionMedianSeconds: number | null;
  resolutionP90Seconds: number | null;
}

export interface HandlingEffect {
  topicId: string | null;
  authors: number;
  beforeTotal: number;
  beforeNegativeShare: number | null;
  afterTotal: number;
  afterNegativeShare: number | null;
}

export interface AnswerCoverage {
  topicId: string | null;
  requests: number;
  matched: number;
  share: number | null;
}

export interface SupportStats {
  reactionTimes: ReactionTimeStats[];
  handlingEffect: HandlingEffect[];
  answerCoverage: AnswerCoverage[];
}

export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['warning', 'high', 'critical'];

/** Workflow rules (admin only). */
export interface RuleConditions {
  topicIds: string[];
  sentiments: SentimentLabel[];
  intents: Intent[];
  replyNeeded: boolean | null;
  sources: Source[];
  query: string | null;
  authorHandles: string[];
  direct: boolean | null;
  includeSpam: boolean;
}

export interface HelpdeskRoute {
  name: string;
  url: string;
  /** Values (credentials) are never returned. */
  headerNames: string[];
  /** A secret is set; the secret itself is never returned. */
  signed: boolean;
  payloadTemplate: string | null;
  ticketIdField: string | null;
}

export interface RuleActions {
  addTags: string[];
  setStatus: MentionStatus | null;
  assignTo: string | null;
  notify: AlertSeverity | null;
  helpdesk: HelpdeskRoute | null;
  stop: boolean;
}

export interface Rule {
  id: string;
  name: string;
  enabled: boolean;
  position: number;
  conditions: RuleConditions;
  actions: RuleActions;
  updatedAt: string;
}

export interface RuleInput {
  name: string;
  enabled: boolean;
  position?: number;
  conditions: {
    topicIds?: string[];
    sentiments?: SentimentLabel[];
    intents?: Intent[];
    replyNeeded?: boolean;
    sources?: Source[];
    query?: string;
    authorHandles?: string[];
    direct?: boolean;
    includeSpam?: boolean;
  };
  actions: {
    addTags?: string[];
    setStatus?: MentionStatus;
    assignTo?: string;
    notify?: AlertSeverity;
    helpdesk?: {
      name: string;
      url: string;
      headers?: { name: string; value: string }[];
      secret?: string;
      payloadTemplate?: string;
      ticketIdField?: string;
    };
    stop?: boolean;
  };
}

/** Typical answers (readable by viewers, editable by analysts and admins). */
export interface AnswerCategory {
  id: string;
  name: string;
  patterns: string[];
  template: string;
  translations: { language: string; template: string }[];
  intents: Intent[];
  position: number;
}

export interface AnswerCategoryInput {
  name: string;
  patterns: string[];
  template: string;
  translations: { language: string; template: string }[];
  intents: Intent[];
  position?: number;
}
