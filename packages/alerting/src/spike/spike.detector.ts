import type { SentimentLabel } from '@pulse/contracts';
import { z } from 'zod';
import {
  ALERT_SEVERITIES,
  SPIKE_METRICS,
  alertSeveritySchema,
  severityRank,
  spikeAlertId,
  type AlertSeverity,
  type SpikeAlert,
  type SpikeMetric,
} from '../alerts/alert.schema.js';
import { seedBaselines, type HourlyCount } from './baseline-seed.js';
import { emptyBaseline, foldIntoBaseline, zScore, type EwmaBaseline } from './ewma.baseline.js';

/**
 * The part of a scored mention the detector reads; `ScoredMention` satisfies it as is, and
 * so does a hand-built event from a replay or a test.
 */
export interface SpikeEvent {
  id: string;
  topicIds: readonly string[];
  publishedAt: string;
  sentiment: {
    label: SentimentLabel;
    /** Tone towards each topic; wins over the overall label for that topic when present. */
    byTopic?: readonly { topicId: string; label: SentimentLabel }[];
  };
  spam?: { score: number };
  duplicateOf?: string | null;
}

export type SeverityThresholds = Record<AlertSeverity, number>;

export interface SpikeDetectorOptions {
  /** Width of a counting bucket. Default 5 minutes. */
  bucketMs?: number;
  /** EWMA weight of the newest bucket, 0 < alpha ≤ 1. Default 0.1 (≈ the last 10 buckets dominate). */
  alpha?: number;
  /** Variance floor in the z denominator. Default 1. */
  epsilon?: number;
  /** Minimum z per severity; `warning` is the alert threshold. Default 3 / 5 / 8. */
  severityThresholds?: Partial<SeverityThresholds>;
  /** A bucket needs at least this many mentions to alert, however unusual. Default 10. */
  minCount?: number;
  /** Buckets of history a topic needs before it may alert. Default 12 (an hour of 5-minute buckets). */
  warmupBuckets?: number;
  /** Quiet time after the last anomalous bucket of a (topic, metric) before it alerts again. Default 30 minutes. */
  cooldownMs?: number;
  /** At most `maxAlerts` alerts per `periodMs` of clock time across all topics. Default 20 per hour. */
  cap?: { maxAlerts: number; periodMs: number };
  /** How long a bucket stays open after its end for stragglers. Default half a bucket, at most 2 minutes. */
  allowedLatenessMs?: number;
  /**
   * Events published longer ago than this (by the clock) are history, not news: a backfill or
   * an import must neither alert nor anchor the buckets days back. Their baselines come from
   * `seed` instead. Default 1 hour, so a catch-up after a short outage is still watched.
   */
  maxEventAgeMs?: number;
  /** Event times further ahead of the clock than this are treated as "now". Default 5 minutes. */
  maxFutureSkewMs?: number;
  metrics?: readonly SpikeMetric[];
  /** Count mentions scored as spam (spam.score ≥ 0.5). Default false, as the dashboard's counts. */
  countSpam?: boolean;
  /** Count copies of earlier mentions. Default false, as the dashboard's counts. */
  countDuplicates?: boolean;
  /**
   * Alert on negative mentions while a bucket is still open, as soon as their count crosses the
   * thresholds, instead of after it closes (up to a bucket plus its lateness later). Only the
   * oldest open bucket is judged (its baseline is final) and its count only grows, so this raises
   * nothing the close would not: the same alert, sooner. The close re-raises only if the bucket
   * got worse (an escalation); total volume is judged at the close. Default false.
   */
  alertOpenBuckets?: boolean;
  clock?: () => number;
}

export interface SpikeDetectorStats {
  observed: number;
  /** Events whose bucket had already closed: dropped from detection (not from the store). */
  late: number;
  /** Events older than `maxEventAgeMs`: history, dropped from detection (not from the store). */
  stale: number;
  filtered: number;
  invalid: number;
  duplicates: number;
  bucketsClosed: number;
  raised: number;
  /** Alerts dropped by the cap, all time. */
  suppressed: number;
  openBuckets: number;
  topics: number;
}

const SAMPLE_SIZE = 5;
const SPAM_THRESHOLD = 0.5;

interface TopicCounts {
  total: number;
  negative: number;
  samples: Record<SpikeMetric, string[]>;
}

interface OpenBucket {
  seen: Set<string>;
  topics: Map<string, TopicCounts>;
  /** `topic\u0000metric` → severity already raised while the bucket was open (alertOpenBuckets). */
  raisedOpen: Map<string, AlertSeverity>;
}

const cooldownSchema = z.object({ until: z.number(), severity: alertSeveritySchema });
type Cooldown = z.infer<typeof cooldownSchema>;
const baselineSchema = z.object({ mean: z.number(), variance: z.number().nonnegative(), samples: z.number().int().nonnegative() });

/** What to persist across restarts so the baseline need not warm up again. Open buckets are not kept. */
export const spikeDetectorSnapshotSchema = z.object({
  version: z.literal(1),
  bucketMs: z.number().int().positive(),
  nextBucketStart: z.number().nullable(),
  watermark: z.number().nullable(),
  topics: z.array(
    z.object({
      topicId: z.string().min(1),
      baselines: z.record(z.string(), baselineSchema),
      cooldowns: z.record(z.string(), cooldownSchema),
    }),
  ),
  capWindow: z.array(z.number()),
  suppressedPending: z.number().int().nonnegative(),
});
export type SpikeDetectorSnapshot = z.infer<typeof spikeDetectorSnapshotSchema>;

interface TopicState {
  baselines: Map<SpikeMetric, EwmaBaseline>;
  cooldowns: Map<SpikeMetric, Cooldown>;
}

interface Candidate {
  topicId: string;
  metric: SpikeMetric;
  severity: AlertSeverity;
  z: number;
  count: number;
  baseline: EwmaBaseline;
  samples: string[];
  escalatedFrom: AlertSeverity | null;
  /** An escalation of an alert this bucket raised while open (alertOpenBuckets). */
  sameBucket: boolean;
}

/**
 * Volume-spike detection per topic over event-time buckets. Single-threaded and
 * deterministic: the same events, ticks and clock readings give the same alerts, which is
 * what lets the tests replay incidents and a restarted detector resume from a snapshot.
 */
export class SpikeDetector {
  private readonly bucketMs: number;
  private readonly alpha: number;
  private readonly epsilon: number;
  private readonly thresholds: SeverityThresholds;
  private readonly minCount: number;
  private readonly warmupBuckets: number;
  private readonly cooldownMs: number;
  private readonly cap: { maxAlerts: number; periodMs: number };
  private readonly allowedLatenessMs: number;
  private readonly maxEventAgeMs: number;
  private readonly maxFutureSkewMs: number;
  private readonly metrics: readonly SpikeMetric[];
  private readonly countSpam: boolean;
  private readonly countDuplicates: boolean;
  private readonly alertOpenBuckets: boolean;
  private readonly clock: () => number;

  private readonly open = new Map<number, OpenBucket>();
  private readonly topics = new Map<string, TopicState>();
  /** Start of the oldest bucket not closed yet; null until the first event. */
  private nextBucketStart: number | null = null;
  private watermark: number | null = null;
  private capWindow: number[] = [];
  private suppressedPending = 0;
  private readonly counters = { observed: 0, late: 0, stale: 0, filtered: 0, invalid: 0, duplicates: 0, bucketsClosed: 0, raised: 0, suppressed: 0 };

  constructor(options: SpikeDetectorOptions = {}, snapshot?: SpikeDetectorSnapshot) {
    this.bucketMs = options.bucketMs ?? 5 * 60_000;
    this.alpha = options.alpha ?? 0.1;
    this.epsilon = options.epsilon ?? 1;
    this.thresholds = { warning: 3, high: 5, critical: 8, ...options.severityThresholds };
    this.minCount = options.minCount ?? 10;
    this.warmupBuckets = options.warmupBuckets ?? 12;
    this.cooldownMs = options.cooldownMs ?? 30 * 60_000;
    this.cap = options.cap ?? { maxAlerts: 20, periodMs: 60 * 60_000 };
    // Short buckets (a test's, a demo's) should not wait two minutes each for stragglers.
    this.allowedLatenessMs = options.allowedLatenessMs ?? Math.min(2 * 60_000, this.bucketMs / 2);
    this.maxEventAgeMs = options.maxEventAgeMs ?? 60 * 60_000;
    this.maxFutureSkewMs = options.maxFutureSkewMs ?? 5 * 60_000;
    this.metrics = options.metrics ?? SPIKE_METRICS;
    this.countSpam = options.countSpam ?? false;
    this.countDuplicates = options.countDuplicates ?? false;
    this.alertOpenBuckets = options.alertOpenBuckets ?? false;
    this.clock = options.clock ?? Date.now;
    this.validate();
    if (snapshot) this.restore(snapshot);
  }

  /** Counts one mention; returns the alerts of any buckets its time closed. */
  observe(event: SpikeEvent): SpikeAlert[] {
    this.counters.observed += 1;
    let time = Date.parse(event.publishedAt);
    if (Number.isNaN(time)) {
      this.counters.invalid += 1;
      return [];
    }
    if (!this.countSpam && (event.spam?.score ?? 0) >= SPAM_THRESHOLD) {
      this.counters.filtered += 1;
      return [];
    }
    if (!this.countDuplicates && event.duplicateOf) {
      this.counters.filtered += 1;
      return [];
    }
    // A clock-skewed source must not close every open bucket at once.
    const now = this.clock();
    if (time > now + this.maxFutureSkewMs) time = now;
    if (time < now - this.maxEventAgeMs) {
      this.counters.stale += 1;
      return [];
    }
    const start = this.bucketStartOf(time);
    this.nextBucketStart ??= start;
    if (start < this.nextBucketStart) {
      this.counters.late += 1;
      return [];
    }
    this.count(start, event);
    return this.advance(time);
  }

  /**
   * Judges the oldest open bucket's negative mentions as they stand (alertOpenBuckets): its
   * baseline is final, so an anomaly now is one its close would see too. Total volume waits for
   * the close, as before: a negative burst is also a volume burst, and judged early the total
   * (crossing its minimum first) would raise a second alert for the same incident. Each topic
   * alerts once while open; the close re-raises only an escalation.
   */
  private judgeOpen(): SpikeAlert[] {
    if (!this.alertOpenBuckets || this.nextBucketStart === null || !this.metrics.includes('negative')) return [];
    const start = this.nextBucketStart;
    const bucket = this.open.get(start);
    if (!bucket) return [];
    const end = start + this.bucketMs;
    const candidates: Candidate[] = [];
    for (const topicId of [...bucket.topics.keys()].sort()) {
      if (bucket.raisedOpen.has(`${topicId}\u0000negative`)) continue;
      const state = this.topicState(topicId);
      const negative = this.anomalies(topicId, state, bucket.topics.get(topicId)).get('negative');
      if (negative) candidates.push(...this.outsideCooldown(state, new Map([['negative', negative]]), end));
    }
    const alerts = this.applyCap(candidates, start, end);
    for (const alert of alerts) bucket.raisedOpen.set(`${alert.topicId}\u0000${alert.metric}`, alert.severity);
    return alerts;
  }

  /** Closes the buckets that `now` puts past their lateness, so a quiet topic still gets its zeros and a last burst still alerts. */
  tick(now: number = this.clock()): SpikeAlert[] {
    if (this.nextBucketStart === null) return [];
    return this.advance(now);
  }

  /**
   * Baselines from the store's hourly history for topics that have not warmed up yet (a baseline
   * learned live is kept). Returns the topics seeded. See baseline-seed.ts.
   */
  seed(counts: readonly HourlyCount[]): string[] {
    const seeded = seedBaselines(counts, { bucketMs: this.bucketMs, alpha: this.alpha, now: this.clock() });
    const applied: string[] = [];
    for (const [topicId, baselines] of seeded) {
      const state = this.topicState(topicId);
      let changed = false;
      for (const metric of this.metrics) {
        const current = state.baselines.get(metric);
        const seededBaseline = baselines[metric];
        if ((current?.samples ?? 0) >= this.warmupBuckets || seededBaseline.samples === 0) continue;
        state.baselines.set(metric, seededBaseline);
        changed = true;
      }
      if (changed) applied.push(topicId);
    }
    return applied;
  }

  /** Topics seen that still lack a warm baseline for some metric: `seed` would help them. */
  coldTopics(): string[] {
    const seen = new Set(this.topics.keys());
    for (const bucket of this.open.values()) for (const topicId of bucket.topics.keys()) seen.add(topicId);
    const warm = (topicId: string): boolean =>
      this.metrics.every((metric) => (this.topics.get(topicId)?.baselines.get(metric)?.samples ?? 0) >= this.warmupBuckets);
    return [...seen].filter((topicId) => !warm(topicId)).sort();
  }

  stats(): SpikeDetectorStats {
    return { ...this.counters, openBuckets: this.open.size, topics: this.topics.size };
  }

  snapshot(): SpikeDetectorSnapshot {
    return {
      version: 1,
      bucketMs: this.bucketMs,
      nextBucketStart: this.nextBucketStart,
      watermark: this.watermark,
      topics: [...this.topics].map(([topicId, state]) => ({
        topicId,
        baselines: Object.fromEntries([...state.baselines].map(([m, b]) => [m, { ...b }])),
        cooldowns: Object.fromEntries([...state.cooldowns].map(([m, c]) => [m, { ...c }])),
      })),
      capWindow: [...this.capWindow],
      suppressedPending: this.suppressedPending,
    };
  }

  private validate(): void {
    const positive = { bucketMs: this.bucketMs, capPeriodMs: this.cap.periodMs, epsilon: this.epsilon };
    for (const [name, value] of Object.entries(positive)) {
      if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`SpikeDetector: ${name} must be a positive number`);
    }
    const nonNegative = { cooldownMs: this.cooldownMs, allowedLatenessMs: this.allowedLatenessMs, maxEventAgeMs: this.maxEventAgeMs, maxFutureSkewMs: this.maxFutureSkewMs, minCount: this.minCount, warmupBuckets: this.warmupBuckets, maxAlerts: this.cap.maxAlerts };
    for (const [name, value] of Object.entries(nonNegative)) {
      if (!(value >= 0) || !Number.isFinite(value)) throw new RangeError(`SpikeDetector: ${name} must be a non-negative number`);
    }
    if (!(this.alpha > 0 && this.alpha <= 1)) throw new RangeError('SpikeDetector: alpha must be in (0, 1]');
    const { warning, high, critical } = this.thresholds;
    if (!(warning > 0 && warning <= high && high <= critical)) {
      throw new RangeError('SpikeDetector: severity thresholds must satisfy 0 < warning ≤ high ≤ critical');
    }
    if (this.metrics.length === 0) throw new RangeError('SpikeDetector: at least one metric is required');
  }

  private restore(raw: SpikeDetectorSnapshot): void {
    const snapshot = spikeDetectorSnapshotSchema.parse(raw);
    // Baselines are per bucket width; folding 1-minute history into 5-minute buckets would be wrong.
    if (snapshot.bucketMs !== this.bucketMs) return;
    this.nextBucketStart = snapshot.nextBucketStart;
    this.watermark = snapshot.watermark;
    this.capWindow = [...snapshot.capWindow];
    this.suppressedPending = snapshot.suppressedPending;
    for (const topic of snapshot.topics) {
      const state = this.topicState(topic.topicId);
      for (const metric of SPIKE_METRICS) {
        const baseline = topic.baselines[metric];
        if (baseline) state.baselines.set(metric, { ...baseline });
        const cooldown = topic.cooldowns[metric];
        if (cooldown) state.cooldowns.set(metric, { ...cooldown });
      }
    }
  }

  private bucketStartOf(time: number): number {
    return Math.floor(time / this.bucketMs) * this.bucketMs;
  }

  private count(start: number, event: SpikeEvent): void {
    let bucket = this.open.get(start);
    if (!bucket) {
      bucket = { seen: new Set(), topics: new Map(), raisedOpen: new Map() };
      this.open.set(start, bucket);
    }
    // At-least-once delivery and re-scoring republish a mention with the same id and time.
    if (bucket.seen.has(event.id)) {
      this.counters.duplicates += 1;
      return;
    }
    bucket.seen.add(event.id);
    for (const topicId of new Set(event.topicIds)) {
      let counts = bucket.topics.get(topicId);
      if (!counts) {
        counts = { total: 0, negative: 0, samples: { total: [], negative: [] } };
        bucket.topics.set(topicId, counts);
      }
      counts.total += 1;
      if (counts.samples.total.length < SAMPLE_SIZE) counts.samples.total.push(event.id);
      const label = event.sentiment.byTopic?.find((t) => t.topicId === topicId)?.label ?? event.sentiment.label;
      if (label === 'negative') {
        counts.negative += 1;
        if (counts.samples.negative.length < SAMPLE_SIZE) counts.samples.negative.push(event.id);
      }
    }
  }

  private advance(time: number): SpikeAlert[] {
    this.watermark = this.watermark === null ? time : Math.max(this.watermark, time);
    const alerts: SpikeAlert[] = [];
    while (this.nextBucketStart !== null && this.nextBucketStart + this.bucketMs + this.allowedLatenessMs <= this.watermark) {
      alerts.push(...this.close(this.nextBucketStart));
      this.nextBucketStart += this.bucketMs;
    }
    alerts.push(...this.judgeOpen());
    return alerts;
  }

  private topicState(topicId: string): TopicState {
    let state = this.topics.get(topicId);
    if (!state) {
      state = { baselines: new Map(), cooldowns: new Map() };
      this.topics.set(topicId, state);
    }
    return state;
  }

  private severityOf(z: number): AlertSeverity | null {
    for (let i = ALERT_SEVERITIES.length - 1; i >= 0; i -= 1) {
      const severity = ALERT_SEVERITIES[i]!;
      if (z >= this.thresholds[severity]) return severity;
    }
    return null;
  }

  private close(start: number): SpikeAlert[] {
    const bucket = this.open.get(start);
    this.open.delete(start);
    this.counters.bucketsClosed += 1;
    const end = start + this.bucketMs;
    for (const topicId of bucket?.topics.keys() ?? []) this.topicState(topicId);

    const candidates: Candidate[] = [];
    for (const [topicId, state] of [...this.topics].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const counts = bucket?.topics.get(topicId);
      const anomalies = this.anomalies(topicId, state, counts);
      for (const metric of this.metrics) {
        // Spikes are folded in too: a lasting new level must become the normal one.
        const baseline = state.baselines.get(metric) ?? emptyBaseline();
        state.baselines.set(metric, foldIntoBaseline(baseline, counts?.[metric] ?? 0, this.alpha));
      }
      for (const candidate of this.outsideCooldown(state, anomalies, end)) {
        // Already raised while open: only an escalation comes through the cooldown, as a second alert of this bucket.
        if (bucket?.raisedOpen.has(`${topicId}\u0000${candidate.metric}`)) candidate.sameBucket = true;
        candidates.push(candidate);
      }
    }
    return this.applyCap(candidates, start, end);
  }

  /** The (topic, metric) pairs whose count in this bucket crosses the thresholds against the topic's baseline. */
  private anomalies(topicId: string, state: TopicState, counts: TopicCounts | undefined): Map<SpikeMetric, Candidate> {
    const anomalies = new Map<SpikeMetric, Candidate>();
    for (const metric of this.metrics) {
      const count = counts?.[metric] ?? 0;
      const baseline = state.baselines.get(metric) ?? emptyBaseline();
      if (baseline.samples < this.warmupBuckets || count < this.minCount) continue;
      const z = zScore(baseline, count, this.epsilon);
      const severity = this.severityOf(z);
      if (severity) anomalies.set(metric, { topicId, metric, severity, z, count, baseline, samples: [...(counts?.samples[metric] ?? [])], escalatedFrom: null, sameBucket: false });
    }
    return anomalies;
  }

  /**
   * A burst of negative mentions is also a burst of mentions; one alert per incident, the more
   * specific one, while the total's cooldown still starts. Returns the anomalies no cooldown covers.
   */
  private outsideCooldown(state: TopicState, anomalies: Map<SpikeMetric, Candidate>, end: number): Candidate[] {
    const negative = anomalies.get('negative');
    const total = anomalies.get('total');
    if (negative && total) {
      this.inCooldown(state, total, end);
      anomalies.delete('total');
    }
    return [...anomalies.values()].filter((candidate) => !this.inCooldown(state, candidate, end));
  }

  /**
   * Records the anomaly in the (topic, metric) cooldown and says whether it is covered by
   * it. Each anomalous bucket pushes the cooldown's end further, so a sustained burst is one
   * incident; getting worse (a higher severity) re-raises it once per level.
   */
  private inCooldown(state: TopicState, candidate: Candidate, end: number): boolean {
    const current = state.cooldowns.get(candidate.metric);
    const active = current !== undefined && end - this.bucketMs < current.until;
    const severity = active && severityRank(current.severity) > severityRank(candidate.severity) ? current.severity : candidate.severity;
    state.cooldowns.set(candidate.metric, { until: end + this.cooldownMs, severity });
    if (!active) return false;
    if (severityRank(candidate.severity) > severityRank(current.severity)) {
      candidate.escalatedFrom = current.severity;
      return false;
    }
    return true;
  }

  private applyCap(candidates: Candidate[], start: number, end: number): SpikeAlert[] {
    if (candidates.length === 0) return [];
    // The cap keeps the most urgent alerts when it has to choose.
    candidates.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.z - a.z);
    const now = this.clock();
    this.capWindow = this.capWindow.filter((t) => t > now - this.cap.periodMs);
    const alerts: SpikeAlert[] = [];
    const bucketStart = new Date(start).toISOString();
    for (const c of candidates) {
      if (this.capWindow.length >= this.cap.maxAlerts) {
        this.suppressedPending += 1;
        this.counters.suppressed += 1;
        continue;
      }
      this.capWindow.push(now);
      this.counters.raised += 1;
      alerts.push({
        kind: 'spike',
        id: c.sameBucket ? spikeAlertId(c.topicId, c.metric, bucketStart, c.severity) : spikeAlertId(c.topicId, c.metric, bucketStart),
        topicId: c.topicId,
        metric: c.metric,
        severity: c.severity,
        count: c.count,
        baseline: round(c.baseline.mean),
        baselineStdDev: round(Math.sqrt(c.baseline.variance)),
        zScore: round(c.z),
        bucketStart,
        bucketEnd: new Date(end).toISOString(),
        raisedAt: new Date(now).toISOString(),
        sampleMentionIds: [...c.samples],
        escalatedFrom: c.escalatedFrom,
        suppressedBefore: this.suppressedPending,
      });
      this.suppressedPending = 0;
    }
    return alerts;
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
