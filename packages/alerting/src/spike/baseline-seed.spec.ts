import { describe, expect, it } from 'vitest';
import { baselineFromHourly, seedBaselines, type HourlyCount } from './baseline-seed.js';
import { SpikeDetector } from './spike.detector.js';

const HOUR = 60 * 60_000;
const BUCKET = 5 * 60_000;
const NOW = Date.parse('2026-03-08T12:20:00.000Z');
const CURRENT_HOUR = Date.parse('2026-03-08T12:00:00.000Z');

/** `hours` complete hours before the current one, oldest first, with these counts. */
function history(topicId: string, totals: readonly number[], negativeShare = 0.2): HourlyCount[] {
  return totals.map((total, i) => ({ topicId, hourStart: CURRENT_HOUR - (totals.length - i) * HOUR, total, negative: Math.round(total * negativeShare) }));
}

describe('seedBaselines', () => {
  it('splits each hour into buckets: 120 an hour is a mean of 10 per 5-minute bucket, with Poisson variance', () => {
    const [beeline] = seedBaselines(history('beeline', Array(24).fill(120)), { bucketMs: BUCKET, alpha: 0.1, now: NOW }).values();
    expect(beeline!.total.mean).toBeCloseTo(10, 6);
    expect(beeline!.total.variance).toBeCloseTo(10, 6);
    expect(beeline!.total.samples).toBe(23 * 12);
    expect(beeline!.negative.mean).toBeCloseTo(2, 6);
  });

  it('fills hours without rows with zeros, and ignores the first stored hour (maybe partial) and the current one', () => {
    const rows = [...history('mts', [5, 60, 0, 0, 60]).filter((r) => r.total > 0), { topicId: 'mts', hourStart: CURRENT_HOUR, total: 5000, negative: 5000 }];
    const [mts] = seedBaselines(rows, { bucketMs: BUCKET, alpha: 0.1, now: NOW }).values();
    expect(mts!.total.samples).toBe(4 * 12);
    expect(mts!.total.mean).toBeLessThan(5);
    // Only the hour collection started in: nothing to go on yet.
    expect(seedBaselines(history('tele2', [3]), { bucketMs: BUCKET, alpha: 0.1, now: NOW }).size).toBe(0);
  });

  it('skips a topic whose history does not reach the present (a backfill under way)', () => {
    const old = history('tele2', Array(10).fill(100)).map((r) => ({ ...r, hourStart: r.hourStart - 3 * 24 * HOUR }));
    expect(seedBaselines(old, { bucketMs: BUCKET, alpha: 0.1, now: NOW }).size).toBe(0);
  });

  it('sums hours into buckets longer than an hour', () => {
    const b = baselineFromHourly([1, 2, 3, 4, 5, 6], 2 * HOUR, 1);
    expect(b).toEqual({ mean: 11, variance: 0, samples: 3 });
  });
});

describe('SpikeDetector.seed', () => {
  const burst = (detector: SpikeDetector, topicId: string, count: number, at: number) => {
    for (let i = 0; i < count; i += 1) detector.observe({ id: `${topicId}-${at}-${i}`, topicIds: [topicId], publishedAt: new Date(at + i).toISOString(), sentiment: { label: 'negative' } });
  };

  it('lets a fresh detector alert at once after a backfill: no hour of warm-up', () => {
    let now = NOW;
    const cold = new SpikeDetector({ clock: () => now });
    const seeded = new SpikeDetector({ clock: () => now });
    expect(seeded.seed(history('beeline', Array(24).fill(120)))).toEqual(['beeline']);
    const start = CURRENT_HOUR + 4 * BUCKET;
    now = start;
    burst(cold, 'beeline', 80, start);
    burst(seeded, 'beeline', 80, start);
    now = start + BUCKET + 2 * 60_000;
    expect(cold.tick()).toEqual([]);
    expect(seeded.tick().map((a) => [a.topicId, a.metric, a.severity])).toEqual([['beeline', 'negative', 'critical']]);
  });

  it('keeps a baseline already learned live, and reports which topics are still cold', () => {
    let now = NOW;
    const detector = new SpikeDetector({ clock: () => now, warmupBuckets: 2 });
    for (let b = 0; b < 3; b += 1) {
      now = CURRENT_HOUR + b * BUCKET;
      for (let i = 0; i < 3; i += 1) detector.observe({ id: `a${b}-${i}`, topicIds: ['a'], publishedAt: new Date(now + i).toISOString(), sentiment: { label: 'negative' } });
    }
    now = CURRENT_HOUR + 3 * BUCKET + 3 * 60_000;
    detector.tick();
    detector.observe({ id: 'b1', topicIds: ['b'], publishedAt: new Date(now).toISOString(), sentiment: { label: 'neutral' } });
    expect(detector.coldTopics()).toEqual(['b']);
    expect(detector.seed([...history('a', Array(5).fill(600)), ...history('b', Array(5).fill(12))])).toEqual(['b']);
    expect(detector.snapshot().topics.find((t) => t.topicId === 'a')!.baselines['total']!.mean).toBeLessThan(5);
    expect(detector.coldTopics()).toEqual([]);
  });

  it('counts events older than an hour as history: no alert, no buckets anchored days back', () => {
    const now = NOW;
    const detector = new SpikeDetector({ clock: () => now, warmupBuckets: 0, minCount: 1 });
    burst(detector, 'beeline', 50, NOW - 3 * 24 * HOUR);
    expect(detector.stats()).toMatchObject({ stale: 50, openBuckets: 0, bucketsClosed: 0 });
    expect(detector.tick()).toEqual([]);
  });
});
