import { describe, expect, it } from 'vitest';
import { renderConfusionSvg } from './confusion-matrix.svg.js';
import { evaluateDevSet } from './evaluation.js';
import type { DevSet } from './training-corpus.js';

describe('evaluateDevSet', () => {
  it('SentiRuEval: scores every (tweet, company) pair with the tweet prediction, F1 of pos and neg averaged', () => {
    const set: DevSet = {
      name: 'sentirueval-telecoms',
      protocol: 'macro-f1-posneg',
      note: '',
      units: [
        { text: 'a', gold: [0, 2] }, // conflicting companies: one pair must be wrong
        { text: 'b', gold: [0] },
        { text: 'c', gold: [1] },
        { text: 'd', gold: [2] },
      ],
    };
    const r = evaluateDevSet(set, [0, 0, 1, 2]);
    expect(r.pairs).toBe(5);
    // negative: 3 pairs predicted (a, a, b), 2 right, 2 gold -> P 2/3, R 1, F1 0.8;
    // positive: 1 pair predicted (d), right, 2 gold -> P 1, R 0.5, F1 2/3.
    expect(r.score).toBeCloseTo((0.8 + 2 / 3) / 2, 10);
    expect(r.confusion).toEqual([
      [2, 0, 0],
      [0, 1, 0],
      [1, 0, 1],
    ]);
  });

  it('RuSentiTweet / UMSAB: 3-class macro-F1; TweetEval: macro-recall', () => {
    const units = [0, 0, 1, 2].map((g) => ({ text: 'x', gold: [g as 0 | 1 | 2] }));
    const pred = [0, 1, 1, 1];
    const f1 = evaluateDevSet({ name: 'rusentitweet', protocol: 'macro-f1-3', note: '', units }, pred);
    expect(f1.score).toBeCloseTo((2 / 3 + 0.5 + 0) / 3, 10);
    const recall = evaluateDevSet({ name: 'tweeteval', protocol: 'macro-recall', note: '', units }, pred);
    expect(recall.score).toBeCloseTo((0.5 + 1 + 0) / 3, 10);
  });

  it('refuses a prediction count that does not match', () => {
    expect(() => evaluateDevSet({ name: 'x', protocol: 'macro-recall', note: '', units: [{ text: 'a', gold: [1] }] }, [])).toThrow(/0 predictions for 1/);
  });
});

describe('renderConfusionSvg', () => {
  it('draws one cell per count with row shares and escapes the title', () => {
    const svg = renderConfusionSvg('a < b', [
      [8, 2, 0],
      [1, 1, 0],
      [0, 0, 0],
    ]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('a &#60; b');
    expect(svg).toContain('80.0%');
    expect(svg.match(/<rect x=/g)).toHaveLength(9);
  });
});
