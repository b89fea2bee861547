import type { z } from 'zod';
import { alertSchema, type Alert } from '../alerts/alert.schema.js';
import { workflowChangeSchema, type WorkflowChange } from '../workflow/workflow-change.schema.js';
import { FINGERPRINT_LOG_KEY, mentionFingerprintSchema, type MentionFingerprint } from '../mentions/mention-fingerprint.schema.js';
import { rawMentionSchema, type RawMention } from '../mentions/raw-mention.schema.js';
import { scoredMentionSchema, type ScoredMention } from '../mentions/scored-mention.schema.js';
import { deadLetterSchema, type DeadLetter } from './dead-letter.schema.js';
import { TOPICS } from './topic-names.js';
import { apiKeySchema, trackedTopicSchema, type ApiKeyRecord, type TrackedTopic } from './tracked-topic.schema.js';

/** Payload type per topic: the single map that gives the bus its typing. */
export interface TopicPayloads {
  [TOPICS.rawMentions]: RawMention;
  [TOPICS.scoredMentions]: ScoredMention;
  [TOPICS.storedMentions]: ScoredMention;
  [TOPICS.deadLetter]: DeadLetter;
  [TOPICS.fingerprints]: MentionFingerprint;
  [TOPICS.trackedTopics]: TrackedTopic;
  [TOPICS.apiKeys]: ApiKeyRecord;
  [TOPICS.alerts]: Alert;
  [TOPICS.workflow]: WorkflowChange;
}

export const TOPIC_SCHEMAS: { [T in keyof TopicPayloads]: z.ZodType<TopicPayloads[T]> } = {
  [TOPICS.rawMentions]: rawMentionSchema,
  [TOPICS.scoredMentions]: scoredMentionSchema,
  [TOPICS.storedMentions]: scoredMentionSchema,
  [TOPICS.deadLetter]: deadLetterSchema,
  [TOPICS.fingerprints]: mentionFingerprintSchema,
  [TOPICS.trackedTopics]: trackedTopicSchema,
  [TOPICS.apiKeys]: apiKeySchema,
  [TOPICS.alerts]: alertSchema,
  [TOPICS.workflow]: workflowChangeSchema,
};

/**
 * Message key per topic. Mentions are keyed by mention id, so every copy of a mention
 * lands on one partition (ordered, and compaction-friendly); tracked topics by topic id
 * because that topic is compacted; alerts by alert id (a re-raised alert replaces itself); dead letters by the original mention key;
 * fingerprints all by one key, so the log keeps one order on one partition.
 */
export const TOPIC_KEYS: { [T in keyof TopicPayloads]: (payload: TopicPayloads[T]) => string | null } = {
  [TOPICS.rawMentions]: (m) => m.id,
  [TOPICS.scoredMentions]: (m) => m.id,
  [TOPICS.storedMentions]: (m) => m.id,
  [TOPICS.deadLetter]: (d) => d.origin.key,
  [TOPICS.fingerprints]: () => FINGERPRINT_LOG_KEY,
  [TOPICS.trackedTopics]: (t) => t.id,
  [TOPICS.apiKeys]: (k) => k.id,
  [TOPICS.alerts]: (a) => a.id,
  [TOPICS.workflow]: (w) => w.mentionId,
};
