/**
 * Hashed word-piece bigrams, fastText's answer to word order: "не работает" and "работает"
 * share a unigram but not a bigram. The ONNX graph computes the same ids from adjacent
 * input_ids with Mul/Add/Mod, so no extra tokenizer output is needed.
 */
export interface BigramSpec {
  /** Rows of the unigram (word-piece) part of the embedding; bigram rows follow them. */
  tokenVocab: number;
  buckets: number;
  /** Odd multiplier of the left id; (left * multiplier + right) mod buckets stays exact in int64 and in doubles. */
  multiplier: number;
}

export const DEFAULT_MULTIPLIER = 1_000_003;

export function bigramId(left: number, right: number, spec: BigramSpec): number {
  return spec.tokenVocab + ((left * spec.multiplier + right) % spec.buckets);
}

/** Embedding rows a sequence of input ids reads: every id, then every adjacent pair's bucket. */
export function featurize(ids: ArrayLike<number>, spec: BigramSpec | undefined): Int32Array {
  const n = ids.length;
  if (!spec || n < 2) return Int32Array.from(ids as ArrayLike<number>);
  const out = new Int32Array(2 * n - 1);
  for (let t = 0; t < n; t++) out[t] = ids[t] as number;
  for (let t = 0; t + 1 < n; t++) out[n + t] = bigramId(ids[t] as number, ids[t + 1] as number, spec);
  return out;
}
