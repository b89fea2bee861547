import { describe, expect, it } from 'vitest';
import { accuracy, classScores, macroF1, macroRecall, majorityClass, microF1 } from './metrics.js';

// gold:  0 0 0 1 1 2 2 2
// pred:  0 0 1 1 2 2 0 2
// class 0: tp 2, predicted 3, actual 3 -> P 2/3 R 2/3 F1 2/3
// class 1: tp 1, predicted 2, actual 2 -> P 1/2 R 1/2 F1 1/2
// class 2: tp 2, predicted 3, actual 3 -> F1 2/3
const gold = [0, 0, 0, 1, 1, 2, 2, 2];
const pred = [0, 0, 1, 1, 2, 2, 0, 2];

describe('metrics', () => {
  it('computes per-class and macro scores by hand', () => {
    expect(classScores(gold, pred, 1)).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(macroF1(gold, pred)).toBeCloseTo((2 / 3 + 1 / 2 + 2 / 3) / 3, 10);
    expect(macroF1(gold, pred, [0, 2])).toBeCloseTo(2 / 3, 10);
    expect(macroRecall(gold, pred)).toBeCloseTo((2 / 3 + 1 / 2 + 2 / 3) / 3, 10);
    expect(accuracy(gold, pred)).toBe(5 / 8);
  });

  it('micro-F1 over pos+neg counts neutral predictions as misses', () => {
    // pos/neg: tp 4, predicted 6, actual 6
    expect(microF1(gold, pred, [0, 2])).toBeCloseTo(4 / 6, 10);
  });

  it('scores an absent class as 0 and finds the majority', () => {
    expect(classScores([1, 1], [1, 1], 0).f1).toBe(0);
    expect(majorityClass([1, 2, 1, 0])).toBe(1);
  });
});
