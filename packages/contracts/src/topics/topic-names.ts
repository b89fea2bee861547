/**
 * Kafka topic names. The `.vN` suffix is the wire version: a breaking change to a
 * payload ships as a new topic so old and new consumers can run side by side.
 */
export const TOPICS = {
  rawMentions: 'pulse.mentions.raw.v1',
  scoredMentions: 'pulse.mentions.scored.v1',
  /**
   * A scored mention once it is durable in the gateway's store, published by the replica that
   * stored it and read by every gateway replica (a consumer group each): the live feed and alert
   * detection see every stored mention, whichever replica owns its scored partition.
   */
  storedMentions: 'pulse.mentions.stored.v1',
  deadLetter: 'pulse.mentions.dlq.v1',
  /**
   * One fingerprint per collected mention (MinHash, author, time), on one ordered partition
   * that every collector replays: near-duplicate, copy-paste and burst windows are global.
   */
  fingerprints: 'pulse.mentions.fingerprints.v1',
  trackedTopics: 'pulse.topics.v1',
  apiKeys: 'pulse.apikeys.v1',
  alerts: 'pulse.alerts.v1',
  workflow: 'pulse.workflow.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** Schema version carried in the `pulse-schema-version` header of every message, per topic. */
export const SCHEMA_VERSIONS: Record<TopicName, number> = {
  [TOPICS.rawMentions]: 1,
  [TOPICS.scoredMentions]: 1,
  [TOPICS.storedMentions]: 1,
  [TOPICS.deadLetter]: 1,
  [TOPICS.fingerprints]: 1,
  [TOPICS.trackedTopics]: 1,
  [TOPICS.apiKeys]: 1,
  [TOPICS.alerts]: 1,
  [TOPICS.workflow]: 1,
};
