import {
  DeliveryQueue,
  EmailNotifier,
  SlackNotifier,
  SpikeDetector,
  TelegramNotifier,
  WebhookNotifier,
  type Alert,
  type FetchLike,
  type HourlyCount,
  type LeakAlert,
  type Notifier,
  type NotifierStatus,
  type SpikeDetectorOptions,
  type SpikeDetectorSnapshot,
  type SpikeDetectorStats,
} from '@pulse/alerting';
import { TOPICS, alertTopicIds, type AlertKind, type ScoredMention } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { Logger } from '@pulse/runtime';
import type { AlertsConfig } from '../config/gateway.config.js';
import { GatewayError } from '../errors/gateway.errors.js';
import { AlertFeed } from './alert-feed.js';
import { MemoryAlertStore, type AlertStore } from './alert-store.port.js';

export const ALERT_TICK_MS = 30_000;
const MAX_LIMIT = 500;
const DRAIN_TIMEOUT_MS = 10_000;

export interface AlertServiceOptions {
  config: AlertsConfig | undefined;
  logger: Logger;
  /** Live subscribers' queue size. */
  subscriptionBuffer?: number;
  /** Injected by tests; detector, leak watch, delivery and webhook signatures all read it. */
  clock?: () => number;
  fetch?: FetchLike;
  /** Where alerts are kept; in memory (last 500) when absent. */
  store?: AlertStore;
  /** Where alerts are published for other consumers (pulse.alerts.v1); not published when absent. */
  bus?: Pick<Bus, 'publish'>;
  /** Where the spike detector's learned state survives restarts; not kept when absent. */
  baselines?: BaselineStore;
  /** The leak watch (the gateway's is managed in the product, src/leak-watch); no leak alerts when absent. */
  leaks?: LeakMatcher;
}

/** Decides whether a stored mention is a leak; `LeakWatch` of @pulse/alerting fits too. */
export interface LeakMatcher {
  check(mention: ScoredMention): LeakAlert | null;
}

/** Persists the spike detector's snapshot (JSON), so a restart does not start a new warm-up. */
export interface BaselineStore {
  load(): Promise<string | null>;
  save(snapshot: string): Promise<void>;
}

export interface AlertQuery {
  topicIds?: readonly string[] | null;
  kinds?: readonly AlertKind[] | null;
  since?: string | null;
  limit?: number | null;
}

function buildNotifiers(config: AlertsConfig | undefined, clock: () => number, fetch: FetchLike | undefined): Notifier[] {
  const notifiers: Notifier[] = [];
  const http = fetch ? { fetch } : {};
  if (config?.webhook) notifiers.push(new WebhookNotifier({ ...config.webhook, clock, ...http }));
  if (config?.slack) notifiers.push(new SlackNotifier({ ...config.slack, ...http }));
  if (config?.telegram) notifiers.push(new TelegramNotifier({ ...config.telegram, ...http }));
  if (config?.email) {
    const { from, to, auth, port, ...smtp } = config.email;
    notifiers.push(new EmailNotifier({ from, to, smtp: { ...smtp, ...(port === undefined ? {} : { port }), ...(auth ? { auth } : {}), clock } }));
  }
  return notifiers;
}

/**
 * Spike, leak and rule alerts over the mentions this gateway stores. Detection state lives
 * in this process: with several gateway replicas each sees only its share of the scored
 * topic's partitions, so each detects on a part of the traffic (run one replica, or a
 * dedicated consumer group, until alerts get their own consumer). Raised alerts are stored
 * (the `alerts` query reads every replica's), published to pulse.alerts.v1, pushed to live
 * subscribers and delivered to notifiers — each exactly once per alert id.
 */
export class AlertService {
  readonly feed: AlertFeed;
  private detector: SpikeDetector;
  private readonly detectorOptions: SpikeDetectorOptions;
  /** Where the learned baselines are kept between restarts. */
  private readonly baselines: BaselineStore | undefined;
  private readonly leaks: LeakMatcher | undefined;
  private readonly delivery: DeliveryQueue;
  private readonly logger: Logger;
  private readonly clock: () => number;
  private readonly store: AlertStore;
  private readonly bus: Pick<Bus, 'publish'> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Raises in flight, so stop() can wait for them and tests can settle. */
  private pending = new Set<Promise<void>>();

  constructor(options: AlertServiceOptions) {
    this.logger = options.logger.child({ component: 'alerts' });
    this.clock = options.clock ?? Date.now;
    const clock = this.clock;
    this.detectorOptions = { ...options.config?.detector, clock };
    this.detector = new SpikeDetector(this.detectorOptions);
    this.leaks = options.leaks;
    this.delivery = new DeliveryQueue({
      notifiers: buildNotifiers(options.config, clock, options.fetch),
      clock,
      onEvent: (event) => {
        if (event.type === 'delivered') this.logger.debug(event, 'alert delivered');
        else this.logger.warn(event, `alert delivery ${event.type}`);
      },
    });
    this.feed = new AlertFeed(this.logger, options.subscriptionBuffer);
    this.store = options.store ?? new MemoryAlertStore();
    this.bus = options.bus;
    this.baselines = options.baselines;
  }

  /** Retention: alerts raised before the cutoff; returns how many went. */
  deleteBefore(cutoff: string): Promise<number> {
    return this.store.deleteBefore(cutoff);
  }

  /**
   * Resumes the learned baselines, cooldowns and cap from the last saved snapshot, so a
   * restart neither re-enters warm-up (missing a crisis) nor forgets a cooldown (re-alerting
   * an ongoing one). A snapshot that no longer parses (or another bucket width) is ignored.
   * Call before the first mention is observed.
   */
  async resume(): Promise<boolean> {
    if (!this.baselines) return false;
    try {
      const saved = await this.baselines.load();
      if (saved === null) return false;
      this.detector = new SpikeDetector(this.detectorOptions, JSON.parse(saved) as SpikeDetectorSnapshot);
      this.logger.info({ topics: this.detector.stats().topics }, 'resumed spike baselines');
      return true;
    } catch (error) {
      this.detector = new SpikeDetector(this.detectorOptions);
      this.logger.warn({ err: error }, 'could not resume spike baselines; warming up again');
      return false;
    }
  }

  /** Saves the detector's state; called on every timer tick and at stop. Never throws. */
  async persist(): Promise<void> {
    if (!this.baselines) return;
    try {
      await this.baselines.save(JSON.stringify(this.detector.snapshot()));
    } catch (error) {
      this.logger.warn({ err: error }, 'could not save spike baselines');
    }
  }

  /** Closes quiet buckets on a timer, so the last burst before a lull still alerts. */
  start(intervalMs = ALERT_TICK_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.tick();
      void this.persist();
    }, intervalMs);
    this.timer.unref();
  }

  /** Call only with stored mentions: an alert must point at mentions a query can find. */
  observe(mentions: readonly ScoredMention[]): void {
    const raised: Alert[] = [];
    for (const mention of mentions) {
      raised.push(...this.detector.observe(mention));
      const leak = this.leaks?.check(mention);
      if (leak) raised.push(leak);
    }
    void this.raise(raised);
  }

  tick(now: number = this.clock()): void {
    void this.raise(this.detector.tick(now));
  }

  async list(query: AlertQuery = {}): Promise<Alert[]> {
    const limit = query.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new GatewayError('INVALID_ARGUMENT', `limit must be 1 to ${MAX_LIMIT}`, { field: 'limit' });
    if (query.since && Number.isNaN(Date.parse(query.since))) throw new GatewayError('INVALID_ARGUMENT', 'since must be an ISO 8601 date-time', { field: 'since' });
    try {
      return await this.store.list({
        limit,
        ...(query.since ? { since: query.since } : {}),
        ...(query.topicIds?.length ? { topicIds: query.topicIds } : {}),
        ...(query.kinds?.length ? { kinds: query.kinds } : {}),
      });
    } catch (error) {
      throw new GatewayError('STORE_UNAVAILABLE', `alert store query failed: ${(error as Error).message}`, {}, { cause: error });
    }
  }

  /** Waits for raises in flight (stored, published, queued for delivery). */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  deliveryStatus(): NotifierStatus[] {
    return this.delivery.status();
  }

  detectorStats(): SpikeDetectorStats {
    return this.detector.stats();
  }

  /** Seeds cold spike baselines from stored hourly counts (baseline-bootstrap.ts); returns the topics seeded. */
  seedBaselines(counts: readonly HourlyCount[]): string[] {
    return this.detector.seed(counts);
  }

  /** Topics seen without a warm spike baseline yet. */
  coldTopics(): string[] {
    return this.detector.coldTopics();
  }

  /** Stops the timer and live subscriptions, then gives pending deliveries a bounded chance. */
  async stop(drainTimeoutMs = DRAIN_TIMEOUT_MS): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.settle();
    await this.persist();
    this.feed.closeAll();
    await this.delivery.drain(drainTimeoutMs);
  }

  /**
   * Stores first, then publishes, pushes live and delivers only what the store did not know:
   * a redelivered batch or a second replica re-raising the same id is one alert everywhere.
   * Never throws: detection runs after the mentions are stored and must not fail their batch.
   */
  raise(alerts: readonly Alert[]): Promise<void> {
    if (alerts.length === 0) return Promise.resolve();
    const job = this.persistAndDeliver(alerts).finally(() => this.pending.delete(job));
    this.pending.add(job);
    return job;
  }

  private async persistAndDeliver(alerts: readonly Alert[]): Promise<void> {
    let fresh: Alert[];
    try {
      fresh = await this.store.saveNew(alerts);
    } catch (error) {
      this.logger.error({ err: error, alertIds: alerts.map((a) => a.id) }, 'could not store alerts; delivering them anyway');
      fresh = [...alerts];
    }
    if (fresh.length === 0) return;
    for (const alert of fresh) {
      this.delivery.enqueue(alert);
      this.logger.info({ alertId: alert.id, kind: alert.kind, severity: alert.severity, topicIds: alertTopicIds(alert) }, 'alert raised');
    }
    if (!this.bus) {
      this.feed.publish(fresh);
      return;
    }
    // Live subscribers on every replica get it from pulse.alerts.v1 (see AlertRelay), this one's included.
    try {
      await this.bus.publish(TOPICS.alerts, fresh);
    } catch (error) {
      this.logger.error({ err: error, alertIds: fresh.map((a) => a.id) }, `could not publish alerts to ${TOPICS.alerts}`);
    }
  }
}
