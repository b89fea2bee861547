import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
    const calls = planCalls(new Array<number>(1000).fill(100), 256);
    expect(calls.map((c) => c.length)).toEqual([256, 256, 256, 232]);
    expect(256 * 100).toBeLessThanOrEqual(CALL_CHAR_BUDGET);
  });
});

describe('TransformersSentimentModel.classify', () => {
  it('answers in input order whatever calls it makes, and as one text per call would', async () => {
    // The bundled model: what the app ships (models written by the training code are checked in tools/sentiment-training).
    const model = await TransformersSentimentModel.load({ model: BUNDLED_MODEL_DIR, cacheDir: root, maxBatch: 4, logger: { info: () => undefined } });
    const long = `${'Отличный сервис, очень доволен! '.repeat(120)}`;
    const texts = ['ужас', long, 'Спасибо за быструю помощь :)', 'Третий день нет интернета((', long.slice(0, 900), 'ok', 'Great service, thanks!', 'нормально'];
    const batched = await model.classify(texts);
    expect(batched).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) {
      const [alone] = await model.classify([text]);
      for (const key of ['negative', 'neutral', 'positive'] as const) expect(batched[i]?.[key]).toBeCloseTo(alone?.[key] ?? NaN, 5);
    }
  }, 30_000);
});
