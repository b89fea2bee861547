import { describe, expect, it } from 'vitest';
import { mergeEnsemble } from './ensemble.js';
import { type FastTextModel, createModel, dequantizedModel, predictLogits } from './fasttext.trainer.js';
import { Prng } from './prng.js';

/** createModel leaves biases at zero; random ones make the test see a wrong bias average. */
function randomized(m: FastTextModel, seed: number): FastTextModel {
  const rng = new Prng(seed);
  for (const b of [m.b1, m.b2]) for (let i = 0; i < b.length; i++) b[i] = rng.next() - 0.5;
  return m;
}

const meanLogits = (members: FastTextModel[], ids: number[]): number[] =>
  [0, 1, 2].map((c) => members.reduce((s, m) => s + (predictLogits(m, ids)[c] as number), 0) / members.length);

describe('mergeEnsemble', () => {
  const sequences = [[2, 5, 9, 3], [2, 11, 3], [2, 7, 7, 8, 19, 3]];

  for (const hidden of [6, 0]) {
    it(`gives the mean of the members' logits (hidden ${hidden})`, () => {
      const members = [1, 2, 3].map((s) => randomized(createModel(20, 4, hidden, s), 100 + s));
      const merged = mergeEnsemble(members);
      expect(merged.dim).toBe(12);
      expect(merged.hidden).toBe(hidden * 3);
      expect(merged.vocabSize).toBe(20);
      for (const ids of sequences) {
        const got = Array.from(predictLogits(merged, ids));
        meanLogits(members, ids).forEach((x, c) => expect(got[c]).toBeCloseTo(x, 5));
      }
    });
  }

  it('survives int8 quantization of the wide table (one scale per row across members)', () => {
    const members = [1, 2, 3, 4].map((s) => randomized(createModel(20, 8, 8, s), 200 + s));
    const shipped = dequantizedModel(mergeEnsemble(members));
    for (const ids of sequences) {
      const got = Array.from(predictLogits(shipped, ids));
      meanLogits(members, ids).forEach((x, c) => expect(got[c]).toBeCloseTo(x, 1));
    }
  });

  it('returns a single model unchanged and rejects mismatched members', () => {
    const m = createModel(20, 4, 6, 1);
    expect(mergeEnsemble([m])).toBe(m);
    expect(() => mergeEnsemble([m, createModel(21, 4, 6, 2)])).toThrow(/share/);
    expect(() => mergeEnsemble([])).toThrow();
  });
});
