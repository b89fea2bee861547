import { TOPICS, type DeadLetter, type TopicPayloads } from '@pulse/contracts';
import type { Logger, PulseMetrics } from '@pulse/runtime';
import { consumerHandler } from '../core/coalescer.js';
import { BatchProcessor, DEFAULT_RETRY, type IncomingMessage, type RetryPolicy } from '../core/batch-processor.js';
import { CatchUpTracker } from '../core/catch-up.tracker.js';
import type { Bus, BusTopic, PublishOptions, SubscribeOptions } from '../core/bus.port.js';
import { encodeMessage, traceFor, type EncodedMessage } from '../core/message-codec.js';

export interface MemoryBusOptions {
  app: string;
  logger: Logger;
  metrics: PulseMetrics;
  partitions?: number;
  retry?: RetryPolicy;
  /**
   * Unconsumed messages a topic may hold before `publish` waits for consumers: the
   * in-process stand-in for a broker's disk, so a fast source cannot exhaust memory.
   */
  maxBacklog?: number;
  /** Newest messages kept on topics nobody consumes (the dead-letter topic, for inspection). */
  retainUnconsumed?: number;
}

interface Partition {
  /** Offset of messages[0]; consumed messages are trimmed from the front. */
  base: number;
  messages: EncodedMessage[];
}

interface Group {
  id: string;
  topic: BusTopic;
  committed: number[];
  loop?: Promise<void>;
  options: SubscribeOptions<BusTopic>;
  processor: BatchProcessor<BusTopic>;
  catchUp?: CatchUpTracker;
}

/**
 * The bus for embedded mode: same interface, same encode → validate → dead-letter path
 * and the same commit-after-success rule as Kafka, within one process.
 */
export class MemoryBus implements Bus {
  private readonly topics = new Map<BusTopic, Partition[]>();
  private readonly groups: Group[] = [];
  private readonly waiters = new Set<() => void>();
  private started = false;
  /** Consumers waiting for a dependency (the store) to come back: not ready meanwhile. */
  private stalled = 0;
  private stopping = false;
  private readonly partitions: number;
  private readonly maxBacklog: number;
  private readonly retainUnconsumed: number;
  private readonly retry: RetryPolicy;
  private roundRobin = 0;

  constructor(private readonly options: MemoryBusOptions) {
    this.partitions = options.partitions ?? 4;
    this.maxBacklog = options.maxBacklog ?? 50_000;
    this.retainUnconsumed = options.retainUnconsumed ?? 10_000;
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  async publish<T extends BusTopic>(topic: T, payloads: TopicPayloads[T][], options: PublishOptions = {}): Promise<void> {
    if (payloads.length === 0) return;
    if (this.stopping) throw new Error('bus is stopping');
    while (this.started && !this.stopping && this.backlog(topic) >= this.maxBacklog) await this.waitForChange();
    const partitions = this.partitionsOf(topic);
    for (const [i, payload] of payloads.entries()) {
      const message = encodeMessage(topic, payload, this.options.app, traceFor(options, i));
      partitions[this.partitionFor(message.key)]!.messages.push(message);
    }
    this.options.metrics.messagesOut.inc({ app: this.options.app, topic }, payloads.length);
    this.trimUnconsumed(topic);
    this.notify();
  }

  async subscribe<T extends BusTopic>(options: SubscribeOptions<T>): Promise<void> {
    const partitions = this.partitionsOf(options.topic);
    const group: Group = {
      id: options.groupId,
      topic: options.topic,
      committed: partitions.map((p) => (options.fromBeginning === false ? p.base + p.messages.length : p.base)),
      options: options as unknown as SubscribeOptions<BusTopic>,
      processor: new BatchProcessor(options.topic, consumerHandler(options), {
        app: this.options.app,
        groupId: options.groupId,
        logger: this.options.logger,
        metrics: this.options.metrics,
        retry: this.retry,
        publishDeadLetters: (letters: DeadLetter[]) => this.publish(TOPICS.deadLetter, letters),
        isStopping: () => this.stopping,
        onStalled: (stalled) => (this.stalled += stalled ? 1 : -1),
      }) as unknown as BatchProcessor<BusTopic>,
    };
    this.groups.push(group);
    if (this.started) group.loop = this.consume(group);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const group of this.groups) group.loop = this.consume(group);
  }

  /**
   * Nothing here survives the process, so stopping first lets every stage drain what is
   * already on the bus (raw → scored → stored) before the loops end.
   */
  async stop(drainTimeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + drainTimeoutMs;
    while (this.started && this.pending() > 0 && Date.now() < deadline) await this.waitForChange(50);
    const undelivered = this.pending();
    if (undelivered > 0) this.options.logger.warn({ undelivered }, 'in-process bus stopped before draining: these messages are lost');
    this.stopping = true;
    this.notify();
    await Promise.all(this.groups.map((g) => g.loop));
    this.started = false;
  }

  private pending(): number {
    return [...this.topics.keys()].reduce((n, topic) => n + this.backlog(topic), 0);
  }

  isReady(): boolean {
    return this.started && !this.stopping && this.stalled === 0;
  }

  /** Unconsumed messages on a topic for its slowest group (for tests and metrics). */
  backlog(topic: BusTopic): number {
    const partitions = this.topics.get(topic);
    if (!partitions) return 0;
    const groups = this.groups.filter((g) => g.topic === topic);
    if (groups.length === 0) return 0;
    let total = 0;
    partitions.forEach((p, i) => {
      const end = p.base + p.messages.length;
      total += Math.max(...groups.map((g) => end - g.committed[i]!));
    });
    return total;
  }

  private async consume(group: Group): Promise<void> {
    const partitions = this.partitionsOf(group.topic);
    const onCaughtUp = group.options.onCaughtUp;
    if (onCaughtUp) group.catchUp = new CatchUpTracker(partitions.map((p, i) => ({ partition: i, low: group.committed[i]!, high: p.base + p.messages.length })), onCaughtUp);
    const maxBatchSize = group.options.maxBatchSize ?? 500;
    const maxWaitMs = group.options.maxWaitMs ?? 0;
    while (!this.stopping) {
      const pending = (): number => partitions.reduce((n, p, i) => n + p.base + p.messages.length - group.committed[i]!, 0);
      if (pending() === 0) {
        await this.waitForChange();
        continue;
      }
      // Like a broker fetch with minBytes: give a partial batch a moment to fill.
      if (maxWaitMs > 0 && pending() < maxBatchSize) await this.waitForChange(maxWaitMs);
      const concurrency = Math.max(1, group.options.concurrency ?? 1);
      for (let first = 0; first < partitions.length && !this.stopping; first += concurrency) {
        const indexes = Array.from({ length: Math.min(concurrency, partitions.length - first) }, (_, k) => first + k);
        await Promise.all(indexes.map((i) => this.consumePartition(group, i, maxBatchSize)));
      }
      this.notify();
    }
  }

  private async consumePartition(group: Group, i: number, maxBatchSize: number): Promise<void> {
    const partition = this.partitionsOf(group.topic)[i]!;
    const from = group.committed[i]! - partition.base;
    const slice = partition.messages.slice(from, from + maxBatchSize);
    if (slice.length === 0) return;
    const incoming: IncomingMessage[] = slice.map((m, j) => ({
      partition: i,
      offset: String(group.committed[i]! + j),
      key: m.key,
      value: m.value,
      headers: m.headers,
    }));
    try {
      await group.processor.process(incoming);
    } catch (error) {
      // Not committed: the same messages are handed over again, as Kafka would redeliver.
      this.options.logger.error({ err: error, groupId: group.id }, 'batch not committed; will redeliver');
      if (!this.stopping) await this.waitForChange(this.retry.maxDelayMs);
      return;
    }
    group.committed[i]! += slice.length;
    group.catchUp?.handled(i, group.committed[i]! - 1);
    this.trimConsumed(group.topic, i);
  }

  private partitionsOf(topic: BusTopic): Partition[] {
    let partitions = this.topics.get(topic);
    if (!partitions) {
      partitions = Array.from({ length: this.partitions }, () => ({ base: 0, messages: [] }));
      this.topics.set(topic, partitions);
    }
    return partitions;
  }

  private partitionFor(key: string | null): number {
    if (key === null) return this.roundRobin++ % this.partitions;
    let hash = 0;
    for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
    return Math.abs(hash) % this.partitions;
  }

  private trimConsumed(topic: BusTopic, index: number): void {
    const groups = this.groups.filter((g) => g.topic === topic);
    const partition = this.partitionsOf(topic)[index]!;
    const floor = Math.min(...groups.map((g) => g.committed[index]!));
    const drop = floor - partition.base;
    if (drop > 0) {
      partition.messages.splice(0, drop);
      partition.base = floor;
    }
  }

  private trimUnconsumed(topic: BusTopic): void {
    if (this.groups.some((g) => g.topic === topic)) return;
    for (const partition of this.partitionsOf(topic)) {
      const excess = partition.messages.length - Math.ceil(this.retainUnconsumed / this.partitions);
      if (excess > 0) {
        partition.messages.splice(0, excess);
        partition.base += excess;
      }
    }
  }

  private notify(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  private waitForChange(timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const wake = (): void => {
        if (timer) clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
      if (timeoutMs !== undefined) timer = setTimeout(wake, timeoutMs);
    });
  }
}
