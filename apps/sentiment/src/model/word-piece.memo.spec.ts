import { basename, dirname } from 'node:path';
import { AutoTokenizer, env } from '@xenova/transformers';
import { describe, expect, it } from 'vitest';
import { BUNDLED_MODEL_DIR } from './transformers-sentiment.model.js';
import { rememberWordPieces } from './word-piece.memo.js';

interface Loaded {
  encode(text: string): number[];
  model: { encode(tokens: string[]): string[] };
}

async function bundledTokenizer(): Promise<Loaded> {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = dirname(BUNDLED_MODEL_DIR);
  return (await AutoTokenizer.from_pretrained(basename(BUNDLED_MODEL_DIR))) as unknown as Loaded;
}

const TEXTS = [
  'Третий день нет интернета((',
  'Третий день нет интернета, третий!',
  'Great service, thanks! 🙂 great',
  '[BRAND] лучше, чем [OTHER]',
  `${'a'.repeat(150)} слово`,
  'абракадабраневедомоеслово и ещё одно абракадабраневедомоеслово',
];

describe('rememberWordPieces', () => {
  it('gives the ids of the tokenizer it wraps, and splits a repeated word once', async () => {
    const plain = await bundledTokenizer();
    const expected = TEXTS.map((t) => plain.encode(t));
    const remembered = await bundledTokenizer();
    const split = remembered.model.encode.bind(remembered.model);
    const splits: string[] = [];
    // The original method, observed: only words not seen before reach it.
    remembered.model.encode = (tokens: string[]) => {
      splits.push(...tokens);
      return split(tokens);
    };
    expect(rememberWordPieces(remembered.model)).toBe(true);
    expect(TEXTS.map((t) => remembered.encode(t))).toEqual(expected);
    expect(TEXTS.map((t) => remembered.encode(t))).toEqual(expected);
    expect(splits.filter((w) => w === 'третий')).toHaveLength(1);
    expect(splits.filter((w) => w === 'абракадабраневедомоеслово')).toHaveLength(1);
    expect(new Set(splits).size).toBe(splits.length);
  });

  it('starts over when full, still giving the same ids', async () => {
    const plain = await bundledTokenizer();
    const remembered = await bundledTokenizer();
    rememberWordPieces(remembered.model, 3);
    for (let round = 0; round < 2; round++) for (const t of TEXTS) expect(remembered.encode(t)).toEqual(plain.encode(t));
  });

  it('leaves other tokenizer models alone', () => {
    class BPE {
      encode(tokens: string[]): string[] {
        return tokens;
      }
    }
    const bpe = new BPE();
    const encode = bpe.encode;
    expect(rememberWordPieces(bpe)).toBe(false);
    expect(bpe.encode).toBe(encode);
    expect(rememberWordPieces(null)).toBe(false);
  });
});
