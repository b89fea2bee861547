import type { TopicPayloads } from '@pulse/contracts';

export type BusTopic = keyof TopicPayloads;

/** A validated message as a handler sees it. */
export interface BusMessage<T extends BusTopic> {
  topic: T;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  value: TopicPayloads[T];
}

export interface PublishOptions {
  /**
   * W3C traceparent of the work that produced these messages (one for all, or one per
   * payload so a consumer's output continues each input's trace); each message gets a child span.
   */
  traceparent?: string | readonly (string | undefined)[];
}

export type BatchHandler<T extends BusTopic> = (batch: BusMessage<T>[]) => Promise<void>;

export interface SubscribeOptions<T extends BusTopic> {
  topic: T;
  groupId: string;
  handler: BatchHandler<T>;
  /** Most messages handed to the handler at once. */
  maxBatchSize?: number;
  /** How long to wait for a batch to fill before handing over what has arrived. */
  maxWaitMs?: number;
  /** Where a group with no committed offset starts. Defaults to the earliest message. */
  fromBeginning?: boolean;
  /**
   * Partitions whose batches may be in the handler at once (order within a partition is
   * kept). Above 1, one partition's scoring overlaps another's wait for the broker or the
   * store. Default 1.
   */
  concurrency?: number;
  /**
   * Called once, when this consumer has handled every message the topic held when it
   * started consuming (the partitions' high-water marks then): a table read from a
   * compacted topic is loaded. At once for an empty topic; never again afterwards.
   */
  onCaughtUp?: () => void;
  /**
   * A group only this process uses (a fresh id per start: live relays, the collector's
   * fingerprint log): nothing resumes from its offsets, so none are committed. Saves a broker
   * round trip per batch on the paths a reader waits on, and leaves no dead groups' offsets on the
   * broker. Default false.
   */
  ephemeral?: boolean;
  /**
   * With `concurrency` above 1: batches of different partitions that wait while the handler runs
   * are handed over together as one call (core/coalescer.ts), so a handler with a fixed cost per
   * call (a store transaction, a broker round trip) makes fewer, bigger calls exactly when a
   * backlog forms. A merged call that fails is re-run per partition, so retries and
   * dead-lettering still see each partition's own batch. Default false.
   */
  coalesce?: boolean;
}

/**
 * The one way apps touch Kafka. Both implementations give at-least-once delivery: a
 * batch's offsets are committed only after its handler resolved and its rejects reached
 * the dead-letter topic.
 */
export interface Bus {
  publish<T extends BusTopic>(topic: T, payloads: TopicPayloads[T][], options?: PublishOptions): Promise<void>;
  /** Registers a consumer; consumption begins on `start()` (or at once if already started). */
  subscribe<T extends BusTopic>(options: SubscribeOptions<T>): Promise<void>;
  start(): Promise<void>;
  /** Stops fetching, lets in-flight batches finish and commit, then disconnects the producer. */
  stop(): Promise<void>;
  isReady(): boolean;
}
