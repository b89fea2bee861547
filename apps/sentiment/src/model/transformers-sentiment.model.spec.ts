import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { SentimentScores } from '@pulse/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topLabel } from '../scoring/scoring.service.js';
import { loadMultiBrandSet } from '../targeting/evaluation/multi-brand-set.js';
import { markTargetBrand } from '../targeting/target-brand.marker.js';
import { prepareSocialInput } from './model-input.js';
import { BUNDLED_MODEL_DIR, CALL_CHAR_BUDGET, TransformersSentimentModel, planCalls } from './transformers-sentiment.model.js';

const root = mkdtempSync(join(tmpdir(), 'pulse-model-spec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('planCalls', () => {
  it('groups texts by length within the text and character budgets, each text exactly once', () => {
    const lengths = [120, 5, 3000, 80, 80, 400, 7, 2500, 90];
    const calls = planCalls(lengths, 3, 1000);
    expect(calls.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
    for (const call of calls) {
      const longest = Math.max(...call.map((i) => lengths[i] as number));
      expect(call.length).toBeLessThanOrEqual(3);
      // a text longer than the budget goes alone
      if (call.length > 1) expect(call.length * longest).toBeLessThanOrEqual(1000);
    }
    expect(calls).toEqual([[1, 6, 3], [4, 8, 0], [5], [7], [2]]);
  });

  it('keeps a batch of short posts in calls of up to maxBatch texts', () => {
    const calls = planCalls(new Array<number>(1000).fill(30), 256);
    expect(calls.map((c) => c.length)).toEqual([256, 256, 256, 232]);
    expect(256 * 30).toBeLessThanOrEqual(CALL_CHAR_BUDGET);
  });

  it('cuts longer posts into calls within the character budget', () => {
    const calls = planCalls(new Array<number>(1000).fill(200), 256);
    expect(Math.max(...calls.map((c) => c.length))).toBe(Math.floor(CALL_CHAR_BUDGET / 200));
  });
});

type Classifier = (texts: string[], options: { topk: number }) => Promise<{ label: string; score: number }[][]>;

/**
 * The reference: what the app did before it called the tokenizer and the session itself — the
 * text-classification pipeline of @xenova/transformers on the same calls (same texts, same
 * grouping, so the same padding), label mass summed per tone.
 */
async function pipelineReference(maxBatch: number): Promise<(texts: readonly string[]) => Promise<SentimentScores[]>> {
  const { env, pipeline } = await import('@xenova/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = dirname(BUNDLED_MODEL_DIR);
  const classifier = (await pipeline('text-classification', basename(BUNDLED_MODEL_DIR), { quantized: true })) as unknown as Classifier;
  return async (texts) => {
    const prepared = texts.map(prepareSocialInput);
    const out = new Array<SentimentScores>(texts.length);
    for (const idx of planCalls(prepared.map((t) => t.length), maxBatch)) {
      const rows = await classifier(idx.map((k) => prepared[k] as string), { topk: 0 });
      rows.forEach((row, j) => {
        const scores: SentimentScores = { negative: 0, neutral: 0, positive: 0 };
        for (const { label, score } of row) scores[label as keyof SentimentScores] += score;
        out[idx[j] as number] = scores;
      });
    }
    return out;
  };
}

/** Russian, Ukrainian, English, emoji, markup, long posts cut by the model's 256 ids, next to nothing. */
function variedTexts(): string[] {
  const long = 'Отличный сервис, очень доволен! '.repeat(120);
  const handPicked = [
    '', ' ', '\n\t', '.', '?!', '🙂', '🔥🔥🔥', '((((', ':)', 'ok', 'ужас', 'нормально', 'Спасибо за быструю помощь :)',
    'Третий день нет интернета((', 'Great service, thanks!', "Worst. Support. Ever. Can't even log in 😡",
    'Приватбанк знову не працює, зате monobank тягне', 'МТС ВООБЩЕ НЕ ЛОВИТ!!! @mts_support #позор https://t.co/abc',
    'Café naïve résumé — ÀÉÎÕÜ', '中文混合 text 和 русский', 'e-mail: user@example.com, тел. +7 (999) 123-45-67',
    `${'word '.repeat(400)}`, long, long.slice(0, 900), `${'a'.repeat(300)} ${'б'.repeat(150)}`, 'x'.repeat(5000),
    '[BRAND] лучше, чем [OTHER]', 'Не то чтобы [BRAND] плохой, но [OTHER] стабильнее',
  ];
  const samples = loadMultiBrandSet();
  const posts = samples.map((s) => s.text);
  const marked = samples.flatMap((s) =>
    s.brands.map((b) => markTargetBrand(s.text, b.terms, s.brands.filter((o) => o !== b).flatMap((o) => o.terms))),
  );
  return [...handPicked, ...posts, ...marked];
}

describe('TransformersSentimentModel.classify', () => {
  let model: TransformersSentimentModel;
  beforeAll(async () => {
    model = await TransformersSentimentModel.load({ model: BUNDLED_MODEL_DIR, cacheDir: root, maxBatch: 64, logger: { info: () => undefined } });
  }, 30_000);

  it('gives the scores and labels of the text-classification pipeline (within 1e-6) on varied texts', async () => {
    const texts = variedTexts();
    expect(texts.length).toBeGreaterThan(900);
    const reference = await pipelineReference(64);
    const [ours, theirs] = [await model.classify(texts), await reference(texts)];
    expect(ours).toHaveLength(texts.length);
    let worst = 0;
    for (const [i, text] of texts.entries()) {
      const a = ours[i] as SentimentScores;
      const b = theirs[i] as SentimentScores;
      for (const key of ['negative', 'neutral', 'positive'] as const) worst = Math.max(worst, Math.abs(a[key] - b[key]));
      expect(topLabel(a).label, text).toBe(topLabel(b).label);
    }
    expect(worst).toBeLessThanOrEqual(1e-6);
  }, 60_000);

  it('answers in input order whatever calls it makes, and as one text per call would', async () => {
    const small = await TransformersSentimentModel.load({ model: BUNDLED_MODEL_DIR, cacheDir: root, maxBatch: 4, logger: { info: () => undefined } });
    const long = `${'Отличный сервис, очень доволен! '.repeat(120)}`;
    const texts = ['ужас', long, 'Спасибо за быструю помощь :)', 'Третий день нет интернета((', long.slice(0, 900), 'ok', 'Great service, thanks!', 'нормально'];
    const batched = await small.classify(texts);
    expect(batched).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) {
      const [alone] = await small.classify([text]);
      for (const key of ['negative', 'neutral', 'positive'] as const) expect(batched[i]?.[key]).toBeCloseTo(alone?.[key] ?? NaN, 5);
    }
  }, 30_000);

  it('answers an empty batch without calling the model', async () => {
    expect(await model.classify([])).toEqual([]);
  });

  it('names the missing file when a model directory has no graph', async () => {
    const dir = join(root, 'no-graph');
    const { cpSync } = await import('node:fs');
    cpSync(BUNDLED_MODEL_DIR, dir, { recursive: true, filter: (src) => !src.endsWith('.onnx') });
    await expect(TransformersSentimentModel.load({ model: dir, cacheDir: root, logger: { info: () => undefined } })).rejects.toThrow(/cannot load sentiment model .*onnx\/model_quantized\.onnx/);
  });
});
