import { describe, expect, it } from 'vitest';
import { judgeGoals } from './goals.js';

const split = (means: number[]) => ({
  ...Object.fromEntries(
    ['collector quality marks (fingerprint log round trip)', 'collector publish raw (until acknowledged)', 'raw → sentiment (wait)', 'sentiment handler (score, publish)', 'scored → gateway (wait)', '  of which triage plan', '  of which store'].map((n, i) => [n, { meanMs: means[i], count: 2000 }]),
  ),
  // Off the path to this replica's feed: not added.
  'gateway handler (store, announce, rules)': { meanMs: 50 },
  '  of which announce stored': { meanMs: 10 },
  'gateway commit': { meanMs: 4 },
  'stored → live relay of other replicas (wait)': { meanMs: 16 },
});

const run = {
  machine: { cores: 2 },
  sentiment: { batchedToTokenizerFloor: 1.03, cpuMsPer1000: { scoring: 258, batched: 78 } },
  pipeline: {
    mentionsPerSec: 1800,
    scoring: { sharePctOfSentiment: 42.9, cpuSecondsPer1000: 0.12 },
    cpuByComponent: {
      gateway: { 'garbage collection': 20, 'Kafka client (kafkajs)': 40, 'Pulse app and packages': 40 },
      sentiment: { 'model (onnxruntime, transformers.js)': 50, 'Kafka client (kafkajs)': 50 },
      collector: { 'Kafka client (kafkajs)': 100 },
    },
    cpuSecondsPer1000: { gateway: 0.25, sentiment: 0.28, collector: 0.28, kafkaMock: 0.03, loadGenerator: 0.04 },
    latencyMs: {
      '200': { p50: 45, p99: 200, stagesMs: { collect: { p50: 3 } }, split: split([5, 3, 7, 5, 10, 1, 10]) },
      '1000': { p50: 190, p99: 600, stagesMs: { collect: { p50: 12 } }, split: split([20, 10, 20, 12, 25, 2, 30]) },
    },
  },
  memory: { gateway: { peakRssMb: 310 }, sentiment: { peakRssMb: 240 }, collector: { peakRssMb: 200 } },
  memoryByPhase: { 'latency 1000/s': { gateway: { peakRssMb: 250, heapUsedMb: 90 } }, throughput: { gateway: { peakRssMb: 310, heapUsedMb: 120 } } },
  queries: { postgres: { mentions: 1_000_000, queries: { a: { p95Ms: 40 }, filteredSearch: { p95Ms: 112 } } }, pglite: { queries: { a: { p95Ms: 140 } } } },
};

describe('judgeGoals', () => {
  const verdicts = judgeGoals(run);
  const find = (prefix: string) => verdicts.find((v) => v.goal.startsWith(prefix))!;

  it('derives the throughput ceiling from the CPU every process spends per mention', () => {
    const v = find('end to end');
    expect(v.met).toBe(false);
    // 2 cores × 1000 / 0.88 CPU s per 1,000 = 2272/s
    expect(v.limit).toContain('at most 2272/s');
    expect(v.limit).toContain('79 % of that ceiling');
  });

  it('names the latency path’s largest stages and the queueing above the unloaded path', () => {
    expect(find('ingest → live feed at 200/s').met).toBe(true);
    const v = find('ingest → live feed at 1000/s');
    expect(v.met).toBe(false);
    expect(v.limit).toContain('sum to 131 ms');
    expect(v.limit).toContain('largest gateway store 30, scored → gateway (wait) 25');
    expect(v.limit).toContain('145 ms more');
  });

  it('sets the pipeline’s own scoring CPU (from the sentiment app’s profile) against the CPU goal', () => {
    const v = find('CPU s per 1,000');
    expect(v.met).toBe(false);
    expect(v.measured).toMatch(/^0\.81 /);
    expect(v.limit).toContain('42.9 % of the sentiment app');
    expect(v.limit).toContain('costs 0.12 CPU s per 1,000');
    expect(v.limit).toContain('40 % of the budget');
    expect(v.limit).toContain('the other 0.69');
    // kafkajs: 0.4 × 0.25 + 0.5 × 0.28 + 1 × 0.28 = 0.52
    expect(v.limit).toContain('by layer (self time, three apps): Kafka client (kafkajs) 0.52, model (onnxruntime, transformers.js) 0.14, Pulse app and packages 0.1, garbage collection 0.05');
  });

  it('falls back to the sentiment section’s scoring path when the pipeline has no profile', () => {
    const { scoring: _scoring, ...withoutScoring } = run.pipeline;
    const v = judgeGoals({ ...run, pipeline: withoutScoring }).find((g) => g.goal.startsWith('CPU'))!;
    expect(v.limit).toContain('costs 0.258 s per 1,000 of its texts');
  });

  it('points a memory goal not met at the phase that holds it', () => {
    expect(find('gateway peak RSS').limit).toContain('throughput phase (heap in use 120 MB');
    expect(find('sentiment peak RSS').met).toBe(true);
  });

  it('lists every slow query by store and leaves what the run did not measure undecided', () => {
    const pg = find('postgres');
    expect(pg.met).toBe(false);
    expect(pg.limit).toContain('filteredSearch 112');
    expect(find('pglite').met).toBe(true);
    expect(judgeGoals({ machine: { cores: 2 } }).every((v) => v.met === undefined)).toBe(true);
  });
});
