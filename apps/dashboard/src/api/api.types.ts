/**
 * The dashboard's names for what it reads and sends. Every shape comes from api.generated.ts,
 * which GraphQL Code Generator writes from the gateway's schema and the operations in queries.ts
 * (see codegen.ts): a schema change that breaks an operation fails codegen, one that changes a
 * type the dashboard relies on fails typecheck. Only the names and the ordered value lists the
 * UI offers are written here.
 */
import type {
  AlertFieldsFragment,
  AlertSeverity,
  AnalyticsQuery,
  AnswerFieldsFragment,
  DetailFieldsFragment,
  FeedFieldsFragment,
  FeedQuery,
  Intent,
  MentionStatus,
  ReplyMutation,
  RuleFieldsFragment,
  SentimentLabel,
  SessionQuery,
  Source,
  SupportStatsQuery,
  UpdatesSubscription,
} from './api.generated.js';

export type {
  AlertKind,
  AlertSeverity,
  AnswerCategoryInput,
  Intent,
  MentionEventKind,
  MentionFilter,
  MentionStatus,
  ReplyErrorCode,
  RuleInput,
  SentimentLabel,
  Source,
  TimeInterval,
} from './api.generated.js';

/** The list itself when it names every value of the schema's enum `T` exactly once; a type error naming what is missing otherwise. */
type Complete<T extends string, L extends readonly T[]> = [Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> };
const everyValueOf =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & Complete<T, L>): L =>
    list;

// In the order the UI shows them; a value the schema gains or drops fails typecheck here.
export const SENTIMENT_LABELS = everyValueOf<SentimentLabel>()(['negative', 'neutral', 'positive']);
/** Names the API accepts for another source (`x` is read as `twitter`) and never answers with: not offered in lists. */
export type SourceAlias = 'x';
export const SOURCES = everyValueOf<Exclude<Source, SourceAlias>>()(['vk', 'telegram', 'twitter', 'reddit', 'youtube', 'mastodon', 'bluesky', 'rss', 'web', 'webhook', 'demo']);
export const INTENTS = everyValueOf<Intent>()(['complaint', 'question', 'request', 'praise', 'other']);
export const MENTION_STATUSES = everyValueOf<MentionStatus>()(['new', 'in_progress', 'resolved', 'ignored']);
export const ALERT_SEVERITIES = everyValueOf<AlertSeverity>()(['warning', 'high', 'critical']);
/** Languages are plain strings in the schema: these are the ones the collector detects. */
export const LANGUAGES = ['ru', 'uk', 'en', 'und'] as const;

type PageRow = FeedQuery['mentions']['edges'][number]['node'];

/** What a feed row needs. */
export type FeedMention = FeedFieldsFragment & {
  /**
   * Read with the first page (not on the live subscription: rules set it after delivery, and a
   * lookup per live event would cost the store) and kept current by `mentionUpdated`; absent
   * means "new" as far as we know.
   */
  workflow?: PageRow['workflow'];
};

/**
 * A mention whose workflow was just changed (by anyone, on any gateway replica, or by a rule),
 * as `mentionUpdated` delivers it: enough to update a feed row and the detail panel's workflow.
 */
export type MentionUpdate = UpdatesSubscription['mentionUpdated'];
export type MentionWorkflow = MentionUpdate['workflow'];

/** What the detail panel shows (a feed row's fields and the rest). */
export type MentionDetail = DetailFieldsFragment;
export type IntentAssessment = NonNullable<MentionDetail['intent']>;
export type AnswerSuggestion = NonNullable<MentionDetail['suggestedAnswer']>;
export type MentionEvent = MentionDetail['history'][number];
export type ToneCorrection = MentionDetail['toneCorrections'][number];

/** Replies in the channel (or recorded as given elsewhere), and whether Send can work here. */
export type MentionReply = MentionDetail['replies'][number];
export type ReplyOptions = MentionDetail['replyOptions'];
export type ReplyAccount = ReplyOptions['accounts'][number];
export type ReplyResult = ReplyMutation['result'];
export type ReplyError = NonNullable<ReplyResult['error']>;

export type Topic = SessionQuery['topics'][number];
export type Me = SessionQuery['me'];

export type Analytics = AnalyticsQuery;
export type SentimentBucket = AnalyticsQuery['sentimentTimeline'][number];
export type NegativeShareBucket = AnalyticsQuery['negativeShare'][number];
export type TopicVoice = AnalyticsQuery['shareOfVoice'][number];
export type AuthorStats = AnalyticsQuery['topAuthors'][number];
export type SourceStats = AnalyticsQuery['sourceBreakdown'][number];

/** Fields of the other kinds are null (see the schema's Alert). */
export type Alert = AlertFieldsFragment;

/** First row of each list: all mentions (topicId null); then one per topic. */
export type SupportStats = SupportStatsQuery;
export type ReactionTimeStats = SupportStatsQuery['reactionTimes'][number];
export type HandlingEffect = SupportStatsQuery['handlingEffect'][number];
export type AnswerCoverage = SupportStatsQuery['answerCoverage'][number];

/** Workflow rules (admin only); a helpdesk route never carries its header values or secret back. */
export type Rule = RuleFieldsFragment;
export type RuleConditions = Rule['conditions'];
export type RuleActions = Rule['actions'];
export type HelpdeskRoute = NonNullable<RuleActions['helpdesk']>;

/** Typical answers (readable by viewers, editable by analysts and admins). */
export type AnswerCategory = AnswerFieldsFragment;
