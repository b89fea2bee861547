import {
  DeliveryQueue,
  EmailNotifier,
  LeakWatch,
  SlackNotifier,
  SpikeDetector,
  TelegramNotifier,
  WebhookNotifier,
  type Alert,
  type FetchLike,
  type Notifier,
  type NotifierStatus,
  type SpikeDetectorStats,
} from '@pulse/alerting';
import type { ScoredMention } from '@pulse/contracts';
import type { Logger } from '@pulse/runtime';
import type { AlertsConfig } from '../config/gateway.config.js';
import { GatewayError } from '../errors/gateway.errors.js';
import { AlertFeed, alertTopicIds } from './alert-feed.js';

export const ALERT_TICK_MS = 30_000;
const RECENT_ALERTS = 500;
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
}

export interface AlertQuery {
  topicIds?: readonly string[] | null;
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
 * Spike and leak alerts over the mentions this gateway stores. Detection state lives in
 * this process: with several gateway replicas each sees only its share of the scored
 * topic's partitions, so each detects on a part of the traffic (run one replica, or a
 * dedicated consumer group, until alerts get their own consumer). Recent alerts are kept
 * in memory only; persisting them in the store is a follow-up.
 */
export class AlertService {
  readonly feed: AlertFeed;
  private readonly detector: SpikeDetector;
  private readonly leaks: LeakWatch | undefined;
  private readonly delivery: DeliveryQueue;
  private readonly logger: Logger;
  private readonly clock: () => number;
  /** Newest last; bounded so a noisy week cannot grow memory. */
  private readonly recent: Alert[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(options: AlertServiceOptions) {
    this.logger = options.logger.child({ component: 'alerts' });
    this.clock = options.clock ?? Date.now;
    const clock = this.clock;
    this.detector = new SpikeDetector({ ...options.config?.detector, clock });
    this.leaks = options.config?.leakWatch ? new LeakWatch(options.config.leakWatch, { clock }) : undefined;
    this.delivery = new DeliveryQueue({
      notifiers: buildNotifiers(options.config, clock, options.fetch),
      clock,
      onEvent: (event) => {
        if (event.type === 'delivered') this.logger.debug(event, 'alert delivered');
        else this.logger.warn(event, `alert delivery ${event.type}`);
      },
    });
    this.feed = new AlertFeed(this.logger, options.subscriptionBuffer);
  }

  /** Closes quiet buckets on a timer, so the last burst before a lull still alerts. */
  start(intervalMs = ALERT_TICK_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), intervalMs);
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
    this.raise(raised);
  }

  tick(now: number = this.clock()): void {
    this.raise(this.detector.tick(now));
  }

  list(query: AlertQuery = {}): Alert[] {
    const limit = query.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new GatewayError('INVALID_ARGUMENT', `limit must be 1 to ${MAX_LIMIT}`, { field: 'limit' });
    const since = query.since ? Date.parse(query.since) : undefined;
    const topics = query.topicIds && query.topicIds.length > 0 ? new Set(query.topicIds) : undefined;
    const out: Alert[] = [];
    for (let i = this.recent.length - 1; i >= 0 && out.length < limit; i--) {
      const alert = this.recent[i]!;
      if (since !== undefined && Date.parse(alert.raisedAt) < since) continue;
      if (topics && !alertTopicIds(alert).some((id) => topics.has(id))) continue;
      out.push(alert);
    }
    return out;
  }

  deliveryStatus(): NotifierStatus[] {
    return this.delivery.status();
  }

  detectorStats(): SpikeDetectorStats {
    return this.detector.stats();
  }

  /** Stops the timer and live subscriptions, then gives pending deliveries a bounded chance. */
  async stop(drainTimeoutMs = DRAIN_TIMEOUT_MS): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.feed.closeAll();
    await this.delivery.drain(drainTimeoutMs);
  }

  private raise(alerts: readonly Alert[]): void {
    // A redelivered batch re-raises the same leak (same id): show and publish it once.
    const fresh = alerts.filter((alert) => !this.recent.some((known) => known.id === alert.id));
    if (fresh.length === 0) return;
    for (const alert of fresh) {
      this.recent.push(alert);
      this.delivery.enqueue(alert);
      this.logger.info({ alertId: alert.id, kind: alert.kind, severity: alert.severity, topicIds: alertTopicIds(alert) }, 'alert raised');
    }
    if (this.recent.length > RECENT_ALERTS) this.recent.splice(0, this.recent.length - RECENT_ALERTS);
    this.feed.publish(fresh);
  }
}
