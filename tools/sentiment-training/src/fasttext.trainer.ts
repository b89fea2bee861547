import type { BigramSpec } from './bigram-features.js';
import { Prng, deriveSeed } from './prng.js';
import type { TokenCorpus } from './token-corpus.js';

export const NUM_CLASSES = 3;

/**
 * fastText-style classifier: mean of token embeddings (over every id the attention mask covers,
 * [CLS] and [SEP] included, exactly like the ONNX graph), an optional ReLU hidden layer, then a
 * linear layer to 3 logits. Matrices are row-major with the ONNX MatMul layout [in, out].
 */
export interface FastTextModel {
  /** Embedding rows: word pieces, then hashed bigram buckets when `bigrams` is set. */
  vocabSize: number;
  bigrams?: BigramSpec;
  dim: number;
  /** 0 means no hidden layer. */
  hidden: number;
  embedding: Float32Array;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

export interface TrainOptions {
  epochs: number;
  dim: number;
  hidden: number;
  batchSize: number;
  learningRate: number;
  /** Probability of dropping each non-special token per step: fights memorizing rare words. */
  tokenDropout: number;
  seed: number;
  /** Ids never dropped (e.g. [CLS], [SEP]) so the pooled vector keeps its bias-like component. */
  specialIds?: readonly number[];
  /**
   * Rows from this one on start at zero: hashed bigram rows are mostly rare, and random initial
   * vectors that never get trained would add noise to every mean they take part in.
   */
  zeroRowsFrom?: number;
}

export interface EpochReport {
  epoch: number;
  loss: number;
  seconds: number;
}

export function createModel(vocabSize: number, dim: number, hidden: number, seed: number, zeroRowsFrom = vocabSize): FastTextModel {
  const rng = new Prng(deriveSeed(seed, 'init'));
  const uniform = (n: number, scale: number): Float32Array => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = (rng.next() * 2 - 1) * scale;
    return a;
  };
  const inOut = hidden > 0 ? hidden : dim;
  const embedding = uniform(vocabSize * dim, 1 / Math.sqrt(dim));
  embedding.fill(0, Math.min(zeroRowsFrom, vocabSize) * dim);
  return {
    vocabSize,
    dim,
    hidden,
    embedding,
    w1: hidden > 0 ? uniform(dim * hidden, Math.sqrt(6 / (dim + hidden))) : new Float32Array(0),
    b1: new Float32Array(hidden),
    w2: uniform(inOut * NUM_CLASSES, Math.sqrt(6 / (inOut + NUM_CLASSES))),
    b2: new Float32Array(NUM_CLASSES),
  };
}

interface Activations {
  pooled: Float32Array;
  hidden: Float32Array;
  logits: Float32Array;
}

function makeActivations(m: FastTextModel): Activations {
  return { pooled: new Float32Array(m.dim), hidden: new Float32Array(m.hidden), logits: new Float32Array(NUM_CLASSES) };
}

function forward(m: FastTextModel, ids: ArrayLike<number>, n: number, act: Activations): void {
  const { dim, embedding } = m;
  const pooled = act.pooled;
  pooled.fill(0);
  for (let t = 0; t < n; t++) {
    const base = (ids[t] as number) * dim;
    for (let d = 0; d < dim; d++) pooled[d] = (pooled[d] as number) + (embedding[base + d] as number);
  }
  const inv = 1 / Math.max(n, 1);
  for (let d = 0; d < dim; d++) pooled[d] = (pooled[d] as number) * inv;
  let input = pooled;
  if (m.hidden > 0) {
    const h = act.hidden;
    const H = m.hidden;
    h.set(m.b1);
    for (let d = 0; d < dim; d++) {
      const x = pooled[d] as number;
      if (x === 0) continue;
      const row = d * H;
      for (let j = 0; j < H; j++) h[j] = (h[j] as number) + x * (m.w1[row + j] as number);
    }
    for (let j = 0; j < H; j++) if ((h[j] as number) < 0) h[j] = 0;
    input = h;
  }
  const logits = act.logits;
  logits.set(m.b2);
  for (let i = 0; i < input.length; i++) {
    const x = input[i] as number;
    if (x === 0) continue;
    const row = i * NUM_CLASSES;
    for (let c = 0; c < NUM_CLASSES; c++) logits[c] = (logits[c] as number) + x * (m.w2[row + c] as number);
  }
}

/** Float32 forward pass; the reference the ONNX graph is checked against. */
export function predictLogits(m: FastTextModel, ids: ArrayLike<number>): Float32Array {
  const act = makeActivations(m);
  forward(m, ids, ids.length, act);
  return act.logits;
}

export function argmax(a: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if ((a[i] as number) > (a[best] as number)) best = i;
  return best;
}

export function predictCorpus(m: FastTextModel, corpus: TokenCorpus, indices?: readonly number[]): Uint8Array {
  const idx = indices ?? Array.from({ length: corpus.count }, (_, i) => i);
  const out = new Uint8Array(idx.length);
  const act = makeActivations(m);
  idx.forEach((sampleIdx, k) => {
    const ids = corpus.get(sampleIdx);
    forward(m, ids, ids.length, act);
    out[k] = argmax(act.logits);
  });
  return out;
}

/**
 * Weighted softmax cross-entropy of 3 logits against class `y`: writes the gradient with respect to
 * the logits into `dLogits` and returns the weighted loss. Shared by both trainers.
 */
export function softmaxCrossEntropy(logits: ArrayLike<number>, y: number, w: number, dLogits: Float32Array): number {
  const mx = Math.max(logits[0] as number, logits[1] as number, logits[2] as number);
  let z = 0;
  for (let c = 0; c < NUM_CLASSES; c++) z += Math.exp((logits[c] as number) - mx);
  for (let c = 0; c < NUM_CLASSES; c++) {
    const p = Math.exp((logits[c] as number) - mx) / z;
    dLogits[c] = (p - (c === y ? 1 : 0)) * w;
  }
  return -((logits[y] as number) - mx - Math.log(z)) * w;
}

/** Adam moments for one parameter tensor. */
class AdamSlot {
  readonly m: Float32Array;
  readonly v: Float32Array;
  constructor(readonly param: Float32Array) {
    this.m = new Float32Array(param.length);
    this.v = new Float32Array(param.length);
  }
  step(grad: Float32Array, from: number, to: number, lr: number, c1: number, c2: number): void {
    const b1 = 0.9;
    const b2 = 0.999;
    const { m, v, param } = this;
    for (let i = from; i < to; i++) {
      const g = grad[i] as number;
      const mi = b1 * (m[i] as number) + (1 - b1) * g;
      const vi = b2 * (v[i] as number) + (1 - b2) * g * g;
      m[i] = mi;
      v[i] = vi;
      param[i] = (param[i] as number) - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + 1e-8);
    }
  }
}

/**
 * Mini-batch Adam on softmax cross-entropy. Embedding rows are updated lazily (only rows seen in
 * the batch), which keeps an epoch over 80k texts at a couple of seconds on one core.
 */
export function trainFastText(
  corpus: TokenCorpus,
  labels: ArrayLike<number>,
  weights: ArrayLike<number>,
  trainIdx: readonly number[],
  vocabSize: number,
  opts: TrainOptions,
  onEpoch?: (report: EpochReport, model: FastTextModel) => void,
): FastTextModel {
  const model = createModel(vocabSize, opts.dim, opts.hidden, opts.seed, opts.zeroRowsFrom);
  const { dim, hidden } = model;
  const inOut = hidden > 0 ? hidden : dim;
  const rng = new Prng(deriveSeed(opts.seed, 'train'));
  const special = new Set(opts.specialIds ?? []);

  const gE = new Float32Array(model.embedding.length);
  const touched = new Uint8Array(vocabSize);
  const touchedList: number[] = [];
  const gW1 = new Float32Array(model.w1.length);
  const gB1 = new Float32Array(model.b1.length);
  const gW2 = new Float32Array(model.w2.length);
  const gB2 = new Float32Array(model.b2.length);
  const sE = new AdamSlot(model.embedding);
  const sW1 = new AdamSlot(model.w1);
  const sB1 = new AdamSlot(model.b1);
  const sW2 = new AdamSlot(model.w2);
  const sB2 = new AdamSlot(model.b2);

  const act = makeActivations(model);
  const dLogits = new Float32Array(NUM_CLASSES);
  const dIn = new Float32Array(inOut);
  const dPooled = new Float32Array(dim);
  const kept = new Int32Array(4096);

  const order = [...trainIdx];
  const stepsPerEpoch = Math.ceil(order.length / opts.batchSize);
  const totalSteps = stepsPerEpoch * opts.epochs;
  const warmup = Math.max(1, Math.floor(totalSteps * 0.03));
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
        const s = order[k] as number;
        const w = weights[s] as number;
        const y = labels[s] as number;
        const ids = corpus.get(s);
        let n = 0;
        for (let t = 0; t < ids.length && n < kept.length; t++) {
          const id = ids[t] as number;
          if (special.has(id) || opts.tokenDropout <= 0 || rng.next() >= opts.tokenDropout) kept[n++] = id;
        }
        if (n === 0) {
          n = Math.min(ids.length, kept.length);
          kept.set(ids.subarray(0, n));
        }
        forward(model, kept, n, act);
        const logits = act.logits;
        lossSum += softmaxCrossEntropy(logits, y, w, dLogits);
        weightSum += w;
        batchWeight += w;

        const input = hidden > 0 ? act.hidden : act.pooled;
        for (let c = 0; c < NUM_CLASSES; c++) gB2[c] = (gB2[c] as number) + (dLogits[c] as number);
        for (let i = 0; i < inOut; i++) {
          const x = input[i] as number;
          const row = i * NUM_CLASSES;
          let acc = 0;
          for (let c = 0; c < NUM_CLASSES; c++) {
            const dl = dLogits[c] as number;
            if (x !== 0) gW2[row + c] = (gW2[row + c] as number) + x * dl;
            acc += (model.w2[row + c] as number) * dl;
          }
          dIn[i] = acc;
        }
        if (hidden > 0) {
          for (let j = 0; j < hidden; j++) if ((act.hidden[j] as number) <= 0) dIn[j] = 0;
          for (let j = 0; j < hidden; j++) gB1[j] = (gB1[j] as number) + (dIn[j] as number);
          for (let d = 0; d < dim; d++) {
            const x = act.pooled[d] as number;
            const row = d * hidden;
            let acc = 0;
            for (let j = 0; j < hidden; j++) {
              const dj = dIn[j] as number;
              gW1[row + j] = (gW1[row + j] as number) + x * dj;
              acc += (model.w1[row + j] as number) * dj;
            }
            dPooled[d] = acc;
          }
        } else {
          dPooled.set(dIn);
        }
        const inv = 1 / n;
        for (let t = 0; t < n; t++) {
          const id = kept[t] as number;
          if (!touched[id]) {
            touched[id] = 1;
            touchedList.push(id);
          }
          const base = id * dim;
          for (let d = 0; d < dim; d++) gE[base + d] = (gE[base + d] as number) + (dPooled[d] as number) * inv;
        }
      }

      step++;
      const lr = opts.learningRate * (step < warmup ? step / warmup : Math.max(0.02, (totalSteps - step) / (totalSteps - warmup)));
      const c1 = 1 - Math.pow(0.9, step);
      const c2 = 1 - Math.pow(0.999, step);
      const scale = 1 / Math.max(batchWeight, 1e-6);
      for (const g of [gW1, gB1, gW2, gB2]) for (let i = 0; i < g.length; i++) g[i] = (g[i] as number) * scale;
      sW1.step(gW1, 0, gW1.length, lr, c1, c2);
      sB1.step(gB1, 0, gB1.length, lr, c1, c2);
      sW2.step(gW2, 0, gW2.length, lr, c1, c2);
      sB2.step(gB2, 0, gB2.length, lr, c1, c2);
      gW1.fill(0);
      gB1.fill(0);
      gW2.fill(0);
      gB2.fill(0);
      for (const id of touchedList) {
        const base = id * dim;
        for (let d = 0; d < dim; d++) gE[base + d] = (gE[base + d] as number) * scale;
        sE.step(gE, base, base + dim, lr, c1, c2);
        gE.fill(0, base, base + dim);
        touched[id] = 0;
      }
      touchedList.length = 0;
    }
    onEpoch?.({ epoch, loss: lossSum / Math.max(weightSum, 1e-9), seconds: (Date.now() - started) / 1000 }, model);
  }
  return model;
}

/**
 * Per-row symmetric int8 quantization of the embedding. Rows differ a lot in norm (frequent vs
 * rare tokens), so one scale per row keeps the error proportional to each row.
 */
export function quantizeEmbedding(m: FastTextModel): { q: Int8Array; scales: Float32Array } {
  const q = new Int8Array(m.embedding.length);
  const scales = new Float32Array(m.vocabSize);
  for (let r = 0; r < m.vocabSize; r++) {
    const base = r * m.dim;
    let maxAbs = 0;
    for (let d = 0; d < m.dim; d++) maxAbs = Math.max(maxAbs, Math.abs(m.embedding[base + d] as number));
    const scale = maxAbs > 0 ? maxAbs / 127 : 1;
    scales[r] = scale;
    for (let d = 0; d < m.dim; d++) q[base + d] = Math.max(-127, Math.min(127, Math.round((m.embedding[base + d] as number) / scale)));
  }
  return { q, scales };
}

/** The model as the ONNX file computes it: the reference for dev figures and the agreement check. */
export function dequantizedModel(m: FastTextModel): FastTextModel {
  const { q, scales } = quantizeEmbedding(m);
  const embedding = new Float32Array(q.length);
  for (let r = 0; r < m.vocabSize; r++) {
    const s = scales[r] as number;
    const f = Math.fround(s);
    for (let d = 0; d < m.dim; d++) embedding[r * m.dim + d] = (q[r * m.dim + d] as number) * f;
  }
  return { ...m, embedding };
}
