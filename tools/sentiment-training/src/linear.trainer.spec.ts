import { describe, expect, it } from 'vitest';
import { argmax } from './fasttext.trainer.js';
import { float16Bits, float16Value, linearLogits, mixLogits, pieceGrams, shippedLinear, trainLinear } from './linear.trainer.js';
import { TokenCorpus } from './token-corpus.js';

const VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[URL]', 'ужасно', 'отлично', 'сервис', 'ужасный', 'отличный', 'банк', '##ами'];
const id = (piece: string): number => VOCAB.indexOf(piece);

function softmax(l: ArrayLike<number>): number[] {
  const mx = Math.max(...Array.from(l));
  const e = Array.from(l, (x) => Math.exp(x - mx));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

describe('pieceGrams', () => {
  it('marks word starts and piece ends, shares n-grams across pieces and leaves placeholders whole', () => {
    const { offsets, grams } = pieceGrams(VOCAB, 2, 3);
    const of = (piece: string): number[] => Array.from(grams.subarray(offsets[id(piece)], offsets[id(piece) + 1]));
    expect(of('[URL]')).toEqual([]);
    expect(of('[CLS]')).toEqual([]);
    // "<банк>": 2-grams <б ба ан нк к>, 3-grams <ба бан анк нк>
    expect(of('банк')).toHaveLength(9);
    // "ами>" (a continuation has no start marker): ам ми и> ами ми>
    expect(of('##ами')).toHaveLength(5);
    const shared = of('ужасно').filter((g) => of('ужасный').includes(g));
    expect(shared.length).toBeGreaterThan(3);
    expect(of('отлично').filter((g) => of('ужасный').includes(g))).toEqual([]);
  });
});

describe('float16', () => {
  it('rounds like IEEE half precision, subnormals and overflow included', () => {
    expect(float16Bits(1)).toBe(0x3c00);
    expect(float16Bits(-2)).toBe(0xc000);
    expect(float16Bits(65504)).toBe(0x7bff);
    expect(float16Bits(1e6)).toBe(0x7c00);
    expect(float16Bits(0.1)).toBe(0x2e66);
    expect(float16Value(float16Bits(2 ** -20))).toBe(2 ** -20);
    expect(float16Bits(1e-9)).toBe(0);
    for (const x of [0.3333, -7.25, 123.456, 0.000123]) expect(Math.abs(float16Value(float16Bits(x)) - x) / Math.abs(x)).toBeLessThan(1e-3);
  });
});

describe('mixLogits', () => {
  it('outputs the log of the weighted mixture of both branches, which softmax turns back into it', () => {
    const a = [2, 0.5, -1];
    const b = [-1, 0, 3];
    const mixed = softmax(mixLogits(a, b, 0.3));
    const pa = softmax(a);
    const pb = softmax(b);
    mixed.forEach((p, c) => expect(p).toBeCloseTo(0.7 * (pa[c] as number) + 0.3 * (pb[c] as number), 6));
  });
});

describe('trainLinear', () => {
  const texts = [
    ['ужасно', 'сервис', 0],
    ['ужасно', 'банк', 0],
    ['ужасно', 0],
    ['отлично', 'сервис', 2],
    ['отлично', 'банк', 2],
    ['отлично', 2],
    ['сервис', 'банк', 1],
    ['банк', 1],
    ['сервис', 1],
  ] as const;
  const corpus = TokenCorpus.fromArrays(texts.map((t) => [id('[CLS]'), ...t.slice(0, -1).map((p) => id(p as string)), id('[SEP]')]));
  const labels = Uint8Array.from(texts.map((t) => t.at(-1) as number));
  const train = (minGram: number): ReturnType<typeof trainLinear> =>
    trainLinear(corpus, labels, new Float32Array(texts.length).fill(1), texts.map((_, i) => i), VOCAB, { tokenVocab: VOCAB.length, buckets: 17, multiplier: 1_000_003 }, {
      epochs: 60,
      batchSize: 3,
      learningRate: 0.05,
      weightDecay: 0,
      seed: 7,
      minGram,
      maxGram: minGram === 0 ? 0 : 4,
    });
  const predict = (m: ReturnType<typeof trainLinear>, pieces: string[]): number => {
    const ids = [id('[CLS]'), ...pieces.map(id), id('[SEP]')];
    const bigramRows = ids.slice(1).map((r, i) => VOCAB.length + (((ids[i] as number) * 1_000_003 + r) % 17));
    return argmax(linearLogits(m, [...ids, ...bigramRows]));
  };

  it('learns the training texts and scores them through the collapsed rows', () => {
    const m = train(2);
    texts.forEach((t) => expect(predict(m, t.slice(0, -1) as unknown as string[])).toBe(t.at(-1)));
    expect(m.table).toHaveLength((VOCAB.length + 17) * 3);
    // float16 storage keeps the decisions
    const shipped = shippedLinear(m);
    texts.forEach((t) => expect(predict(shipped, t.slice(0, -1) as unknown as string[])).toBe(t.at(-1)));
  });

  it('carries evidence to pieces never seen in training through shared character n-grams', () => {
    // "ужасный" and "отличный" never occur in training; only their n-grams tie them to the seen words.
    const withGrams = train(2);
    expect(predict(withGrams, ['ужасный', 'сервис'])).toBe(0);
    expect(predict(withGrams, ['отличный', 'сервис'])).toBe(2);
    const withoutGrams = train(0);
    expect(predict(withoutGrams, ['ужасный', 'сервис'])).toBe(1);
  });
});
