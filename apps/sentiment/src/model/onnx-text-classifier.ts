import { endianness } from 'node:os';

/**
 * What the text-classification pipeline of @xenova/transformers does for a batch, done directly:
 * the model's tokenizer (transformers.js), padding and truncation as `tokenizer(texts, { padding:
 * true, truncation: true })` does them, one ONNX Runtime session run, softmax (or sigmoid for
 * multi-label models) per row. The pipeline's own tokenizer call builds every padded row as JS
 * arrays and converts each id with BigInt(), and its output step sorts labels into objects: that
 * was half the tokenizing time and all of the per-call overhead (transformers-sentiment.model.spec
 * checks the results are the pipeline's).
 */

/** The tokenizer calls used here (a transformers.js PreTrainedTokenizer). */
export interface TextTokenizer {
  /** Ids of one text, special tokens included, untruncated. */
  encode(text: string): number[];
  pad_token_id: number;
  model_max_length: number | undefined;
  padding_side: 'right' | 'left';
}

/** The ONNX Runtime calls used here (onnxruntime-node as bundled with transformers.js). */
export interface OrtTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
}
export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
}
export interface OrtModule {
  Tensor: new (type: 'int64', data: BigInt64Array, dims: readonly number[]) => OrtTensor;
  InferenceSession: { create(model: string | Uint8Array, options: Record<string, unknown>): Promise<OrtSession> };
}

/**
 * Session options. One intra-op thread: session.run() is synchronous on the event loop's thread
 * (onnxruntime-node 1.14), so a second thread only helps inside one call and spins around it, on
 * cores the app shares with the rest of the pipeline. The bundled model alone on the sentiment
 * bench's batches: 16–23 ms CPU per 1,000 texts with one thread, 35–39 ms with the default (a
 * thread per core), and no more wall time (22–47 vs 61–63 ms, a busy machine).
 */
export const SESSION_OPTIONS = {
  executionProviders: ['cpu'],
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: 'all',
} as const;

const LITTLE_ENDIAN = endianness() === 'LE';

export interface EncodedBatch {
  /** [texts, length] ids, padded with the tokenizer's pad id on its padding side. */
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  length: number;
}

/**
 * Ids of a batch exactly as the pipeline's tokenizer call gives them: padded to the longest
 * text, that length capped at model_max_length, longer texts cut to it (a plain cut, which can
 * drop the final [SEP], as transformers.js does).
 */
export function encodeBatch(tokenizer: TextTokenizer, texts: readonly string[]): EncodedBatch {
  const ids = texts.map((text) => tokenizer.encode(text));
  let longest = 0;
  for (const row of ids) if (row.length > longest) longest = row.length;
  const cap = tokenizer.model_max_length;
  const length = typeof cap === 'number' && Number.isFinite(cap) ? Math.min(longest, cap) : longest;
  const inputIds = new BigInt64Array(texts.length * length);
  const attentionMask = new BigInt64Array(texts.length * length);
  const left = tokenizer.padding_side === 'left';
  const pad = tokenizer.pad_token_id;
  // Ids are small non-negative integers: on little-endian machines the low 32-bit word of each
  // int64 is written directly (the high word stays 0), without a BigInt per id.
  const ids32 = LITTLE_ENDIAN ? new Int32Array(inputIds.buffer) : undefined;
  const mask32 = LITTLE_ENDIAN ? new Int32Array(attentionMask.buffer) : undefined;
  for (let i = 0; i < ids.length; i++) {
    const row = ids[i] as number[];
    const n = Math.min(row.length, length);
    const padding = length - n;
    const start = i * length + (left ? padding : 0);
    const padStart = i * length + (left ? 0 : n);
    if (ids32 && mask32) {
      for (let j = 0; j < n; j++) {
        ids32[2 * (start + j)] = row[j] as number;
        mask32[2 * (start + j)] = 1;
      }
      for (let j = 0; j < padding; j++) ids32[2 * (padStart + j)] = pad;
    } else {
      for (let j = 0; j < n; j++) {
        inputIds[start + j] = BigInt(row[j] as number);
        attentionMask[start + j] = 1n;
      }
      for (let j = 0; j < padding; j++) inputIds[padStart + j] = BigInt(pad);
    }
  }
  return { inputIds, attentionMask, length };
}

/**
 * Probabilities from a row of logits with the pipeline's arithmetic: softmax over float32
 * exponentials summed in double (transformers.js maths.softmax on a Float32Array), or an
 * element-wise sigmoid for multi-label models.
 */
export function probabilities(logits: Float32Array, multiLabel: boolean): Float32Array {
  const out = new Float32Array(logits.length);
  if (multiLabel) {
    for (let i = 0; i < logits.length; i++) out[i] = 1 / (1 + Math.exp(-(logits[i] as number)));
    return out;
  }
  let max = logits[0] as number;
  for (let i = 1; i < logits.length; i++) if ((logits[i] as number) > max) max = logits[i] as number;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    out[i] = Math.exp((logits[i] as number) - max);
    sum += out[i] as number;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / sum;
  return out;
}

/** One tokenizer and one ONNX session: a batch of texts in, one probability row per text out. */
export class OnnxTextClassifier {
  private readonly feedsTokenTypes: boolean;

  constructor(
    private readonly ort: OrtModule,
    private readonly tokenizer: TextTokenizer,
    private readonly session: OrtSession,
    readonly labelCount: number,
    private readonly multiLabel: boolean,
  ) {
    const known = new Set(['input_ids', 'attention_mask', 'token_type_ids']);
    const unknown = session.inputNames.filter((name) => !known.has(name));
    if (unknown.length > 0 || !session.inputNames.includes('input_ids') || !session.outputNames.includes('logits')) {
      throw new Error(
        `the ONNX graph takes ${session.inputNames.join(', ')} and gives ${session.outputNames.join(', ')}: ` +
          'a text classifier reads input_ids (attention_mask, token_type_ids) and gives logits',
      );
    }
    if (!Number.isInteger(tokenizer.pad_token_id)) throw new Error('the tokenizer has no padding token: batches cannot be padded');
    // Single texts have token type 0 throughout (what BERT tokenizers return, padding included).
    this.feedsTokenTypes = session.inputNames.includes('token_type_ids');
  }

  /** Probabilities per text, each a row of labelCount in the model's label order. */
  async classify(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const { inputIds, attentionMask, length } = encodeBatch(this.tokenizer, texts);
    const dims = [texts.length, length];
    const feeds: Record<string, OrtTensor> = { input_ids: new this.ort.Tensor('int64', inputIds, dims) };
    if (this.session.inputNames.includes('attention_mask')) feeds['attention_mask'] = new this.ort.Tensor('int64', attentionMask, dims);
    if (this.feedsTokenTypes) feeds['token_type_ids'] = new this.ort.Tensor('int64', new BigInt64Array(inputIds.length), dims);
    const { logits } = await this.session.run(feeds);
    const data = logits?.data;
    if (!(data instanceof Float32Array) || data.length !== texts.length * this.labelCount) {
      throw new Error(`the model gave ${data instanceof Float32Array ? data.length : 'no float'} logits for ${texts.length} texts × ${this.labelCount} labels`);
    }
    const rows = new Array<Float32Array>(texts.length);
    for (let i = 0; i < texts.length; i++) rows[i] = probabilities(data.subarray(i * this.labelCount, (i + 1) * this.labelCount), this.multiLabel);
    return rows;
  }
}
