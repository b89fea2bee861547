import type { FastTextModel } from './fasttext.trainer.js';
import { NUM_CLASSES } from './fasttext.trainer.js';

/**
 * Folds K fastText models that read the same embedding rows into one model of the same shape
 * whose logits are the mean of theirs: mean pooling is linear per dimension, so the members'
 * embeddings side by side (dim K*D) pool to their pooled vectors side by side; a block-diagonal
 * hidden layer keeps each member's ReLU units apart, and the stacked output layer divided by K
 * averages their logits. The ONNX graph is the one a single model uses, only wider.
 */
export function mergeEnsemble(members: readonly FastTextModel[]): FastTextModel {
  const first = members[0];
  if (!first) throw new Error('mergeEnsemble needs at least one model');
  if (members.length === 1) return first;
  const K = members.length;
  const { vocabSize: V, dim: D, hidden: H } = first;
  for (const m of members) {
    if (m.vocabSize !== V || m.dim !== D || m.hidden !== H) throw new Error('ensemble members must share vocabulary, dim and hidden size');
    if (JSON.stringify(m.bigrams) !== JSON.stringify(first.bigrams)) throw new Error('ensemble members must share the bigram spec');
  }
  const KD = K * D;
  const embedding = new Float32Array(V * KD);
  members.forEach((m, k) => {
    for (let r = 0; r < V; r++) embedding.set(m.embedding.subarray(r * D, (r + 1) * D), r * KD + k * D);
  });
  const inOut = H > 0 ? H : D;
  const KI = K * inOut;
  const w2 = new Float32Array(KI * NUM_CLASSES);
  const b2 = new Float32Array(NUM_CLASSES);
  members.forEach((m, k) => {
    for (let i = 0; i < m.w2.length; i++) w2[k * inOut * NUM_CLASSES + i] = (m.w2[i] as number) / K;
    for (let c = 0; c < NUM_CLASSES; c++) b2[c] = (b2[c] as number) + (m.b2[c] as number) / K;
  });
  let w1 = new Float32Array(0);
  let b1 = new Float32Array(0);
  if (H > 0) {
    const KH = K * H;
    w1 = new Float32Array(KD * KH);
    b1 = new Float32Array(KH);
    members.forEach((m, k) => {
      for (let d = 0; d < D; d++) for (let j = 0; j < H; j++) w1[(k * D + d) * KH + k * H + j] = m.w1[d * H + j] as number;
      b1.set(m.b1, k * H);
    });
  }
  return { vocabSize: V, bigrams: first.bigrams, dim: KD, hidden: H > 0 ? K * H : 0, embedding, w1, b1, w2, b2 };
}
