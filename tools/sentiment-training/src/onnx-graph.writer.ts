import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import onnxProto from 'onnx-proto';
import type { BigramSpec } from './bigram-features.js';
import { type FastTextModel, NUM_CLASSES, quantizeEmbedding } from './fasttext.trainer.js';
import { type LinearModel, toFloat16 } from './linear.trainer.js';

const { onnx } = onnxProto;
type INode = onnxProto.onnx.INodeProto;
type ITensor = onnxProto.onnx.ITensorProto;
type IValueInfo = onnxProto.onnx.IValueInfoProto;

const DT = onnx.TensorProto.DataType;
const ATTR = onnx.AttributeProto.AttributeType;

/**
 * Opset 13 / IR 7: what onnxruntime 1.14 (bundled by @xenova/transformers 2.17.2) runs on both
 * node and web. The int8 table is dequantized per gathered row (Gather, Cast, Mul by the row scale).
 */
export const OPSET = 13;
export const IR_VERSION = 7;

function bytesOf(view: ArrayBufferView): Uint8Array {
  // Tensor raw_data is little-endian; so are the platforms Node runs training on.
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

function tensor(name: string, dataType: number, dims: number[], data: ArrayBufferView): ITensor {
  return { name, dataType, dims, rawData: bytesOf(data) };
}

function node(opType: string, inputs: string[], outputs: string[], attrs: Record<string, number> = {}): INode {
  return {
    opType,
    input: inputs,
    output: outputs,
    name: outputs[0] ?? opType,
    attribute: Object.entries(attrs).map(([name, i]) => ({ name, type: ATTR.INT, i })),
  };
}

function valueInfo(name: string, elemType: number, dims: (number | string)[]): IValueInfo {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export interface OnnxMetadata {
  docString?: string;
  props?: Record<string, string>;
}

/**
 * Graph: Gather(int8 embedding rows, input_ids) -> Cast * per-row scale (dequantized per read row) -> masked mean over
 * the sequence -> [MatMul+Add+Relu] -> MatMul+Add -> logits. Inputs and output names follow the
 * Hugging Face convention transformers.js feeds for BERT-type sequence classifiers.
 */
/** The linear branch and its share of the output probabilities. */
export interface LinearBranch {
  model: LinearModel;
  weight: number;
}

export function buildOnnxModel(model: FastTextModel, meta: OnnxMetadata = {}, linear?: LinearBranch): Uint8Array {
  const { q, scales } = quantizeEmbedding(model);
  const { vocabSize: V, dim: D, hidden: H } = model;
  const inOut = H > 0 ? H : D;

  const initializers: ITensor[] = [
    tensor('embedding_q', DT.INT8, [V, D], q),
    tensor('embedding_scale', DT.FLOAT, [V], scales),
    tensor('axes_seq', DT.INT64, [1], new BigInt64Array([1n])),
    tensor('one', DT.FLOAT, [], new Float32Array([1])),
    tensor('classifier_w', DT.FLOAT, [inOut, NUM_CLASSES], model.w2),
    tensor('classifier_b', DT.FLOAT, [NUM_CLASSES], model.b2),
  ];
  const nodes: INode[] = [
    node('Cast', ['attention_mask'], ['token_mask'], { to: DT.FLOAT }),
  ];
  const needsSlices = Boolean(model.bigrams ?? linear?.model.bigrams);
  if (needsSlices) {
    initializers.push(
      tensor('zero_1d', DT.INT64, [1], new BigInt64Array([0n])),
      tensor('one_1d', DT.INT64, [1], new BigInt64Array([1n])),
      tensor('minus_one_1d', DT.INT64, [1], new BigInt64Array([-1n])),
      tensor('max_1d', DT.INT64, [1], new BigInt64Array([9223372036854775807n])),
    );
  }
  // bigram row = tokenVocab + (left * multiplier + right) mod buckets, for each adjacent pair;
  // a pair counts only when both of its tokens are real (mask 1), as in bigram-features.ts.
  const bigramFeatures = (spec: BigramSpec, p: string): { ids: string; mask: string } => {
    initializers.push(
      tensor(`${p}bigram_multiplier`, DT.INT64, [], new BigInt64Array([BigInt(spec.multiplier)])),
      tensor(`${p}bigram_buckets`, DT.INT64, [], new BigInt64Array([BigInt(spec.buckets)])),
      tensor(`${p}bigram_offset`, DT.INT64, [], new BigInt64Array([BigInt(spec.tokenVocab)])),
    );
    nodes.push(
      node('Slice', ['input_ids', 'zero_1d', 'minus_one_1d', 'one_1d'], [`${p}left_ids`]),
      node('Slice', ['input_ids', 'one_1d', 'max_1d', 'one_1d'], [`${p}right_ids`]),
      node('Mul', [`${p}left_ids`, `${p}bigram_multiplier`], [`${p}left_scaled`]),
      node('Add', [`${p}left_scaled`, `${p}right_ids`], [`${p}pair_code`]),
      node('Mod', [`${p}pair_code`, `${p}bigram_buckets`], [`${p}pair_bucket`]),
      node('Add', [`${p}pair_bucket`, `${p}bigram_offset`], [`${p}bigram_ids`]),
      node('Concat', ['input_ids', `${p}bigram_ids`], [`${p}feature_ids`], { axis: 1 }),
      node('Slice', ['token_mask', 'zero_1d', 'minus_one_1d', 'one_1d'], [`${p}left_mask`]),
      node('Slice', ['token_mask', 'one_1d', 'max_1d', 'one_1d'], [`${p}right_mask`]),
      node('Mul', [`${p}left_mask`, `${p}right_mask`], [`${p}bigram_mask`]),
      node('Concat', ['token_mask', `${p}bigram_mask`], [`${p}feature_mask`], { axis: 1 }),
    );
    return { ids: `${p}feature_ids`, mask: `${p}feature_mask` };
  };
  const nnFeatures = model.bigrams ? bigramFeatures(model.bigrams, '') : { ids: 'input_ids', mask: 'token_mask' };
  const ids = nnFeatures.ids;
  const mask = nnFeatures.mask;
  nodes.push(
    // Dequantize only the rows the batch reads (a DequantizeLinear of the whole table would cost
    // V*D multiplications per call, which dominates small calls and wide tables), and pool with one
    // batched MatMul: pooled[b] = sum_l (mask * row scale / count)[b, l] * int8 row[b, l].
    node('Gather', ['embedding_q', ids], ['token_vectors_q'], { axis: 0 }),
    node('Cast', ['token_vectors_q'], ['token_vectors_unscaled'], { to: DT.FLOAT }),
    node('Gather', ['embedding_scale', ids], ['token_scales'], { axis: 0 }),
    node('ReduceSum', [mask, 'axes_seq'], ['token_count'], { keepdims: 1 }),
    // An all-zero mask row (never produced by the tokenizer) would otherwise divide by zero.
    node('Max', ['token_count', 'one'], ['token_count_safe']),
    node('Mul', ['token_scales', mask], ['scaled_mask']),
    node('Div', ['scaled_mask', 'token_count_safe'], ['pool_weights']),
    node('Unsqueeze', ['pool_weights', 'axes_seq'], ['pool_weights_3d']),
    node('MatMul', ['pool_weights_3d', 'token_vectors_unscaled'], ['pooled_3d']),
    node('Squeeze', ['pooled_3d', 'axes_seq'], ['pooled']),
  );
  let features = 'pooled';
  if (H > 0) {
    initializers.push(tensor('hidden_w', DT.FLOAT, [D, H], model.w1), tensor('hidden_b', DT.FLOAT, [H], model.b1));
    nodes.push(
      node('MatMul', ['pooled', 'hidden_w'], ['hidden_mm']),
      node('Add', ['hidden_mm', 'hidden_b'], ['hidden_pre']),
      node('Relu', ['hidden_pre'], ['hidden']),
    );
    features = 'hidden';
  }
  const nnLogits = linear ? 'network_logits' : 'logits';
  nodes.push(node('MatMul', [features, 'classifier_w'], ['logits_mm']), node('Add', ['logits_mm', 'classifier_b'], [nnLogits]));
  if (linear) {
    // The linear branch (linear.trainer.ts): one float16 row per feature, summed over the unmasked
    // features and divided by the square root of their summed norms, then the two branches'
    // probabilities mixed; the log of the mixture is what softmax turns back into it.
    const lin = linear.model;
    const f = lin.bigrams ? bigramFeatures(lin.bigrams, 'linear_') : { ids: 'input_ids', mask: 'token_mask' };
    const rows = lin.nu.length;
    initializers.push(
      tensor('linear_table', DT.FLOAT16, [rows, NUM_CLASSES], toFloat16(lin.table)),
      tensor('linear_nu', DT.FLOAT16, [rows], toFloat16(lin.nu)),
      tensor('linear_bias', DT.FLOAT, [NUM_CLASSES], lin.bias),
      tensor('linear_eps', DT.FLOAT, [], new Float32Array([1e-12])),
      tensor('mix_network', DT.FLOAT, [], new Float32Array([1 - linear.weight])),
      tensor('mix_linear', DT.FLOAT, [], new Float32Array([linear.weight])),
    );
    nodes.push(
      node('Gather', ['linear_table', f.ids], ['linear_rows_f16'], { axis: 0 }),
      node('Cast', ['linear_rows_f16'], ['linear_rows'], { to: DT.FLOAT }),
      node('Gather', ['linear_nu', f.ids], ['linear_nu_f16_rows'], { axis: 0 }),
      node('Cast', ['linear_nu_f16_rows'], ['linear_nu_rows'], { to: DT.FLOAT }),
      node('Mul', ['linear_nu_rows', f.mask], ['linear_nu_masked']),
      node('ReduceSum', ['linear_nu_masked', 'axes_seq'], ['linear_norm_sq'], { keepdims: 1 }),
      node('Max', ['linear_norm_sq', 'linear_eps'], ['linear_norm_sq_safe']),
      node('Sqrt', ['linear_norm_sq_safe'], ['linear_norm']),
      node('Div', [f.mask, 'linear_norm'], ['linear_weights']),
      node('Unsqueeze', ['linear_weights', 'axes_seq'], ['linear_weights_3d']),
      node('MatMul', ['linear_weights_3d', 'linear_rows'], ['linear_sum_3d']),
      node('Squeeze', ['linear_sum_3d', 'axes_seq'], ['linear_sum']),
      node('Add', ['linear_sum', 'linear_bias'], ['linear_logits']),
      node('Softmax', ['network_logits'], ['network_probs'], { axis: 1 }),
      node('Softmax', ['linear_logits'], ['linear_probs'], { axis: 1 }),
      node('Mul', ['network_probs', 'mix_network'], ['network_part']),
      node('Mul', ['linear_probs', 'mix_linear'], ['linear_part']),
      node('Add', ['network_part', 'linear_part'], ['mixed_probs']),
      node('Log', ['mixed_probs'], ['logits']),
    );
  }

  const modelProto = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'pulse-sentiment-trainer',
    producerVersion: '1',
    docString: meta.docString ?? '',
    metadataProps: Object.entries(meta.props ?? {}).map(([key, value]) => ({ key, value })),
    graph: {
      name: 'pulse_fasttext_classifier',
      node: nodes,
      initializer: initializers,
      input: [valueInfo('input_ids', DT.INT64, ['batch', 'sequence']), valueInfo('attention_mask', DT.INT64, ['batch', 'sequence'])],
      output: [valueInfo('logits', DT.FLOAT, ['batch', NUM_CLASSES])],
    },
  });
  return onnx.ModelProto.encode(modelProto).finish();
}

export function writeOnnxModel(path: string, model: FastTextModel, meta: OnnxMetadata = {}, linear?: LinearBranch): number {
  const bytes = buildOnnxModel(model, meta, linear);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return bytes.byteLength;
}
