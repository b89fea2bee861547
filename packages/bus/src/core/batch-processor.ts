import type { DeadLetter, DeadLetterReason } from '@pulse/contracts';
import type { Logger, PulseMetrics } from '@pulse/runtime';
import type { BatchHandler, BusMessage, BusTopic } from './bus.port.js';
import { decodeMessage } from './message-codec.js';
import { isTransientError } from './transient-error.js';

/** A message as it comes off either transport, before validation. */
export interface IncomingMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface RetryPolicy {
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, initialDelayMs: 200, maxDelayMs: 5_000 };

export interface BatchProcessorDeps {
  app: string;
  groupId: string;
  logger: Logger;
  metrics: PulseMetrics;
  retry: RetryPolicy;
  publishDeadLetters: (letters: DeadLetter[]) => Promise<void>;
  /** Lets a long retry loop stop early when the process is shutting down. */
  isStopping: () => boolean;
  /** Told when the handler starts and stops waiting for a dependency (readiness reports it). */
  onStalled?: (stalled: boolean) => void;
  /** Longest wait between tries while a dependency is down. */
  maxStallDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The consume path shared by the Kafka and in-process buses, so embedded mode validates,
 * retries and dead-letters exactly like production. Resolves when the batch may be
 * committed; rejects only when it must be redelivered (shutdown mid-retry, or the
 * dead-letter topic itself is unreachable).
 */
export class BatchProcessor<T extends BusTopic> {
  private readonly sleep: (ms: number) => Promise<void>;
  private heartbeat: () => Promise<void> = async () => undefined;

  constructor(
    private readonly topic: T,
    private readonly handler: BatchHandler<T>,
    private readonly deps: BatchProcessorDeps,
  ) {
    this.sleep = deps.sleep ?? defaultSleep;
  }

  /** `heartbeat` keeps the consumer's group membership alive while it waits for a dependency. */
  async process(messages: IncomingMessage[], heartbeat: () => Promise<void> = async () => undefined): Promise<void> {
    this.heartbeat = heartbeat;
    const { app, metrics } = this.deps;
    const started = performance.now();
    const valid: BusMessage<T>[] = [];
    const rejected: DeadLetter[] = [];
    for (const message of messages) {
      const decoded = decodeMessage(this.topic, message.value, message.headers);
      if (decoded.ok) {
        valid.push({ topic: this.topic, partition: message.partition, offset: message.offset, key: message.key, headers: message.headers, value: decoded.value });
      } else {
        rejected.push(this.deadLetter(message, decoded.reason, decoded.error, decoded.issues));
      }
    }

    if (valid.length > 0) {
      const failed = await this.handleWithRetry(valid);
      for (const { message, error } of failed) {
        rejected.push(this.deadLetter(this.original(message, messages), 'processing-failed', error, []));
      }
    }

    if (rejected.length > 0) {
      await this.deps.publishDeadLetters(rejected);
      for (const letter of rejected) {
        this.deps.logger.warn(
          { topic: this.topic, partition: letter.origin.partition, offset: letter.origin.offset, reason: letter.reason, error: letter.error },
          'message dead-lettered',
        );
      }
    }

    metrics.messagesIn.inc({ app, topic: this.topic, outcome: 'ok' }, messages.length - rejected.length);
    if (rejected.length > 0) metrics.messagesIn.inc({ app, topic: this.topic, outcome: 'dead-lettered' }, rejected.length);
    metrics.batchSize.observe({ app, topic: this.topic }, messages.length);
    metrics.batchSeconds.observe({ app, topic: this.topic }, (performance.now() - started) / 1000);
  }

  /**
   * Retries the whole batch with backoff (a store restart, a broker blip), then isolates
   * poison messages by handling them one at a time; only those that still fail are
   * returned for dead-lettering, so one bad mention cannot block its partition.
   */
  private async handleWithRetry(batch: BusMessage<T>[]): Promise<{ message: BusMessage<T>; error: string }[]> {
    const first = await this.attempt(batch);
    if (first === null) return [];
    if (batch.length === 1) return [{ message: batch[0]!, error: first }];
    this.deps.logger.warn({ topic: this.topic, size: batch.length, error: first }, 'batch failed after retries: handling messages one by one');
    const failed: { message: BusMessage<T>; error: string }[] = [];
    for (const message of batch) {
      const error = await this.attempt([message], 1);
      if (error !== null) failed.push({ message, error });
    }
    return failed;
  }

  /**
   * Returns null on success, or the last error message. A transient failure (store or broker
   * unavailable, a reset connection) does not use up attempts: the consumer waits, with capped
   * backoff, for as long as the dependency is down, reporting itself stalled; offsets are not
   * committed meanwhile, so nothing is skipped and nothing is dead-lettered for an outage.
   */
  private async attempt(batch: BusMessage<T>[], attempts = this.deps.retry.attempts): Promise<string | null> {
    let delay = this.deps.retry.initialDelayMs;
    let lastError = '';
    let stalled = false;
    const unstall = (): void => {
      if (stalled) this.deps.onStalled?.(false);
    };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await this.handler(batch);
        unstall();
        return null;
      } catch (error) {
        if (isTransientError(error) && !this.deps.isStopping()) {
          if (!stalled) {
            stalled = true;
            this.deps.onStalled?.(true);
            this.deps.logger.warn({ err: error, topic: this.topic, size: batch.length }, 'a dependency is unavailable: waiting, not dead-lettering');
          }
          this.deps.metrics.errors.inc({ app: this.deps.app, kind: 'dependency-unavailable' });
          attempt--;
          await this.sleep(delay);
          delay = Math.min(delay * 2, this.deps.maxStallDelayMs ?? this.deps.retry.maxDelayMs);
          await this.heartbeat().catch(() => undefined);
          continue;
        }
        unstall();
        stalled = false;
        lastError = error instanceof Error ? error.message : String(error);
        this.deps.metrics.errors.inc({ app: this.deps.app, kind: 'handler' });
        this.deps.logger.warn({ err: error, topic: this.topic, attempt, size: batch.length }, 'batch handler failed');
        if (this.deps.isStopping()) throw new Error(`stopping during retries: ${lastError}`, { cause: error });
        if (attempt < attempts) {
          await this.sleep(delay);
          delay = Math.min(delay * 2, this.deps.retry.maxDelayMs);
        }
      }
    }
    return lastError;
  }

  private original(message: BusMessage<T>, messages: IncomingMessage[]): IncomingMessage {
    return messages.find((m) => m.partition === message.partition && m.offset === message.offset)!;
  }

  private deadLetter(
    message: IncomingMessage,
    reason: DeadLetterReason,
    error: string,
    issues: { path: string; message: string }[],
  ): DeadLetter {
    const value = message.value ?? Buffer.alloc(0);
    const text = value.toString('utf8');
    const isUtf8 = Buffer.from(text, 'utf8').equals(value);
    return {
      reason,
      error,
      issues,
      origin: { topic: this.topic, partition: message.partition, offset: message.offset, key: message.key, consumerGroup: this.deps.groupId },
      payload: isUtf8 ? text : value.toString('base64'),
      payloadEncoding: isUtf8 ? 'utf8' : 'base64',
      headers: message.headers,
      failedAt: new Date().toISOString(),
    };
  }
}

