import { type BigramSpec, featurize } from './bigram-features.js';
import { NUM_CLASSES, softmaxCrossEntropy } from './fasttext.trainer.js';
import { Prng, deriveSeed } from './prng.js';
import type { TokenCorpus } from './token-corpus.js';

/**
 * The linear branch of the bundled model: a TF-IDF-style logistic regression over word pieces,
 * hashed word-piece bigrams and the character n-grams inside each piece. On our dev splits a
 * plain word + character n-gram logistic regression beat the fastText-style network alone on every
 * Russian set, and the two together beat either: they make different mistakes.
 *
 * Character n-grams would need a tokenizer transformers.js does not have, so they are a training
 * parametrization only: a piece's weight vector is its own weight plus the weights of its n-grams
 * ("нета" shares evidence with every piece containing "нет"), and at export each piece collapses to
 * one row. What the ONNX graph computes, and what this trainer optimizes, is exactly
 *
 *   logits = bias + sum_t T[f_t] / sqrt(sum_t nu[f_t])
 *
 * over the features f_t the graph reads (every unmasked id, then every adjacent pair's bucket),
 * with T[row] = idf(row) * U[row] + sum_g idf(g) * C[g] and nu[row] = idf(row)^2 + sum_g idf(g)^2:
 * the TF-IDF vector's L2 norm, with each piece's n-grams counted as its own.
 */
export interface LinearModel {
  /** Word-piece rows; bigram bucket rows follow when `bigrams` is set. */
  tokenVocab: number;
  bigrams?: BigramSpec;
  /** [rows, 3] collapsed weights. */
  table: Float32Array;
  /** [rows] squared-norm contribution of one occurrence of the row's feature. */
  nu: Float32Array;
  bias: Float32Array;
}

export interface LinearTrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Decoupled weight decay per step (AdamW), applied to the rows a batch touches. */
  weightDecay: number;
  seed: number;
  /** Character n-gram lengths inside each piece; [0, 0] for none. */
  minGram: number;
  maxGram: number;
}

export interface LinearEpochReport {
  epoch: number;
  loss: number;
  seconds: number;
}

/**
 * Character n-grams of each vocabulary entry: "<" marks a word start (pieces without "##"), ">"
 * a piece end. Placeholders and special tokens ("[URL]") get none: they are whole symbols.
 */
export function pieceGrams(vocab: readonly string[], minGram: number, maxGram: number): { offsets: Uint32Array; grams: Int32Array; count: number } {
  const index = new Map<string, number>();
  const lists: number[][] = [];
  for (const piece of vocab) {
    const list: number[] = [];
    if (minGram > 0 && !/^\[.*\]$/.test(piece)) {
      const s = piece.startsWith('##') ? `${piece.slice(2)}>` : `<${piece}>`;
      const chars = Array.from(s);
      for (let n = minGram; n <= maxGram; n++) {
        for (let i = 0; i + n <= chars.length; i++) {
          const g = chars.slice(i, i + n).join('');
          if (g === '<' || g === '>' || g === '<>') continue;
          let id = index.get(g);
          if (id === undefined) {
            id = index.size;
            index.set(g, id);
          }
          list.push(id);
        }
      }
    }
    lists.push(list);
  }
  const offsets = new Uint32Array(vocab.length + 1);
  lists.forEach((l, i) => (offsets[i + 1] = (offsets[i] as number) + l.length));
  const grams = new Int32Array(offsets[vocab.length] as number);
  lists.forEach((l, i) => grams.set(l, offsets[i] as number));
  return { offsets, grams, count: index.size };
}

/** Lazy AdamW over a [rows, 3] table: only rows a batch touched are stepped and decayed. */
class SparseAdam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  readonly grad: Float32Array;
  private readonly touched: Uint8Array;
  private readonly list: number[] = [];
  constructor(readonly param: Float32Array) {
    this.m = new Float32Array(param.length);
    this.v = new Float32Array(param.length);
    this.grad = new Float32Array(param.length);
    this.touched = new Uint8Array(param.length / NUM_CLASSES);
  }
  add(row: number, scale: number, d: Float32Array): void {
    if (!this.touched[row]) {
      this.touched[row] = 1;
      this.list.push(row);
    }
    const b = row * NUM_CLASSES;
    for (let c = 0; c < NUM_CLASSES; c++) this.grad[b + c] = (this.grad[b + c] as number) + scale * (d[c] as number);
  }
  step(lr: number, c1: number, c2: number, gradScale: number, decay: number): void {
    const { m, v, param, grad } = this;
    for (const row of this.list) {
      const b = row * NUM_CLASSES;
      for (let i = b; i < b + NUM_CLASSES; i++) {
        const g = (grad[i] as number) * gradScale;
        const mi = 0.9 * (m[i] as number) + 0.1 * g;
        const vi = 0.999 * (v[i] as number) + 0.001 * g * g;
        m[i] = mi;
        v[i] = vi;
        param[i] = (param[i] as number) * (1 - lr * decay) - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + 1e-8);
        grad[i] = 0;
      }
      this.touched[row] = 0;
    }
    this.list.length = 0;
  }
}

function idf(df: Uint32Array, docs: number): Float32Array {
  // scikit-learn's smoothed idf: a feature in every document still weighs 1.
  const out = new Float32Array(df.length);
  for (let i = 0; i < df.length; i++) out[i] = Math.log((1 + docs) / (1 + (df[i] as number))) + 1;
  return out;
}

interface Parametrization {
  tokenVocab: number;
  bigrams?: BigramSpec;
  gramOffsets: Uint32Array;
  grams: Int32Array;
  idfRow: Float32Array;
  idfGram: Float32Array;
  nu: Float32Array;
}

/** Collapses pieces and their n-grams into the one row per feature the graph reads. */
function collapse(p: Parametrization, U: Float32Array, C: Float32Array, bias: Float32Array): LinearModel {
  const rows = p.idfRow.length;
  const table = new Float32Array(rows * NUM_CLASSES);
  for (let r = 0; r < rows; r++) {
    const w = p.idfRow[r] as number;
    for (let c = 0; c < NUM_CLASSES; c++) table[r * NUM_CLASSES + c] = w * (U[r * NUM_CLASSES + c] as number);
    if (r < p.tokenVocab) {
      for (let k = p.gramOffsets[r] as number; k < (p.gramOffsets[r + 1] as number); k++) {
        const g = p.grams[k] as number;
        const wg = p.idfGram[g] as number;
        for (let c = 0; c < NUM_CLASSES; c++) table[r * NUM_CLASSES + c] = (table[r * NUM_CLASSES + c] as number) + wg * (C[g * NUM_CLASSES + c] as number);
      }
    }
  }
  return { tokenVocab: p.tokenVocab, bigrams: p.bigrams, table, nu: Float32Array.from(p.nu), bias: Float32Array.from(bias) };
}

/** Logits of one feature sequence (ids from `featurize`); the reference for the ONNX branch. */
export function linearLogits(m: LinearModel, features: ArrayLike<number>, out = new Float32Array(NUM_CLASSES)): Float32Array {
  out.fill(0);
  let norm = 0;
  for (let t = 0; t < features.length; t++) {
    const r = features[t] as number;
    norm += m.nu[r] as number;
    for (let c = 0; c < NUM_CLASSES; c++) out[c] = (out[c] as number) + (m.table[r * NUM_CLASSES + c] as number);
  }
  const inv = 1 / Math.sqrt(Math.max(norm, 1e-12));
  for (let c = 0; c < NUM_CLASSES; c++) out[c] = (out[c] as number) * inv + (m.bias[c] as number);
  return out;
}

/**
 * Mini-batch lazy AdamW on weighted softmax cross-entropy. `corpus` holds word-piece ids per text
 * (as the tokenizer gives them); bigram features are added here as the graph adds them.
 */
export function trainLinear(
  corpus: TokenCorpus,
  labels: ArrayLike<number>,
  weights: ArrayLike<number>,
  trainIdx: readonly number[],
  vocab: readonly string[],
  bigrams: BigramSpec | undefined,
  opts: LinearTrainOptions,
  onEpoch?: (report: LinearEpochReport, model: () => LinearModel) => void,
): LinearModel {
  const V = vocab.length;
  const rows = V + (bigrams?.buckets ?? 0);
  const { offsets: gramOffsets, grams, count: G } = pieceGrams(vocab, opts.minGram, opts.maxGram);

  // Document frequencies over the training texts, for rows and for n-grams.
  const features = trainIdx.map((i) => featurize(corpus.get(i), bigrams));
  const dfRow = new Uint32Array(rows);
  const dfGram = new Uint32Array(G);
  {
    const seenRow = new Int32Array(rows).fill(-1);
    const seenGram = new Int32Array(G).fill(-1);
    features.forEach((f, doc) => {
      for (const r of f) {
        if (seenRow[r] !== doc) {
          seenRow[r] = doc;
          dfRow[r] = (dfRow[r] as number) + 1;
        }
        if (r < V) {
          for (let k = gramOffsets[r] as number; k < (gramOffsets[r + 1] as number); k++) {
            const g = grams[k] as number;
            if (seenGram[g] !== doc) {
              seenGram[g] = doc;
              dfGram[g] = (dfGram[g] as number) + 1;
            }
          }
        }
      }
    });
  }
  const idfRow = idf(dfRow, features.length);
  const idfGram = idf(dfGram, features.length);
  const nu = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = (idfRow[r] as number) ** 2;
    if (r < V) for (let k = gramOffsets[r] as number; k < (gramOffsets[r + 1] as number); k++) s += (idfGram[grams[k] as number] as number) ** 2;
    nu[r] = s;
  }
  const param: Parametrization = { tokenVocab: V, bigrams, gramOffsets, grams, idfRow, idfGram, nu };

  const U = new Float32Array(rows * NUM_CLASSES);
  const C = new Float32Array(G * NUM_CLASSES);
  const bias = new Float32Array(NUM_CLASSES);
  const sU = new SparseAdam(U);
  const sC = new SparseAdam(C);
  const sB = new SparseAdam(bias);
  const logits = new Float32Array(NUM_CLASSES);
  const d = new Float32Array(NUM_CLASSES);
  const rng = new Prng(deriveSeed(opts.seed, 'linear'));
  const order = trainIdx.map((_, k) => k);
  const steps = Math.ceil(order.length / opts.batchSize) * opts.epochs;
  let step = 0;

  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const started = Date.now();
    rng.shuffle(order);
    let lossSum = 0;
    let weightSum = 0;
    for (let start = 0; start < order.length; start += opts.batchSize) {
      const end = Math.min(order.length, start + opts.batchSize);
      let batchWeight = 0;
      for (let k = start; k < end; k++) {
        const docIdx = order[k] as number;
        const f = features[docIdx] as Int32Array;
        const sample = trainIdx[docIdx] as number;
        const w = weights[sample] as number;
        const y = labels[sample] as number;
        let norm = 0;
        logits.fill(0);
        for (const r of f) {
          norm += nu[r] as number;
          const wr = idfRow[r] as number;
          for (let c = 0; c < NUM_CLASSES; c++) logits[c] = (logits[c] as number) + wr * (U[r * NUM_CLASSES + c] as number);
          if (r < V) {
            for (let q = gramOffsets[r] as number; q < (gramOffsets[r + 1] as number); q++) {
              const g = grams[q] as number;
              const wg = idfGram[g] as number;
              for (let c = 0; c < NUM_CLASSES; c++) logits[c] = (logits[c] as number) + wg * (C[g * NUM_CLASSES + c] as number);
            }
          }
        }
        const inv = 1 / Math.sqrt(Math.max(norm, 1e-12));
        for (let c = 0; c < NUM_CLASSES; c++) logits[c] = (logits[c] as number) * inv + (bias[c] as number);
        lossSum += softmaxCrossEntropy(logits, y, w, d);
        weightSum += w;
        batchWeight += w;
        sB.add(0, 1, d);
        for (const r of f) {
          sU.add(r, (idfRow[r] as number) * inv, d);
          if (r < V) for (let q = gramOffsets[r] as number; q < (gramOffsets[r + 1] as number); q++) sC.add(grams[q] as number, (idfGram[grams[q] as number] as number) * inv, d);
        }
      }
      step++;
      const lr = opts.learningRate * Math.max(0.02, 1 - step / steps);
      const c1 = 1 - 0.9 ** step;
      const c2 = 1 - 0.999 ** step;
      const scale = 1 / Math.max(batchWeight, 1e-6);
      sU.step(lr, c1, c2, scale, opts.weightDecay);
      sC.step(lr, c1, c2, scale, opts.weightDecay);
      sB.step(lr, c1, c2, scale, 0);
    }
    onEpoch?.({ epoch, loss: lossSum / Math.max(weightSum, 1e-9), seconds: (Date.now() - started) / 1000 }, () => collapse(param, U, C, bias));
  }
  return collapse(param, U, C, bias);
}

/** IEEE half-precision bits of a float (round to nearest even); the ONNX branch stores float16. */
export function float16Bits(value: number): number {
  const f32 = new Float32Array([value]);
  const x = new Uint32Array(f32.buffer)[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
  return sign | half;
}

export function float16Value(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

export function toFloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float16Bits(values[i] as number);
  return out;
}

/** The linear branch exactly as the ONNX file holds it (table and norms in float16). */
export function shippedLinear(m: LinearModel): LinearModel {
  const round = (a: Float32Array): Float32Array => Float32Array.from(toFloat16(a), float16Value);
  return { ...m, table: round(m.table), nu: round(m.nu) };
}

/**
 * What the graph outputs when both branches are present: the log of the weighted mixture of the
 * two branches' probabilities. transformers.js applies softmax to "logits", which gives back the
 * mixture itself.
 */
export function mixLogits(nnLogits: ArrayLike<number>, linLogits: ArrayLike<number>, linearWeight: number): Float32Array {
  const soft = (l: ArrayLike<number>): number[] => {
    const mx = Math.max(l[0] as number, l[1] as number, l[2] as number);
    const e = [0, 1, 2].map((c) => Math.exp((l[c] as number) - mx));
    const z = (e[0] as number) + (e[1] as number) + (e[2] as number);
    return e.map((x) => x / z);
  };
  const a = soft(nnLogits);
  const b = soft(linLogits);
  return Float32Array.from([0, 1, 2], (c) => Math.log((1 - linearWeight) * (a[c] as number) + linearWeight * (b[c] as number)));
}
