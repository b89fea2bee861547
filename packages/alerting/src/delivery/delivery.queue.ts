import type { Alert } from '../alerts/alert.schema.js';
import { DeliveryError, isPermanentFailure, type Notifier } from '../notifiers/notifier.port.js';

export interface DeliveryQueueOptions {
  notifiers: readonly Notifier[];
  /** Attempts per (alert, notifier), the first included. Default 6. */
  maxAttempts?: number;
  /** Backoff before the 2nd attempt; doubles each time. Default 1 s. */
  baseDelayMs?: number;
  /** Backoff ceiling, also for a channel's Retry-After. Default 5 minutes. */
  maxDelayMs?: number;
  /** Sends in flight across all notifiers. Default 4. */
  concurrency?: number;
  /** Deliveries queued or waiting to retry; beyond it new ones are dropped and counted. Default 1000. */
  maxPending?: number;
  /** Alert ids remembered to ignore a re-enqueued alert (redelivery, replay). Default 10,000. */
  dedupeWindow?: number;
  random?: () => number;
  clock?: () => number;
  /** For logs and metrics; must not throw. */
  onEvent?: (event: DeliveryEvent) => void;
}

export type DeliveryEvent =
  | { type: 'delivered'; notifier: string; alertId: string; attempt: number }
  | { type: 'retrying'; notifier: string; alertId: string; attempt: number; delayMs: number; error: string }
  | { type: 'failed'; notifier: string; alertId: string; attempts: number; error: string; permanent: boolean }
  | { type: 'dropped'; notifier: string; alertId: string; reason: 'queue-full' | 'shutdown' };

export interface DeliveryFailure {
  alertId: string;
  notifier: string;
  attempts: number;
  error: string;
  permanent: boolean;
  at: string;
}

/** Per notifier, for a "failures visible" API. */
export interface NotifierStatus {
  name: string;
  delivered: number;
  /** Deliveries given up on: a permanent error, or attempts exhausted. */
  failed: number;
  /** Failed attempts that were retried. */
  retried: number;
  /** Not attempted: the queue was full, or shutdown came first. */
  dropped: number;
  /** Queued, in flight or waiting to retry. */
  pending: number;
  /** Resets on success; > 0 means the channel is failing right now. */
  consecutiveFailures: number;
  lastDeliveredAt: string | null;
  lastError: { alertId: string; message: string; attempt: number; permanent: boolean; at: string } | null;
}

interface Job {
  alert: Alert;
  notifier: Notifier;
  status: NotifierStatus;
  attempt: number;
  timer: NodeJS.Timeout | null;
}

const RECENT_FAILURES = 100;

/**
 * Fans each alert out to every notifier and retries each (alert, notifier) on its own, so a
 * dead Slack webhook neither delays Telegram nor the detector: `enqueue` is synchronous and
 * never throws. Delivery is at least once per channel (a timeout after the channel accepted
 * is retried); receivers dedupe by alert id.
 */
export class DeliveryQueue {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly concurrency: number;
  private readonly maxPending: number;
  private readonly dedupeWindow: number;
  private readonly random: () => number;
  private readonly clock: () => number;
  private readonly onEvent: (event: DeliveryEvent) => void;

  private readonly statuses = new Map<string, NotifierStatus>();
  private readonly ready: Job[] = [];
  private readonly waiting = new Set<Job>();
  private readonly seen = new Set<string>();
  private readonly failures: DeliveryFailure[] = [];
  private running = 0;
  private closed = false;
  private deadline: number | null = null;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: DeliveryQueueOptions) {
    const names = options.notifiers.map((n) => n.name);
    const repeated = names.find((n, i) => names.indexOf(n) !== i);
    if (repeated !== undefined) throw new RangeError(`DeliveryQueue: notifier name "${repeated}" is used twice`);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 6);
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.maxPending = options.maxPending ?? 1000;
    this.dedupeWindow = options.dedupeWindow ?? 10_000;
    this.random = options.random ?? Math.random;
    this.clock = options.clock ?? Date.now;
    this.onEvent = options.onEvent ?? (() => undefined);
    for (const notifier of options.notifiers) {
      this.statuses.set(notifier.name, {
        name: notifier.name,
        delivered: 0,
        failed: 0,
        retried: 0,
        dropped: 0,
        pending: 0,
        consecutiveFailures: 0,
        lastDeliveredAt: null,
        lastError: null,
      });
    }
  }

  /** Queues the alert for every notifier; false when the queue is closed or the alert was already queued. */
  enqueue(alert: Alert): boolean {
    if (this.closed || this.seen.has(alert.id)) return false;
    this.seen.add(alert.id);
    if (this.seen.size > this.dedupeWindow) this.seen.delete(this.seen.values().next().value!);
    for (const notifier of this.options.notifiers) {
      const status = this.statuses.get(notifier.name)!;
      if (this.pending() >= this.maxPending) {
        status.dropped += 1;
        this.emit({ type: 'dropped', notifier: notifier.name, alertId: alert.id, reason: 'queue-full' });
        continue;
      }
      status.pending += 1;
      this.ready.push({ alert, notifier, status, attempt: 0, timer: null });
    }
    this.pump();
    return true;
  }

  status(): NotifierStatus[] {
    return [...this.statuses.values()].map((s) => ({ ...s, lastError: s.lastError && { ...s.lastError } }));
  }

  /** The latest deliveries given up on, newest last. */
  recentFailures(): DeliveryFailure[] {
    return this.failures.map((f) => ({ ...f }));
  }

  pending(): number {
    return this.ready.length + this.waiting.size + this.running;
  }

  /**
   * Stops accepting alerts and delivers what is queued: retries waiting on backoff are tried
   * at once, later backoffs are cut to the deadline, and whatever is still undelivered at
   * the deadline is dropped (and counted) so shutdown cannot hang on a dead channel.
   */
  async drain(timeoutMs = 10_000): Promise<void> {
    this.closed = true;
    this.deadline = this.clock() + timeoutMs;
    for (const job of [...this.waiting]) this.wake(job);
    this.pump();
    if (this.pending() === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.idleWaiters.push(resolve)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    for (const job of [...this.ready, ...this.waiting]) this.drop(job);
    this.ready.length = 0;
  }

  private pump(): void {
    while (this.running < this.concurrency && this.ready.length > 0) {
      const job = this.ready.shift()!;
      this.running += 1;
      void this.attempt(job).finally(() => {
        this.running -= 1;
        this.pump();
        if (this.pending() === 0) this.notifyIdle();
      });
    }
  }

  private async attempt(job: Job): Promise<void> {
    job.attempt += 1;
    const { status } = job;
    try {
      // A notifier that throws synchronously is still just a failed attempt.
      await Promise.resolve().then(() => job.notifier.send(job.alert));
      status.pending -= 1;
      status.delivered += 1;
      status.consecutiveFailures = 0;
      status.lastDeliveredAt = new Date(this.clock()).toISOString();
      this.emit({ type: 'delivered', notifier: status.name, alertId: job.alert.id, attempt: job.attempt });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = isPermanentFailure(error);
      const at = new Date(this.clock()).toISOString();
      status.consecutiveFailures += 1;
      status.lastError = { alertId: job.alert.id, message, attempt: job.attempt, permanent, at };
      const delayMs = this.backoff(job.attempt, error);
      const outOfTime = this.deadline !== null && this.clock() + delayMs >= this.deadline;
      if (permanent || job.attempt >= this.maxAttempts || outOfTime) {
        status.pending -= 1;
        status.failed += 1;
        this.failures.push({ alertId: job.alert.id, notifier: status.name, attempts: job.attempt, error: message, permanent, at });
        if (this.failures.length > RECENT_FAILURES) this.failures.shift();
        this.emit({ type: 'failed', notifier: status.name, alertId: job.alert.id, attempts: job.attempt, error: message, permanent });
        return;
      }
      status.retried += 1;
      this.emit({ type: 'retrying', notifier: status.name, alertId: job.alert.id, attempt: job.attempt, delayMs, error: message });
      job.timer = setTimeout(() => this.wake(job), delayMs);
      // Waiting retries must not keep a process alive that is otherwise done; drain() is the way to flush.
      job.timer.unref();
      this.waiting.add(job);
    }
  }

  /** Exponential backoff with equal jitter: half fixed, half random, so retries from many alerts spread out. */
  private backoff(attempt: number, error: unknown): number {
    const exponential = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    let delay = exponential / 2 + this.random() * (exponential / 2);
    if (error instanceof DeliveryError && error.retryAfterMs !== undefined) delay = Math.max(delay, Math.min(error.retryAfterMs, this.maxDelayMs));
    return Math.round(delay);
  }

  private wake(job: Job): void {
    if (job.timer) clearTimeout(job.timer);
    job.timer = null;
    if (!this.waiting.delete(job)) return;
    this.ready.push(job);
    this.pump();
  }

  private drop(job: Job): void {
    if (job.timer) clearTimeout(job.timer);
    this.waiting.delete(job);
    job.status.pending -= 1;
    job.status.dropped += 1;
    this.emit({ type: 'dropped', notifier: job.status.name, alertId: job.alert.id, reason: 'shutdown' });
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private emit(event: DeliveryEvent): void {
    try {
      this.onEvent(event);
    } catch {
      // A broken logger must not break delivery.
    }
  }
}
