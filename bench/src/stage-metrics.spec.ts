import { describe, expect, it } from 'vitest';
import { stageBetween, type HistogramSnapshot } from './stage-metrics.js';

describe('stageBetween', () => {
  it('estimates percentiles from the bucket deltas between two snapshots', () => {
    const key = 'pulse_consume_delay_seconds{gateway,t}';
    const before: HistogramSnapshot = new Map([[key, { buckets: [[0.01, 5], [0.1, 5], [1, 5], [Infinity, 5]], count: 5, sum: 0.02 }]]);
    const after: HistogramSnapshot = new Map([[key, { buckets: [[0.01, 55], [0.1, 104], [1, 105], [Infinity, 105]], count: 105, sum: 1.02 }]]);
    const stage = stageBetween(before, after, key)!;
    expect(stage.count).toBe(100);
    expect(stage.meanMs).toBe(10);
    expect(stage.p50Ms).toBe(10); // 50 of 100 fell at or below 10 ms
    expect(stage.p99Ms).toBeCloseTo(100, 0);
  });

  it('says nothing when the series did not move', () => {
    const key = 'x';
    const snap: HistogramSnapshot = new Map([[key, { buckets: [[1, 3]], count: 3, sum: 1 }]]);
    expect(stageBetween(snap, snap, key)).toBeUndefined();
  });
});
