import { randomUUID } from 'node:crypto';
import type { BeforeApplicationShutdown, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TOPICS, type MentionFingerprint, type RawMention } from '@pulse/contracts';
import type { Bus, BusMessage } from '@pulse/bus';
import type { Logger, Readiness } from '@pulse/runtime';
import { CollectorError } from '../errors/collector.errors.js';
import type { TopicRegistry } from '../topics/topic-registry.service.js';
import type { QualityAssessor } from './quality.assessor.js';
import type { QualityVerdict, QualityWindow } from './quality.window.js';

export interface QualityServiceDeps {
  bus: Bus;
  window: QualityWindow;
  assessor: QualityAssessor;
  topics: TopicRegistry;
  readiness: Readiness;
  logger: Logger;
  clock: () => number;
  /** How long a request waits for its verdicts before answering BUS_UNAVAILABLE. */
  verdictTimeoutMs: number;
}

interface Pending {
  resolve(verdict: QualityVerdict): void;
  reject(error: Error): void;
}

/**
 * Quality marks that hold across collectors. Each mention's fingerprint goes onto the
 * fingerprint log (one partition, one order); every collector applies the whole log to its
 * QualityWindow, so all of them reach the same verdict for every fingerprint, and the one
 * that collected a mention marks it with that verdict. One collector or ten, embedded or
 * distributed: the same code path and the same answers.
 *
 * Cost per mention: one ~400-byte message produced once and read by every collector, one
 * window update per collector, and one produce-and-read round trip before the mention is
 * published.
 */
export class QualityService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  /** Names this instance in the tokens of the fingerprints it waits for. */
  private readonly instance = randomUUID();
  private sequence = 0;
  private readonly pending = new Map<string, Pending>();
  /** Last offset applied per partition: a redelivered batch must not count its posts twice. */
  private readonly applied = new Map<number, bigint>();
  private loaded = false;
  private closing = false;

  constructor(private readonly deps: QualityServiceDeps) {
    deps.readiness.register({ name: 'collector-quality', check: () => this.loaded });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.deps.bus.subscribe({
      topic: TOPICS.fingerprints,
      // Every collector reads the whole log with a group of its own, replaying what is retained (the window) at start.
      groupId: `pulse-collector-quality-${this.instance}`,
      ephemeral: true,
      fromBeginning: true,
      maxBatchSize: 2_000,
      maxWaitMs: 5,
      handler: async (batch) => this.apply(batch),
      onCaughtUp: () => {
        this.loaded = true;
        this.deps.logger.info('quality window loaded from the fingerprint log');
      },
    });
  }

  /**
   * Before the host's bus drains (its consumers stop first): take no new marks, let the
   * verdicts already on their way arrive, then fail what is left, so no request waits out
   * its deadline on a log nobody reads any more.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    const deadline = Date.now() + this.deps.verdictTimeoutMs;
    while (this.pending.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    this.failPending('the collector is shutting down');
  }

  onApplicationShutdown(): void {
    this.failPending('the collector is shutting down');
  }

  /** The mentions with their quality marks, once the fingerprint log has decided them. */
  async mark(mentions: readonly RawMention[]): Promise<RawMention[]> {
    if (mentions.length === 0) return [];
    if (this.closing) throw new CollectorError('BUS_UNAVAILABLE', 'the collector is shutting down: send to another instance or retry');
    const { bus, assessor, clock } = this.deps;
    const topics = this.deps.topics.active();
    const at = clock();
    const fingerprints = mentions.map((m) => assessor.fingerprint(m, topics, `${this.instance}:${++this.sequence}`, at));
    // Waiting before publishing: the verdict may come back before publish() resolves.
    const verdicts = Promise.all(fingerprints.map((f) => this.verdictFor(f.token)));
    // Handled here too: a shutdown may reject the verdicts while the publish is still pending.
    verdicts.catch(() => undefined);
    const published = bus.publish(TOPICS.fingerprints, fingerprints).catch((error: unknown) => {
      throw new CollectorError('BUS_UNAVAILABLE', `could not publish to the message bus: ${(error as Error).message}`, { cause: error });
    });
    // One deadline for both: a broker that hangs (rather than refuses) must not hold the request for kafkajs's retries.
    const decided = await withDeadline(
      published.then(() => verdicts),
      this.deps.verdictTimeoutMs,
      () => new CollectorError('BUS_UNAVAILABLE', `the message bus did not answer within ${this.deps.verdictTimeoutMs} ms`),
    ).catch((error: unknown) => {
      this.fail(fingerprints, error);
      throw error;
    });
    return mentions.map((m, i) => assessor.assess(m, decided[i]!, topics));
  }

  private verdictFor(token: string): Promise<QualityVerdict> {
    return new Promise((resolve, reject) => this.pending.set(token, { resolve, reject }));
  }

  private apply(batch: BusMessage<typeof TOPICS.fingerprints>[]): void {
    for (const message of batch) {
      const offset = BigInt(message.offset);
      const last = this.applied.get(message.partition);
      if (last !== undefined && offset <= last) continue;
      this.applied.set(message.partition, offset);
      const verdict = this.deps.window.apply(message.value);
      const waiting = this.pending.get(message.value.token);
      if (waiting) {
        this.pending.delete(message.value.token);
        waiting.resolve(verdict);
      }
    }
  }

  private fail(fingerprints: readonly MentionFingerprint[], error: unknown): void {
    for (const { token } of fingerprints) {
      const waiting = this.pending.get(token);
      this.pending.delete(token);
      waiting?.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private failPending(reason: string): void {
    const error = new CollectorError('BUS_UNAVAILABLE', reason);
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
