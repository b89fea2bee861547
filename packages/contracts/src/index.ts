export { TOPICS, SCHEMA_VERSIONS, type TopicName } from './topics/topic-names.js';
export { HEADERS, CONTENT_TYPE_JSON, isTraceparent, childTraceparent } from './topics/headers.js';
export { TOPIC_SCHEMAS, TOPIC_KEYS, type TopicPayloads } from './topics/topic-registry.js';
export {
  trackedTopicSchema,
  ownAccountSchema,
  apiKeySchema,
  apiKeyRoleSchema,
  API_KEY_ROLES,
  type TrackedTopic,
  type OwnAccount,
  type ApiKeyRecord,
  type ApiKeyRole,
} from './topics/tracked-topic.schema.js';
export {
  deadLetterSchema,
  DEAD_LETTER_REASONS,
  type DeadLetter,
  type DeadLetterReason,
} from './topics/dead-letter.schema.js';
export {
  rawMentionSchema,
  authorSchema,
  engagementSchema,
  topicMatchSchema,
  sourceSchema,
  languageSchema,
  SOURCES,
  MAX_TEXT_LENGTH,
  rawMentionFields,
  spamAssessmentSchema,
  type SpamAssessment,
  type RawMention,
  type RawMentionInput,
  type Author,
  type Engagement,
  type TopicMatch,
  type Source,
} from './mentions/raw-mention.schema.js';
export {
  scoredMentionSchema,
  sentimentSchema,
  sentimentLabelSchema,
  sentimentScoresSchema,
  topicSentimentSchema,
  modelRefSchema,
  SENTIMENT_LABELS,
  type ScoredMention,
  type Sentiment,
  type SentimentLabel,
  type SentimentScores,
  type TopicSentiment,
  type ModelRef,
} from './mentions/scored-mention.schema.js';
export { mentionId } from './mentions/mention-id.js';
