import { basename, dirname } from 'node:path';
import { AutoTokenizer, Tensor, env, softmax } from '@xenova/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { OnnxTextClassifier, encodeBatch, probabilities, type OrtModule, type OrtSession, type TextTokenizer } from './onnx-text-classifier.js';
import { BUNDLED_MODEL_DIR } from './transformers-sentiment.model.js';

type Tokenizer = TextTokenizer & ((texts: string[], o: { padding: boolean; truncation: boolean }) => { input_ids: { data: BigInt64Array; dims: number[] }; attention_mask: { data: BigInt64Array } });

describe('encodeBatch', () => {
  let tokenizer: Tokenizer;
  beforeAll(async () => {
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = dirname(BUNDLED_MODEL_DIR);
    tokenizer = (await AutoTokenizer.from_pretrained(basename(BUNDLED_MODEL_DIR))) as unknown as Tokenizer;
  });

  const batches = [
    ['ok'],
    ['', 'Третий день нет интернета((', 'Great service, thanks! 🙂', '[BRAND] лучше, чем [OTHER]'],
    // longer than model_max_length (256 ids): cut, as the tokenizer call cuts
    ['коротко', `${'слово '.repeat(300)}`, 'x'.repeat(500)],
  ];

  for (const side of ['right', 'left'] as const) {
    it(`gives the ids and mask of tokenizer(texts, { padding: true, truncation: true }) (${side} padding)`, () => {
      const saved = tokenizer.padding_side;
      tokenizer.padding_side = side;
      try {
        for (const texts of batches) {
          const theirs = tokenizer(texts, { padding: true, truncation: true });
          const ours = encodeBatch(tokenizer, texts);
          expect(ours.length).toBe(theirs.input_ids.dims[1]);
          expect([...ours.inputIds]).toEqual([...theirs.input_ids.data]);
          expect([...ours.attentionMask]).toEqual([...theirs.attention_mask.data]);
        }
      } finally {
        tokenizer.padding_side = saved;
      }
    });
  }

  it('pads with the pad id and caps the length at model_max_length', () => {
    const stub: TextTokenizer = { encode: (t) => Array.from(t, (c) => c.charCodeAt(0) - 96), pad_token_id: 9, model_max_length: 3, padding_side: 'right' };
    const { inputIds, attentionMask, length } = encodeBatch(stub, ['ab', 'abcde', 'c']);
    expect(length).toBe(3);
    expect([...inputIds].map(Number)).toEqual([1, 2, 9, 1, 2, 3, 3, 9, 9]);
    expect([...attentionMask].map(Number)).toEqual([1, 1, 0, 1, 1, 1, 1, 0, 0]);
  });
});

describe('probabilities', () => {
  const rows = [[0.3, -1.2, 2.5], [0, 0, 0], [40, -40, 1e-3], [-3.75, 12.125, 7], [1, 2, 3, 4, 5]];

  it('is the pipeline softmax, to the bit', () => {
    for (const row of rows) {
      const logits = Float32Array.from(row);
      expect([...probabilities(logits, false)]).toEqual([...(softmax(logits) as Float32Array)]);
    }
  });

  it('is the pipeline sigmoid for multi-label models, to the bit', () => {
    for (const row of rows) {
      const logits = Float32Array.from(row);
      const theirs = new Tensor('float32', Float32Array.from(row), [row.length]).sigmoid().data as Float32Array;
      expect([...probabilities(logits, true)]).toEqual([...theirs]);
    }
  });
});

describe('OnnxTextClassifier', () => {
  const tokenizer: TextTokenizer = { encode: () => [2, 3], pad_token_id: 0, model_max_length: 8, padding_side: 'right' };
  const ort = { Tensor: class { constructor(readonly type: string, readonly data: BigInt64Array, readonly dims: number[]) {} } } as unknown as OrtModule;
  const session = (inputNames: string[], outputNames = ['logits'], logits = new Float32Array(6)): OrtSession & { fed: string[] } => {
    const s = {
      inputNames,
      outputNames,
      fed: [] as string[],
      run: async (feeds: Record<string, unknown>) => {
        s.fed = Object.keys(feeds);
        return { logits: { data: logits, dims: [2, 3] } };
      },
    };
    return s;
  };

  it('feeds what the graph takes: zero token types for a BERT graph that reads them', async () => {
    const bert = session(['input_ids', 'attention_mask', 'token_type_ids']);
    const rows = await new OnnxTextClassifier(ort, tokenizer, bert, 3, false).classify(['a', 'b']);
    expect(bert.fed.sort()).toEqual(['attention_mask', 'input_ids', 'token_type_ids']);
    expect(rows.map((r) => [...r].map((p) => +p.toFixed(4)))).toEqual([[0.3333, 0.3333, 0.3333], [0.3333, 0.3333, 0.3333]]);
    const bare = session(['input_ids']);
    await new OnnxTextClassifier(ort, tokenizer, bare, 3, false).classify(['a', 'b']);
    expect(bare.fed).toEqual(['input_ids']);
  });

  it('refuses a graph that is not a text classifier, and logits of the wrong size', async () => {
    expect(() => new OnnxTextClassifier(ort, tokenizer, session(['pixel_values']), 3, false)).toThrow(/input_ids/);
    expect(() => new OnnxTextClassifier(ort, tokenizer, session(['input_ids'], ['last_hidden_state']), 3, false)).toThrow(/logits/);
    expect(() => new OnnxTextClassifier(ort, { ...tokenizer, pad_token_id: undefined as unknown as number }, session(['input_ids']), 3, false)).toThrow(/padding token/);
    await expect(new OnnxTextClassifier(ort, tokenizer, session(['input_ids']), 2, false).classify(['a', 'b'])).rejects.toThrow(/6 logits for 2 texts × 2 labels/);
  });
});
