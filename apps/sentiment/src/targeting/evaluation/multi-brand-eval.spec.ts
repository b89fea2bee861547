import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_MODEL_DIR, TransformersSentimentModel } from '../../model/transformers-sentiment.model.js';
import { markedPostPredictions, scoreSet, type ScoredPredictions } from './multi-brand-predictions.js';
import { CONSTRUCTIONS, loadMultiBrandSet } from './multi-brand-set.js';
import { evaluateTone, type Predictions, type ToneEvaluation } from './tone-evaluation.js';
import { TARGETING_RULES } from '../targeting.rules.js';

const samples = loadMultiBrandSet();
const test = samples.filter((s) => s.split === 'test');

describe('the labeled multi-brand set', () => {
  it('holds at least 300 posts (590 brand–tone pairs) in Russian and English, every construction in both splits', () => {
    const pairs = samples.reduce((n, s) => n + s.brands.length, 0);
    expect(samples.length).toBeGreaterThanOrEqual(300);
    expect(pairs).toBeGreaterThanOrEqual(590);
    expect(new Set(samples.map((s) => s.language))).toEqual(new Set(['ru', 'en', 'uk']));
    for (const split of ['dev', 'test'])
      for (const c of CONSTRUCTIONS) expect(samples.filter((s) => s.split === split && s.construction === c).length, `${split}/${c}`).toBeGreaterThan(0);
    for (const s of samples) expect(s.brands.length > 1, s.id).toBe(s.construction !== 'control');
  });
});

// Floors sit just below the figures measured through the bundled model (README, "Tone toward each
// brand"); a rule or model change that lowers one fails here. Tuning looked at dev errors only.
describe('tone toward each brand through the bundled model', () => {
  let scored: ScoredPredictions;
  let marked: Predictions;
  let all: ToneEvaluation;
  beforeAll(async () => {
    const model = await TransformersSentimentModel.load({ model: BUNDLED_MODEL_DIR, cacheDir: '.pulse/models', logger: { info: () => undefined } });
    scored = await scoreSet(samples, model);
    marked = await markedPostPredictions(samples, model);
    all = evaluateTone(samples, scored.targeted);
  }, 120_000);

  it('per-brand accuracy ≥ 0.78 (measured 0.790 on 591 pairs, 0.475 with whole posts marked per brand), macro-F1 ≥ 0.77 (0.782)', () => {
    expect(all.accuracy).toBeGreaterThanOrEqual(0.78);
    expect(all.macroF1).toBeGreaterThanOrEqual(0.77);
    expect(evaluateTone(samples, marked).accuracy).toBeLessThan(all.accuracy - 0.25);
  });

  it('held-out test split: accuracy ≥ 0.78 (measured 0.792), macro-F1 over positive and negative ≥ 0.80 (0.813)', () => {
    const report = evaluateTone(test, scored.targeted);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.78);
    expect(report.macroF1PosNeg).toBeGreaterThanOrEqual(0.8);
  });

  it('comparisons ≥ 0.90 (measured 108/119), switching stories ≥ 0.98 (88/88), negation ≥ 0.84 (39/46), questions ≥ 0.94 (54/56), sarcasm ≥ 0.70 (21/28)', () => {
    expect(all.byConstruction['comparison']!.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(all.byConstruction['negation']!.accuracy).toBeGreaterThanOrEqual(0.84);
    expect(all.byConstruction['switching']!.accuracy).toBeGreaterThanOrEqual(0.98);
    expect(all.byConstruction['question']!.accuracy).toBeGreaterThanOrEqual(0.94);
    expect(all.byConstruction['sarcasm']!.accuracy).toBeGreaterThanOrEqual(0.7);
  });

  it('no construction below whole-post scoring, single-brand controls exactly as whole-post scoring', () => {
    const whole = evaluateTone(samples, scored.wholePost);
    for (const c of CONSTRUCTIONS) expect(all.byConstruction[c]!.accuracy, c).toBeGreaterThanOrEqual(whole.byConstruction[c]!.accuracy);
    const controls = samples.filter((s) => s.construction === 'control');
    for (const s of controls) expect(scored.targeted.get(s.id)).toEqual(scored.wholePost.get(s.id));
  });

  it('explains every tone with a rule from the rules table', () => {
    for (const tones of scored.targeted.values()) for (const t of tones.values()) expect(Object.keys(TARGETING_RULES)).toContain(t.rule);
  });
});
