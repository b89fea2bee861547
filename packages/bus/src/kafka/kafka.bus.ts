import { FINGERPRINT_WINDOW_MS, TOPICS, type DeadLetter, type TopicPayloads } from '@pulse/contracts';
import type { Logger, PulseMetrics } from '@pulse/runtime';
import { Kafka, Partitioners, logLevel, type Consumer, type LogEntry, type Producer } from 'kafkajs';
import { consumerHandler } from '../core/coalescer.js';
import { BatchProcessor, DEFAULT_RETRY, type IncomingMessage, type RetryPolicy } from '../core/batch-processor.js';
import { CatchUpTracker } from '../core/catch-up.tracker.js';
import type { Bus, BusTopic, PublishOptions, SubscribeOptions } from '../core/bus.port.js';
import { encodeMessage, traceFor, headersToStrings, type EncodedMessage } from '../core/message-codec.js';
import type { KafkaConnection } from './kafka-config.js';
import { PrefetchPipeline } from './prefetch-pipeline.js';
import { PublishQueue } from './publish-queue.js';

export interface KafkaBusOptions {
  app: string;
  connection: KafkaConnection;
  logger: Logger;
  metrics: PulseMetrics;
  retry?: RetryPolicy;
  /** Delay before rebuilding a consumer that crashed for good (default 2 s). */
  restartDelayMs?: number;
}

const COMPACTED: ReadonlySet<string> = new Set([TOPICS.trackedTopics, TOPICS.apiKeys]);

/** Topics created with their own settings rather than the defaults (partitions from config, broker retention). */
function topicSettings(topic: string, partitions: number): { numPartitions: number; configEntries: { name: string; value: string }[] } {
  if (COMPACTED.has(topic)) return { numPartitions: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] };
  if (topic === TOPICS.fingerprints) {
    // One ordered log, kept as long as a fingerprint counts: a starting collector replays all of it.
    return {
      numPartitions: 1,
      configEntries: [
        { name: 'retention.ms', value: String(FINGERPRINT_WINDOW_MS) },
        { name: 'segment.ms', value: String(Math.ceil(FINGERPRINT_WINDOW_MS / 12)) },
      ],
    };
  }
  return { numPartitions: partitions, configEntries: [] };
}

function kafkaLogLevel(level: logLevel): 'error' | 'warn' | 'info' | 'debug' {
  switch (level) {
    case logLevel.ERROR:
    case logLevel.NOTHING:
      return 'error';
    case logLevel.WARN:
      return 'warn';
    case logLevel.INFO:
      return 'info';
    default:
      return 'debug';
  }
}

/** The production bus: kafkajs underneath, Pulse's contracts on top. */
export class KafkaBus implements Bus {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly consumers: { consumer: Consumer; start: () => Promise<void>; crashed: boolean; pipeline: PrefetchPipeline }[] = [];
  /** Delay before a consumer that kafkajs gave up on is rebuilt (tests shorten it). */
  private readonly restartDelayMs: number;
  /** Consumers waiting for a dependency (store, broker) to come back: the app is not ready meanwhile. */
  private stalled = 0;
  private started = false;
  private stopping = false;
  private producerConnected = false;
  private readonly retry: RetryPolicy;
  private readonly publishQueue = new PublishQueue<EncodedMessage>(
    (topic, messages) => this.producer.send({ topic, acks: -1, messages }).then(() => undefined),
    (message) => (message.value?.length ?? 0) + (message.key?.length ?? 0),
  );

  constructor(private readonly options: KafkaBusOptions) {
    const log = options.logger.child({ component: 'kafkajs' });
    this.kafka = new Kafka({
      ...options.connection.client,
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log: entry }: LogEntry) => {
          const { message, ...rest } = entry;
          log[kafkaLogLevel(level)](rest, message);
        },
    });
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: true });
    this.producer.on(this.producer.events.DISCONNECT, () => (this.producerConnected = false));
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.restartDelayMs = options.restartDelayMs ?? 2_000;
  }

  async publish<T extends BusTopic>(topic: T, payloads: TopicPayloads[T][], options: PublishOptions = {}): Promise<void> {
    if (payloads.length === 0) return;
    const messages = payloads.map((p, i) => encodeMessage(topic, p, this.options.app, traceFor(options, i)));
    const end = this.options.metrics.publishSeconds.startTimer({ app: this.options.app, topic });
    await this.publishQueue.publish(topic, messages);
    end();
    this.options.metrics.messagesOut.inc({ app: this.options.app, topic }, payloads.length);
  }

  async subscribe<T extends BusTopic>(options: SubscribeOptions<T>): Promise<void> {
    const { app, logger, metrics } = this.options;
    const maxBatchSize = options.maxBatchSize ?? 500;
    const newConsumer = (): Consumer =>
      this.kafka.consumer({
        groupId: options.groupId,
        allowAutoTopicCreation: true,
        maxWaitTimeInMs: options.maxWaitMs ?? 100,
        sessionTimeout: this.options.connection.sessionTimeoutMs ?? 30_000,
        // A tenth of the session, as Kafka recommends (at most a third).
        heartbeatInterval: Math.max(500, Math.floor((this.options.connection.sessionTimeoutMs ?? 30_000) / 10)),
      });
    const processor = new BatchProcessor(options.topic, consumerHandler(options), {
      app,
      groupId: options.groupId,
      logger,
      metrics,
      retry: this.retry,
      publishDeadLetters: (letters: DeadLetter[]) => this.publish(TOPICS.deadLetter, letters),
      isStopping: () => this.stopping,
      onStalled: (stalled) => (this.stalled += stalled ? 1 : -1),
    });
    // Bound per subscription, re-bound to each rebuilt consumer: what a handled call commits through.
    let bound: { heartbeat: () => Promise<void>; commit: (offsets: { topics: { topic: string; partitions: { partition: number; offset: string }[] }[] }) => Promise<void> } | undefined;
    let catchUp: CatchUpTracker | undefined;
    const pipeline = new PrefetchPipeline({
      process: (messages) => processor.process(messages, () => bound?.heartbeat() ?? Promise.resolve()),
      // The batch-scoped commit (unlike consumer.commitOffsets) still commits while stop() drains.
      commit: options.ephemeral
        ? undefined
        : async (partition, offset) => {
            const end = metrics.commitSeconds.startTimer({ app, topic: options.topic });
            await (bound?.commit({ topics: [{ topic: options.topic, partitions: [{ partition, offset }] }] }) ?? Promise.resolve());
            end();
          },
      onHandled: (partition, last) => catchUp?.handled(partition, last),
      rewind: (partition, offset) => entry.consumer.seek({ topic: options.topic, partition, offset }),
      onError: (error, partition) => logger.warn({ err: error, groupId: options.groupId, topic: options.topic, partition }, 'batch not handled: the partition is read again from its first unhandled message'),
      maxBatchSize,
      // Enough read-ahead for the next call to be a full one, without holding more than two.
      maxQueued: maxBatchSize * 2,
      concurrency: options.concurrency ?? 1,
    });
    const entry = {
      consumer: newConsumer(),
      crashed: false,
      pipeline,
      start: async (): Promise<void> => {
        const consumer = entry.consumer;
        watch(consumer);
        pipeline.reset();
        await consumer.connect();
        await consumer.subscribe({ topic: options.topic, fromBeginning: options.fromBeginning ?? true });
        // High-water marks once subscribed (the topic exists now), before the first fetch.
        const onCaughtUp = options.onCaughtUp;
        catchUp = onCaughtUp ? new CatchUpTracker(await this.offsetsToReach(options.topic, options.groupId, options.fromBeginning ?? true), onCaughtUp) : undefined;
        await consumer.run({
          partitionsConsumedConcurrently: options.concurrency ?? 1,
          autoCommit: false,
          eachBatchAutoResolve: false,
          eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
            const fetchedAt = Date.now();
            bound = { heartbeat, commit: (offsets) => commitOffsetsIfNecessary(offsets) };
            if (this.stopping || !isRunning() || isStale()) return;
            for (const m of batch.messages) metrics.consumeDelaySeconds.observe({ app, topic: batch.topic }, Math.max(0, fetchedAt - Number(m.timestamp)) / 1000);
            const incoming: IncomingMessage[] = batch.messages.map((m) => ({
              partition: batch.partition,
              offset: m.offset,
              key: m.key?.toString() ?? null,
              value: m.value,
              headers: headersToStrings(m.headers),
            }));
            // Queued, not handled: the fetch loop reads on while the handler works (PrefetchPipeline).
            // Resolving only moves the fetch position; offsets are committed by the pipeline after their call succeeded.
            await pipeline.accept(batch.partition, incoming, () => !this.stopping && isRunning() && !isStale());
            if (incoming.length > 0) resolveOffset(incoming[incoming.length - 1]!.offset);
            metrics.consumerLag.set({ app, topic: batch.topic, partition: String(batch.partition) }, Number(batch.offsetLag()));
          },
        });
      },
    };
    // kafkajs restarts a consumer only after errors it deems retriable; after any other crash the
    // consumer would stay down (and the app unready) for good. A group coordinator can answer a
    // late SyncGroup with INVALID_REQUEST (42) — librdkafka's mock cluster does whenever the leader
    // syncs first — so a crashed consumer is rebuilt and rejoins, as on a real broker it would.
    const watch = (consumer: Consumer): void => {
      consumer.on(consumer.events.CRASH, (event) => {
        entry.crashed = !event.payload.restart;
        metrics.errors.inc({ app, kind: 'consumer-crash' });
        logger.error({ err: event.payload.error, groupId: options.groupId, restart: event.payload.restart }, 'kafka consumer crashed');
        if (event.payload.restart || this.stopping) return;
        setTimeout(() => void rebuild(consumer), this.restartDelayMs).unref();
      });
      consumer.on(consumer.events.GROUP_JOIN, () => {
        entry.crashed = false;
        // A new generation reads from the committed offsets: what was queued under the old one is dropped.
        pipeline.reset();
      });
      consumer.on(consumer.events.REBALANCING, () => pipeline.reset());
    };
    const rebuild = async (crashed: Consumer): Promise<void> => {
      if (this.stopping || entry.consumer !== crashed) return;
      await crashed.disconnect().catch(() => undefined);
      if (this.stopping) return;
      entry.consumer = newConsumer();
      logger.warn({ groupId: options.groupId, topic: options.topic }, 'restarting a crashed kafka consumer');
      await entry.start().catch((error: unknown) => {
        logger.error({ err: error, groupId: options.groupId }, 'could not restart the kafka consumer; retrying');
        setTimeout(() => void rebuild(entry.consumer), this.restartDelayMs).unref();
      });
    };
    this.consumers.push(entry);
    if (this.started) await entry.start();
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.producer.connect();
    this.producerConnected = true;
    if (this.options.connection.createTopics) await this.ensureTopics();
    this.started = true;
    for (const entry of this.consumers) await entry.start();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    // Consumers first: their in-flight batches may still publish (results, dead letters). Fetching
    // stops (eachBatch queues nothing once stopping), what was queued is handled and committed while
    // the consumer is still a group member, then it leaves.
    await Promise.all(this.consumers.map((c) => c.pipeline.drain()));
    await Promise.all(this.consumers.map((c) => c.consumer.disconnect()));
    await this.producer.disconnect();
    this.started = false;
  }

  isReady(): boolean {
    return this.started && this.producerConnected && this.stalled === 0 && this.consumers.every((c) => !c.crashed);
  }

  /**
   * Per partition, where this group starts reading (the low mark, or the high one for a new
   * group reading from the end; its committed offset if it has one) and the high-water mark.
   */
  private async offsetsToReach(topic: string, groupId: string, fromBeginning: boolean): Promise<{ partition: number; low: string; high: string }[]> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      const marks = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committedOf = new Map((committed?.partitions ?? []).map((p) => [p.partition, p.offset]));
      return marks.map((m) => {
        const resumed = committedOf.get(m.partition);
        const start = resumed !== undefined && BigInt(resumed) >= 0n ? resumed : fromBeginning ? m.low : m.high;
        return { partition: m.partition, low: start, high: m.high };
      });
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /**
   * Creates Pulse's topics with their intended settings (tables compacted, the fingerprint log one partition with the window's retention).
   * Failure is not fatal: a broker that auto-creates topics still works, so we warn.
   */
  private async ensureTopics(): Promise<void> {
    const admin = this.kafka.admin();
    const { partitions, replicationFactor } = this.options.connection;
    try {
      await admin.connect();
      const existing = new Set(await admin.listTopics());
      const missing = Object.values(TOPICS).filter((t) => !existing.has(t));
      if (missing.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, replicationFactor, ...topicSettings(topic, partitions) })),
      });
      this.options.logger.info({ topics: missing }, 'created kafka topics');
    } catch (error) {
      this.options.logger.warn({ err: error }, 'could not create kafka topics; relying on broker auto-creation');
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
