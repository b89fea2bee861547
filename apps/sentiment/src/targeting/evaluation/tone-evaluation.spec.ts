import { describe, expect, it } from 'vitest';
import type { MultiBrandSample } from './multi-brand-set.js';
import { evaluateTone, type BrandPrediction } from './tone-evaluation.js';

const sample = (id: string, construction: MultiBrandSample['construction'], labels: Record<string, MultiBrandSample['brands'][number]['label']>): MultiBrandSample => ({
  id,
  split: 'dev',
  language: 'ru',
  domain: 'telecom',
  construction,
  text: id,
  brands: Object.entries(labels).map(([topicId, label]) => ({ topicId, terms: [topicId], label })),
});

describe('evaluateTone', () => {
  it('counts per brand, per construction, F1 per label, and a missing prediction as neutral', () => {
    const samples = [sample('a', 'comparison', { mts: 'positive', beeline: 'negative' }), sample('b', 'question', { mts: 'neutral', beeline: 'neutral' }), sample('c', 'control', { mts: 'negative' })];
    const predictions = new Map<string, Map<string, BrandPrediction>>([
      ['a', new Map<string, BrandPrediction>([['mts', { label: 'positive', rule: 'comparison-winner' }], ['beeline', { label: 'positive', rule: 'comparison-loser' }]])],
      ['b', new Map<string, BrandPrediction>([['mts', { label: 'neutral' }]])],
      ['c', new Map<string, BrandPrediction>([['mts', { label: 'negative' }]])],
    ]);
    const report = evaluateTone(samples, predictions);
    expect(report.pairs).toBe(5);
    expect(report.accuracy).toBeCloseTo(4 / 5);
    expect(report.byConstruction).toEqual({ comparison: { pairs: 2, accuracy: 0.5 }, question: { pairs: 2, accuracy: 1 }, control: { pairs: 1, accuracy: 1 } });
    // positive: p 1/2 r 1; negative: p 1 r 1/2; neutral: p 1 r 1
    expect(report.perLabel.positive.f1).toBeCloseTo(2 / 3);
    expect(report.perLabel.negative.f1).toBeCloseTo(2 / 3);
    expect(report.macroF1PosNeg).toBeCloseTo(2 / 3);
    expect(report.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3);
    expect(report.errors).toEqual([{ id: 'a', topicId: 'beeline', construction: 'comparison', expected: 'negative', predicted: 'positive', rule: 'comparison-loser', text: 'a' }]);
  });
});
