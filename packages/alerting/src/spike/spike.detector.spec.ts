import { describe, expect, it } from 'vitest';
import { alertSchema, type SpikeAlert } from '../alerts/alert.schema.js';
import { SpikeDetector, type SpikeDetectorOptions, type SpikeEvent } from './spike.detector.js';

const T0 = Date.parse('2026-03-01T00:00:00.000Z');
const BUCKET = 5 * 60_000;
const LATENESS = 2 * 60_000;

type Tone = { negative?: number; neutral?: number };

/** A simulated feed: the clock follows the buckets, each bucket closed by a tick after its lateness. */
function harness(options: SpikeDetectorOptions = {}) {
  let now = T0;
  const detector = new SpikeDetector({ clock: () => now, ...options });
  const alerts: SpikeAlert[] = [];
  let serial = 0;

  function event(bucket: number, topicIds: string[], label: 'negative' | 'neutral', offsetMs: number): SpikeEvent {
    serial += 1;
    return {
      id: `m${serial}`,
      topicIds,
      publishedAt: new Date(T0 + bucket * BUCKET + offsetMs).toISOString(),
      sentiment: { label },
    };
  }

  function bucket(index: number, topics: Record<string, Tone>): SpikeAlert[] {
    const raised: SpikeAlert[] = [];
    now = T0 + index * BUCKET;
    for (const [topic, tone] of Object.entries(topics)) {
      const events = [
        ...Array.from({ length: tone.negative ?? 0 }, () => 'negative' as const),
        ...Array.from({ length: tone.neutral ?? 0 }, () => 'neutral' as const),
      ];
      events.forEach((label, i) => {
        const offset = Math.floor((i * (BUCKET - 1)) / Math.max(events.length, 1));
        raised.push(...detector.observe(event(index, [topic], label, offset)));
      });
    }
    now = T0 + (index + 1) * BUCKET + LATENESS;
    raised.push(...detector.tick(now));
    alerts.push(...raised);
    return raised;
  }

  /** Buckets [from, to) with the same counts. */
  function steady(from: number, to: number, topics: Record<string, Tone> | ((i: number) => Record<string, Tone>)): SpikeAlert[] {
    const raised: SpikeAlert[] = [];
    for (let i = from; i < to; i += 1) raised.push(...bucket(i, typeof topics === 'function' ? topics(i) : topics));
    return raised;
  }

  return { detector, alerts, bucket, steady, event, setNow: (t: number) => (now = t) };
}

/** A calm topic: 8–12 mentions a bucket, 1–3 of them negative, in a fixed pattern. */
const calm = (i: number): Tone => ({ negative: 1 + (i % 3), neutral: 7 + ((i * 7) % 5) });

describe('SpikeDetector', () => {
  it('raises exactly one alert for a burst of 200 negative mentions over two buckets after a calm warm-up', () => {
    const h = harness();
    expect(h.steady(0, 24, (i) => ({ beeline: calm(i) }))).toEqual([]);

    h.bucket(24, { beeline: { negative: 120, neutral: 10 } });
    h.bucket(25, { beeline: { negative: 80, neutral: 10 } });
    h.steady(26, 40, (i) => ({ beeline: calm(i) }));

    expect(h.alerts).toHaveLength(1);
    const [alert] = h.alerts;
    expect(alertSchema.parse(alert)).toEqual(alert);
    expect(alert).toMatchObject({
      kind: 'spike',
      topicId: 'beeline',
      metric: 'negative',
      severity: 'critical',
      count: 120,
      bucketStart: '2026-03-01T02:00:00.000Z',
      bucketEnd: '2026-03-01T02:05:00.000Z',
      escalatedFrom: null,
      suppressedBefore: 0,
    });
    expect(alert!.baseline).toBeGreaterThan(1);
    expect(alert!.baseline).toBeLessThan(3);
    expect(alert!.zScore).toBeGreaterThan(8);
    expect(alert!.sampleMentionIds).toHaveLength(5);
    expect(h.detector.stats()).toMatchObject({ raised: 1, suppressed: 0, late: 0 });
  });

  it('gives a bucket the same id however often it is replayed', () => {
    const run = () => {
      const h = harness();
      h.steady(0, 24, (i) => ({ beeline: calm(i) }));
      return h.bucket(24, { beeline: { negative: 120 } })[0]?.id;
    };
    const first = run();
    expect(first).toMatch(/^spike:[A-Za-z0-9_-]{22}$/);
    expect(run()).toBe(first);
  });

  it('does not alert on a steady high volume, and adapts to a lasting new level after one alert', () => {
    const h = harness();
    const high = (i: number): Tone => ({ negative: 40 + (i % 5), neutral: 55 + ((i * 3) % 11) });
    expect(h.steady(0, 100, (i) => ({ mts: high(i) }))).toEqual([]);

    const h2 = harness();
    h2.steady(0, 24, (i) => ({ mts: calm(i) }));
    const raised = h2.steady(24, 24 + 12 * 24, (i) => ({ mts: high(i) }));
    expect(raised).toHaveLength(1);
    expect(raised[0]!.bucketStart).toBe('2026-03-01T02:00:00.000Z');
  });

  it('keeps a topic quiet until it has warmed up', () => {
    const h = harness({ warmupBuckets: 12 });
    h.steady(0, 6, (i) => ({ beeline: calm(i) }));
    expect(h.bucket(6, { beeline: { negative: 200 } })).toEqual([]);
    h.steady(7, 20, (i) => ({ beeline: calm(i) }));
    expect(h.bucket(20, { beeline: { negative: 200 } })).toHaveLength(1);
  });

  it('does not alert below the minimum volume, however unusual', () => {
    const h = harness({ minCount: 10 });
    h.steady(0, 24, (i) => ({ quiet: { negative: i % 4 === 0 ? 1 : 0 }, beeline: calm(i) }));
    expect(h.bucket(24, { quiet: { negative: 9 }, beeline: calm(0) })).toEqual([]);
    expect(h.bucket(25, { quiet: { negative: 12 }, beeline: calm(0) }).map((a) => [a.topicId, a.metric])).toEqual([['quiet', 'negative']]);
  });

  it('maps z to severity levels', () => {
    // A flat history (mean 10, variance 0, ε 1) makes z = count − 10 exactly.
    const h = harness({ metrics: ['total'], severityThresholds: { warning: 3, high: 5, critical: 8 } });
    const flat = { a: { neutral: 10 }, b: { neutral: 10 }, c: { neutral: 10 }, d: { neutral: 10 } };
    h.steady(0, 20, flat);
    const raised = h.bucket(20, { a: { neutral: 12 }, b: { neutral: 14 }, c: { neutral: 16 }, d: { neutral: 19 } });
    expect(Object.fromEntries(raised.map((a) => [a.topicId, [a.severity, a.zScore]]))).toEqual({
      b: ['warning', 4],
      c: ['high', 6],
      d: ['critical', 9],
    });
    // Most urgent first.
    expect(raised.map((a) => a.topicId)).toEqual(['d', 'c', 'b']);
  });

  it('holds a (topic, metric) in cooldown, re-raising only on escalation, and alerts again after quiet', () => {
    const h = harness({ metrics: ['total'], cooldownMs: 30 * 60_000 });
    h.steady(0, 20, { a: { neutral: 10 } });
    expect(h.bucket(20, { a: { neutral: 14 } }).map((a) => a.severity)).toEqual(['warning']);
    const escalated = h.bucket(21, { a: { neutral: 40 } });
    expect(escalated.map((a) => [a.severity, a.escalatedFrom])).toEqual([['critical', 'warning']]);
    // Still anomalous but no worse: covered by the cooldown, which it extends.
    expect(h.bucket(22, { a: { neutral: 120 } })).toEqual([]);
    expect(h.steady(23, 28, { a: { neutral: 10 } })).toEqual([]);
    expect(h.bucket(28, { a: { neutral: 400 } })).toEqual([]);
    // 30 quiet minutes after the last anomalous bucket the topic may alert again.
    h.steady(29, 60, { a: { neutral: 10 } });
    expect(h.bucket(60, { a: { neutral: 400 } })).toHaveLength(1);
    expect(h.detector.stats().raised).toBe(3);
  });

  it('caps alerts per period and reports how many it suppressed', () => {
    const h = harness({ metrics: ['total'], cap: { maxAlerts: 2, periodMs: 60 * 60_000 } });
    const topics = ['a', 'b', 'c', 'd', 'e'];
    h.steady(0, 20, Object.fromEntries(topics.map((t) => [t, { neutral: 10 }])));
    const raised = h.bucket(20, { a: { neutral: 30 }, b: { neutral: 60 }, c: { neutral: 15 }, d: { neutral: 25 }, e: { neutral: 50 } });
    expect(raised.map((a) => a.topicId)).toEqual(['b', 'e']);
    expect(h.detector.stats().suppressed).toBe(3);

    h.steady(21, 40, Object.fromEntries(topics.map((t) => [t, { neutral: 10 }])));
    const next = h.bucket(40, { a: { neutral: 10 }, b: { neutral: 10 }, c: { neutral: 90 }, d: { neutral: 10 }, e: { neutral: 10 } });
    expect(next.map((a) => [a.topicId, a.suppressedBefore])).toEqual([['c', 3]]);
  });

  it('closes buckets on a quiet tick, so the last burst before silence still alerts', () => {
    const h = harness({ metrics: ['negative'] });
    h.steady(0, 20, { beeline: { negative: 2 } });
    h.setNow(T0 + 20 * BUCKET);
    for (let i = 0; i < 50; i += 1) expect(h.detector.observe(h.event(20, ['beeline'], 'negative', i * 1000))).toEqual([]);
    const closedBefore = h.detector.stats().bucketsClosed;
    // Still within the lateness: the bucket stays open.
    expect(h.detector.tick(T0 + 21 * BUCKET + LATENESS - 1)).toEqual([]);
    const alerts = h.detector.tick(T0 + 21 * BUCKET + LATENESS);
    expect(alerts.map((a) => a.count)).toEqual([50]);
    // Three more silent hours: 36 empty buckets fold zeros into the baseline.
    h.detector.tick(T0 + 57 * BUCKET + LATENESS);
    expect(h.detector.stats().bucketsClosed).toBe(closedBefore + 37);
  });

  it('drops late events, counts each mention once and ignores spam and copies by default', () => {
    const h = harness();
    h.steady(0, 3, { a: { neutral: 10 } });
    const late = h.event(0, ['a'], 'negative', 0);
    expect(h.detector.observe(late)).toEqual([]);
    h.setNow(T0 + 3 * BUCKET);
    const fresh = h.event(3, ['a'], 'neutral', 0);
    h.detector.observe(fresh);
    h.detector.observe(fresh);
    h.detector.observe({ ...h.event(3, ['a'], 'neutral', 0), spam: { score: 0.9 } });
    h.detector.observe({ ...h.event(3, ['a'], 'neutral', 0), duplicateOf: 'm1' });
    h.detector.observe({ ...h.event(3, ['a'], 'neutral', 0), publishedAt: 'yesterday' });
    expect(h.detector.stats()).toMatchObject({ late: 1, duplicates: 1, filtered: 2, invalid: 1 });
  });

  it('uses the per-topic tone when the scorer gave one', () => {
    const h = harness({ metrics: ['negative'], warmupBuckets: 1 });
    h.steady(0, 2, { a: { neutral: 10 }, b: { neutral: 10 } });
    h.setNow(T0 + 2 * BUCKET);
    for (let i = 0; i < 30; i += 1) {
      h.detector.observe({
        ...h.event(2, ['a', 'b'], 'neutral', i),
        sentiment: { label: 'neutral', byTopic: [{ topicId: 'a', label: 'negative' }, { topicId: 'b', label: 'positive' }] },
      });
    }
    expect(h.detector.tick(T0 + 3 * BUCKET + LATENESS).map((a) => a.topicId)).toEqual(['a']);
  });

  it('resumes from a snapshot without warming up again', () => {
    const h = harness();
    h.steady(0, 24, (i) => ({ beeline: calm(i) }));
    const snapshot = JSON.parse(JSON.stringify(h.detector.snapshot()));
    let now = T0 + 24 * BUCKET;
    const restored = new SpikeDetector({ clock: () => now }, snapshot);
    for (let i = 0; i < 100; i += 1) {
      restored.observe({ id: `r${i}`, topicIds: ['beeline'], publishedAt: new Date(now + i).toISOString(), sentiment: { label: 'negative' } });
    }
    now = T0 + 25 * BUCKET + LATENESS;
    expect(restored.tick().map((a) => [a.topicId, a.metric])).toEqual([['beeline', 'negative']]);
  });

  it('treats event times far in the future as now', () => {
    const h = harness();
    h.steady(0, 2, { a: { neutral: 10 } });
    h.setNow(T0 + 2 * BUCKET);
    const closed = h.detector.stats().bucketsClosed;
    h.detector.observe({ ...h.event(2, ['a'], 'neutral', 0), publishedAt: '2099-01-01T00:00:00.000Z' });
    expect(h.detector.stats().bucketsClosed).toBe(closed);
  });

  it('rejects nonsensical options', () => {
    expect(() => new SpikeDetector({ alpha: 0 })).toThrow(/alpha/);
    expect(() => new SpikeDetector({ severityThresholds: { warning: 6, high: 5 } })).toThrow(/thresholds/);
    expect(() => new SpikeDetector({ bucketMs: 0 })).toThrow(/bucketMs/);
  });
});

describe('SpikeDetector with alertOpenBuckets', () => {
  /** Negative mentions of `topic` one second apart from `offsetMs` into bucket `index`, the clock following them; returns the alerts raised meanwhile. */
  function burst(h: ReturnType<typeof harness>, index: number, topic: string, n: number, offsetMs = 0): SpikeAlert[] {
    const raised: SpikeAlert[] = [];
    for (let i = 0; i < n; i += 1) {
      const event = h.event(index, [topic], 'negative', offsetMs + i * 1000);
      h.setNow(Date.parse(event.publishedAt));
      raised.push(...h.detector.observe(event));
    }
    return raised;
  }

  it('raises the alert as soon as the open bucket crosses the threshold, with the id the close would give, and not again at the close', () => {
    const closed = harness();
    closed.steady(0, 24, (i) => ({ beeline: calm(i) }));
    expect(burst(closed, 24, 'beeline', 12)).toEqual([]);
    const atClose = closed.detector.tick(T0 + 25 * BUCKET + LATENESS);
    expect(atClose).toHaveLength(1);

    const open = harness({ alertOpenBuckets: true });
    expect(open.steady(0, 24, (i) => ({ beeline: calm(i) }))).toEqual([]);
    const early = burst(open, 24, 'beeline', 12);
    expect(early).toHaveLength(1);
    expect(early[0]!.severity).toBe(atClose[0]!.severity);
    // Ten negative mentions (the minimum count) a few seconds into the bucket, not minutes after its end.
    expect(early[0]).toMatchObject({ id: atClose[0]!.id, topicId: 'beeline', metric: 'negative', count: 10, escalatedFrom: null });
    expect(Date.parse(early[0]!.raisedAt)).toBe(T0 + 24 * BUCKET + 9_000);
    expect(open.detector.tick(T0 + 25 * BUCKET + LATENESS)).toEqual([]);
    expect(open.detector.stats().raised).toBe(1);
  });

  it('raises nothing a closed bucket would not: a quiet topic stays quiet and the warm-up still holds', () => {
    const h = harness({ alertOpenBuckets: true });
    expect(h.steady(0, 40, (i) => ({ beeline: calm(i), mts: calm(i + 1) }))).toEqual([]);
    const cold = harness({ alertOpenBuckets: true });
    cold.steady(0, 5, (i) => ({ beeline: calm(i) }));
    expect(burst(cold, 5, 'beeline', 60)).toEqual([]);
  });

  it('re-raises at the close, under its own id, only a bucket that got worse', () => {
    const h = harness({ alertOpenBuckets: true });
    h.steady(0, 24, (i) => ({ beeline: calm(i) }));
    // Ten negative in the first seconds over a calm 1–3: high (z ≈ 6.5); sixty by the close: critical.
    const raised = burst(h, 24, 'beeline', 10);
    expect(raised.map((a) => [a.metric, a.severity, a.count])).toEqual([['negative', 'high', 10]]);
    expect(burst(h, 24, 'beeline', 50, 60_000)).toEqual([]);
    const atClose = h.detector.tick(T0 + 25 * BUCKET + LATENESS);
    expect(atClose.map((a) => [a.metric, a.severity, a.escalatedFrom, a.count])).toEqual([['negative', 'critical', 'high', 60]]);
    expect(atClose[0]!.id).not.toBe(raised[0]!.id);
  });

  it('leaves total volume to the close: a negative burst is one alert, a neutral one alerts at the close', () => {
    const h = harness({ alertOpenBuckets: true });
    h.steady(0, 24, (i) => ({ beeline: calm(i), mts: calm(i) }));
    // Neutral volume crosses the total's thresholds well before the close, yet is judged only then.
    const neutral = Array.from({ length: 40 }, (_, i) => h.event(24, ['mts'], 'neutral', i * 1000));
    expect(neutral.flatMap((e) => h.detector.observe(e))).toEqual([]);
    expect(burst(h, 24, 'beeline', 12, 60_000).map((a) => a.metric)).toEqual(['negative']);
    const atClose = h.detector.tick(T0 + 25 * BUCKET + LATENESS);
    expect(atClose.map((a) => [a.topicId, a.metric])).toEqual([['mts', 'total']]);
  });

  it('judges only the oldest open bucket: a burst just after a boundary waits for the previous bucket to close', () => {
    const h = harness({ alertOpenBuckets: true });
    h.steady(0, 24, (i) => ({ beeline: calm(i) }));
    // Bucket 24 is calm and still open (its lateness runs into bucket 25) when the burst starts.
    for (const event of Array.from({ length: 3 }, (_, i) => h.event(24, ['beeline'], 'neutral', i * 60_000))) h.detector.observe(event);
    expect(burst(h, 25, 'beeline', 30)).toEqual([]);
    const raised = h.detector.tick(T0 + 25 * BUCKET + LATENESS);
    expect(raised.map((a) => [a.metric, a.count, a.bucketStart])).toEqual([['negative', 30, new Date(T0 + 25 * BUCKET).toISOString()]]);
  });
});
