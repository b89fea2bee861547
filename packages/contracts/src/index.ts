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
  toneExplanationSchema,
  modelRefSchema,
  intentAssessmentSchema,
  SENTIMENT_LABELS,
  INTENT_LABELS,
  type ScoredMention,
  type Sentiment,
  type SentimentLabel,
  type SentimentScores,
  type TopicSentiment,
  type ToneExplanation,
  type ModelRef,
  type IntentAssessment,
  type IntentLabel,
} from './mentions/scored-mention.schema.js';
export { mentionId } from './mentions/mention-id.js';
export {
  mentionFingerprintSchema,
  FINGERPRINT_LOG_KEY,
  FINGERPRINT_WINDOW_MS,
  MINHASH_BASE64_LENGTH,
  type MentionFingerprint,
} from './mentions/mention-fingerprint.schema.js';
export { SPAM_THRESHOLD } from './mentions/spam.constants.js';
export {
  mentionIdProblem,
  isBlankText,
  canonicalSource,
  SOURCE_ALIASES,
  BLANK_TEXT_MESSAGE,
  type SourceAlias,
} from './mentions/mention-identity.js';
export {
  alertSchema,
  spikeAlertSchema,
  leakAlertSchema,
  ruleAlertSchema,
  alertSeveritySchema,
  spikeMetricSchema,
  alertTopicIds,
  ALERT_SEVERITIES,
  ALERT_KINDS,
  SPIKE_METRICS,
  type Alert,
  type AlertKind,
  type SpikeAlert,
  type LeakAlert,
  type RuleAlert,
  type AlertSeverity,
  type SpikeMetric,
} from './alerts/alert.schema.js';
export {
  workflowChangeSchema,
  mentionStatusSchema,
  MENTION_STATUSES,
  type WorkflowChange,
  type MentionStatus,
} from './workflow/workflow-change.schema.js';
