import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareSocialInput } from '@pulse/sentiment';
import { bigramId, featurize } from './bigram-features.js';
import { createModel, dequantizedModel, predictLogits } from './fasttext.trainer.js';
import { linearLogits, mixLogits, shippedLinear } from './linear.trainer.js';
import { buildFixtureModel, writeFixtureDatasets } from './fixtures/fixture-model.js';
import { ONNX_FILE } from './model-directory.writer.js';
import { buildOnnxModel } from './onnx-graph.writer.js';
import { LABELS } from './sample.js';
import { CLS_ID, SEP_ID } from './tokenizer-spec.js';
import { encodeForModel, loadClassifier } from './transformers-runtime.js';

const root = mkdtempSync(join(tmpdir(), 'pulse-onnx-spec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function softmax(logits: Float32Array): number[] {
  const mx = Math.max(...logits);
  const e = Array.from(logits, (x) => Math.exp(x - mx));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

describe('featurize', () => {
  it('appends one hashed bigram row per adjacent pair after the word-piece ids', () => {
    const spec = { tokenVocab: 100, buckets: 7, multiplier: 1_000_003 };
    const f = featurize([2, 40, 41, 3], spec);
    expect(Array.from(f.subarray(0, 4))).toEqual([2, 40, 41, 3]);
    expect(Array.from(f.subarray(4))).toEqual([bigramId(2, 40, spec), bigramId(40, 41, spec), bigramId(41, 3, spec)]);
    for (const id of f.subarray(4)) expect(id).toBeGreaterThanOrEqual(100);
    expect(Array.from(featurize([2, 3], undefined))).toEqual([2, 3]);
  });
});

describe('ONNX model directory', () => {
  it('loads in @xenova/transformers and matches the TypeScript forward pass of both branches, bigrams included', async () => {
    const { dir, corpus, model, tokenizer, bigrams, linear, linearWeight } = await buildFixtureModel(join(root, 'pulse-fixture-model'), writeFixtureDatasets(join(root, 'data')));
    expect(statSync(join(dir, ONNX_FILE)).size).toBeGreaterThan(model.vocabSize * 16);
    const classify = await loadClassifier(dir);
    const shipped = dequantizedModel(model);
    const texts = corpus.train.slice(0, 40).map((s) => prepareSocialInput(s.text));
    const ids = encodeForModel(tokenizer, texts[0] as string);
    expect([ids[0], ids.at(-1)]).toEqual([CLS_ID, SEP_ID]);
    // One padded batch: texts of different lengths exercise the masked pooling of unigrams and bigrams.
    const batched = (await classify(texts, { topk: 3 })) as { label: string; score: number }[][];
    texts.forEach((text, i) => {
      const ids = encodeForModel(tokenizer, text);
      const expected = softmax(mixLogits(predictLogits(shipped, featurize(ids, bigrams)), linearLogits(shippedLinear(linear), featurize(ids, linear.bigrams)), linearWeight));
      expect(batched[i]).toHaveLength(3);
      for (const { label, score } of batched[i] ?? []) {
        expect(score).toBeCloseTo(expected[(LABELS as readonly string[]).indexOf(label)] ?? NaN, 4);
      }
    });
  }, 30_000);
});

describe('buildOnnxModel', () => {
  it('dequantizes only the gathered rows, never the whole int8 table', () => {
    // A whole-table DequantizeLinear costs vocab*dim per call whatever the batch: with a wide
    // (ensemble) table it made one-text calls ten times slower.
    const bytes = buildOnnxModel(createModel(50, 8, 4, 1));
    const graph = onnxProto.onnx.ModelProto.decode(bytes).graph;
    const nodes = graph?.node ?? [];
    expect(nodes.map((n) => n.opType)).not.toContain('DequantizeLinear');
    const readers = nodes.filter((n) => (n.input ?? []).includes('embedding_q') || (n.input ?? []).includes('embedding_scale'));
    expect(readers.map((n) => n.opType)).toEqual(['Gather', 'Gather']);
    expect(readers.map((n) => n.input?.[1])).toEqual(['input_ids', 'input_ids']);
  });
});
