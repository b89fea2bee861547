import type { SpikeMetric } from '../alerts/alert.schema.js';
import { emptyBaseline, foldIntoBaseline, type EwmaBaseline } from './ewma.baseline.js';

const HOUR_MS = 60 * 60_000;

/** One topic's stored counts for one whole hour (the store's hourly rollups: no spam, no copies). */
export interface HourlyCount {
  topicId: string;
  /** Start of the hour, epoch ms. */
  hourStart: number;
  total: number;
  /** Negative toward this topic, as the detector counts it. */
  negative: number;
}

export interface BaselineSeedOptions {
  bucketMs: number;
  alpha: number;
  /** Epoch ms; only hours that ended before it count (the current hour is still filling). */
  now: number;
  /**
   * History whose newest hour is older than this (relative to the current hour) does not reach
   * the present: a backfill still under way, or a topic that went quiet. Seeding from it would
   * fill the gap with zeros and make ordinary traffic look like a spike. Default 2 hours.
   */
  maxGapMs?: number;
}

/** The baselines a topic's buckets would have built had the detector been running, per metric. */
export type SeededBaselines = Map<string, Record<SpikeMetric, EwmaBaseline>>;

/**
 * Spike baselines from hourly history, so a fresh detector (first start after a backfill, a
 * restart without a snapshot) alerts at once instead of after its warm-up. Each topic's hours
 * are laid end to end from the hour after its first stored one to the last complete one
 * (missing hours are zeros: the rollups keep no empty rows), split into detector buckets and
 * folded as the live detector would fold them.
 */
export function seedBaselines(counts: readonly HourlyCount[], options: BaselineSeedOptions): SeededBaselines {
  const currentHour = Math.floor(options.now / HOUR_MS) * HOUR_MS;
  const maxGapMs = options.maxGapMs ?? 2 * HOUR_MS;
  const byTopic = new Map<string, Map<number, HourlyCount>>();
  for (const row of counts) {
    if (row.hourStart >= currentHour || row.hourStart % HOUR_MS !== 0) continue;
    let hours = byTopic.get(row.topicId);
    if (!hours) byTopic.set(row.topicId, (hours = new Map()));
    hours.set(row.hourStart, row);
  }
  const seeded: SeededBaselines = new Map();
  for (const [topicId, hours] of byTopic) {
    const starts = [...hours.keys()];
    // The first stored hour may be partial (collection started within it): it would read as a quiet hour.
    const first = Math.min(...starts) + HOUR_MS;
    const last = Math.max(...starts);
    if (first >= currentHour || currentHour - HOUR_MS - last > maxGapMs) continue;
    const series = { total: [] as number[], negative: [] as number[] };
    for (let hour = first; hour < currentHour; hour += HOUR_MS) {
      const row = hours.get(hour);
      series.total.push(row?.total ?? 0);
      series.negative.push(row?.negative ?? 0);
    }
    seeded.set(topicId, {
      total: baselineFromHourly(series.total, options.bucketMs, options.alpha),
      negative: baselineFromHourly(series.negative, options.bucketMs, options.alpha),
    });
  }
  return seeded;
}

/**
 * Folds hourly counts (oldest first) into a baseline of per-bucket counts. Buckets shorter than
 * an hour get an even share of their hour; longer ones sum their hours. An even share carries
 * only the variation between hours, so the Poisson variance of a count with that mean is added
 * for sub-hour buckets: without it the seeded variance would be near zero and ordinary
 * minute-to-minute noise would read as a spike.
 */
export function baselineFromHourly(hourly: readonly number[], bucketMs: number, alpha: number): EwmaBaseline {
  let baseline = emptyBaseline();
  if (bucketMs <= HOUR_MS) {
    const perHour = Math.max(1, Math.round(HOUR_MS / bucketMs));
    for (const count of hourly) {
      for (let i = 0; i < perHour; i += 1) baseline = foldIntoBaseline(baseline, count / perHour, alpha);
    }
    return baseline.samples === 0 ? baseline : { ...baseline, variance: baseline.variance + Math.max(0, baseline.mean) };
  }
  const hoursPerBucket = Math.max(1, Math.round(bucketMs / HOUR_MS));
  for (let i = 0; i + hoursPerBucket <= hourly.length; i += hoursPerBucket) {
    baseline = foldIntoBaseline(baseline, hourly.slice(i, i + hoursPerBucket).reduce((sum, c) => sum + c, 0), alpha);
  }
  return baseline;
}
