import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dequantizedModel, predictLogits, trainFastText } from './fasttext.trainer.js';
import { loadFixtureSamples } from './fixtures/fixtures.js';
import { ONNX_FILE, writeModelFiles, writeTokenizerFiles } from './model-directory.writer.js';
import { LABELS } from './sample.js';
import { CLS_ID, SEP_ID } from './tokenizer-spec.js';
import { TokenCorpus } from './token-corpus.js';
import { encodeForModel, loadClassifier, loadTokenizer } from './transformers-runtime.js';
import { buildWordPieceVocab } from './wordpiece-vocab.builder.js';

const root = mkdtempSync(join(tmpdir(), 'pulse-onnx-spec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function softmax(logits: Float32Array): number[] {
  const mx = Math.max(...logits);
  const e = Array.from(logits, (x) => Math.exp(x - mx));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

describe('ONNX model directory', () => {
  it('loads in @xenova/transformers and matches the TypeScript forward pass', async () => {
    const dir = join(root, 'pulse-fixture-model');
    const samples = loadFixtureSamples();
    const { vocab } = buildWordPieceVocab(
      samples.map((s) => s.text),
      { size: 600, minPieceCount: 2 },
    );
    writeTokenizerFiles(dir, vocab);
    const tokenizer = await loadTokenizer(dir);
    const seqs = samples.map((s) => encodeForModel(tokenizer, s.text));
    expect(seqs[0]?.[0]).toBe(CLS_ID);
    expect(seqs[0]?.at(-1)).toBe(SEP_ID);
    const corpus = TokenCorpus.fromArrays(seqs);
    const all = seqs.map((_, i) => i);
    const model = trainFastText(corpus, Uint8Array.from(samples.map((s) => s.label)), new Float32Array(samples.length).fill(1), all, vocab.length, {
      epochs: 20,
      dim: 16,
      hidden: 8,
      batchSize: 8,
      learningRate: 0.02,
      tokenDropout: 0,
      seed: 3,
      specialIds: [CLS_ID, SEP_ID],
    });
    writeModelFiles(dir, model, { version: 'test' });
    expect(statSync(join(dir, ONNX_FILE)).size).toBeGreaterThan(vocab.length * 16);

    const classify = await loadClassifier(dir);
    const shipped = dequantizedModel(model);
    const texts = samples.slice(0, 40).map((s) => s.text);
    // One padded batch: texts of different lengths exercise the attention-mask pooling.
    const batched = (await classify(texts, { topk: 3 })) as { label: string; score: number }[][];
    texts.forEach((text, i) => {
      const expected = softmax(predictLogits(shipped, encodeForModel(tokenizer, text)));
      expect(batched[i]).toHaveLength(3);
      for (const { label, score } of batched[i] ?? []) {
        expect(score).toBeCloseTo(expected[(LABELS as readonly string[]).indexOf(label)] ?? NaN, 4);
      }
    });
  }, 30_000);
});
