import { describe, expect, it } from 'vitest';
import { argmax, dequantizedModel, predictCorpus, predictLogits, quantizeEmbedding, trainFastText, type TrainOptions } from './fasttext.trainer.js';
import { loadFixtureSamples } from './fixtures/fixtures.js';
import { CLS_ID, SEP_ID, UNK_ID, normalizeText, preTokenize } from './tokenizer-spec.js';
import { TokenCorpus } from './token-corpus.js';
import { buildWordPieceVocab } from './wordpiece-vocab.builder.js';

/** Whole-word lookup stands in for the real tokenizer: the trainer only sees ids. */
function fixtureCorpus(): { corpus: TokenCorpus; labels: Uint8Array; vocabSize: number } {
  const samples = loadFixtureSamples();
  const { vocab } = buildWordPieceVocab(
    samples.map((s) => s.text),
    { size: 2000, minWordCount: 1 },
  );
  const index = new Map(vocab.map((t, i) => [t, i]));
  const seqs = samples.map((s) => [CLS_ID, ...preTokenize(normalizeText(s.text)).map((w) => index.get(w) ?? UNK_ID), SEP_ID]);
  return { corpus: TokenCorpus.fromArrays(seqs), labels: Uint8Array.from(samples.map((s) => s.label)), vocabSize: vocab.length };
}

const opts: TrainOptions = { epochs: 40, dim: 16, hidden: 8, batchSize: 8, learningRate: 0.02, tokenDropout: 0, seed: 7, specialIds: [CLS_ID, SEP_ID] };

describe('trainFastText', () => {
  const { corpus, labels, vocabSize } = fixtureCorpus();
  const all = Array.from({ length: corpus.count }, (_, i) => i);
  const weights = new Float32Array(corpus.count).fill(1);

  it('learns the separable fixture set', () => {
    const losses: number[] = [];
    const model = trainFastText(corpus, labels, weights, all, vocabSize, opts, (r) => losses.push(r.loss));
    const pred = predictCorpus(model, corpus);
    const acc = pred.reduce((s, p, i) => s + (p === labels[i] ? 1 : 0), 0) / labels.length;
    expect(corpus.count).toBeGreaterThan(90);
    expect(acc).toBeGreaterThan(0.9);
    expect(losses.at(-1)).toBeLessThan((losses[0] ?? 0) / 2);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = trainFastText(corpus, labels, weights, all, vocabSize, { ...opts, epochs: 3, tokenDropout: 0.2 });
    const b = trainFastText(corpus, labels, weights, all, vocabSize, { ...opts, epochs: 3, tokenDropout: 0.2 });
    const c = trainFastText(corpus, labels, weights, all, vocabSize, { ...opts, epochs: 3, tokenDropout: 0.2, seed: 8 });
    expect(Buffer.from(a.embedding.buffer).equals(Buffer.from(b.embedding.buffer))).toBe(true);
    expect(Array.from(a.w2)).toEqual(Array.from(b.w2));
    expect(Array.from(a.w2)).not.toEqual(Array.from(c.w2));
  });

  it('int8 quantization barely changes the predictions', () => {
    const model = trainFastText(corpus, labels, weights, all, vocabSize, opts);
    const { q, scales } = quantizeEmbedding(model);
    expect(q.length).toBe(model.embedding.length);
    expect(scales.length).toBe(vocabSize);
    const deq = dequantizedModel(model);
    let same = 0;
    for (let i = 0; i < corpus.count; i++) if (argmax(predictLogits(model, corpus.get(i))) === argmax(predictLogits(deq, corpus.get(i)))) same++;
    expect(same / corpus.count).toBeGreaterThan(0.97);
  });
});
