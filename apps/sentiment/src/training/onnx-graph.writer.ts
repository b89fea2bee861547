import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import onnxProto from 'onnx-proto';
import { type FastTextModel, NUM_CLASSES, quantizeEmbedding } from './fasttext.trainer.js';

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
export function buildOnnxModel(model: FastTextModel, meta: OnnxMetadata = {}): Uint8Array {
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
  let ids = 'input_ids';
  let mask = 'token_mask';
  if (model.bigrams) {
    // bigram row = tokenVocab + (left * multiplier + right) mod buckets, for each adjacent pair;
    // a pair counts only when both of its tokens are real (mask 1), as in bigram-features.ts.
    const { tokenVocab, buckets, multiplier } = model.bigrams;
    initializers.push(
      tensor('zero_1d', DT.INT64, [1], new BigInt64Array([0n])),
      tensor('one_1d', DT.INT64, [1], new BigInt64Array([1n])),
      tensor('minus_one_1d', DT.INT64, [1], new BigInt64Array([-1n])),
      tensor('max_1d', DT.INT64, [1], new BigInt64Array([9223372036854775807n])),
      tensor('bigram_multiplier', DT.INT64, [], new BigInt64Array([BigInt(multiplier)])),
      tensor('bigram_buckets', DT.INT64, [], new BigInt64Array([BigInt(buckets)])),
      tensor('bigram_offset', DT.INT64, [], new BigInt64Array([BigInt(tokenVocab)])),
    );
    nodes.push(
      node('Slice', ['input_ids', 'zero_1d', 'minus_one_1d', 'one_1d'], ['left_ids']),
      node('Slice', ['input_ids', 'one_1d', 'max_1d', 'one_1d'], ['right_ids']),
      node('Mul', ['left_ids', 'bigram_multiplier'], ['left_scaled']),
      node('Add', ['left_scaled', 'right_ids'], ['pair_code']),
      node('Mod', ['pair_code', 'bigram_buckets'], ['pair_bucket']),
      node('Add', ['pair_bucket', 'bigram_offset'], ['bigram_ids']),
      node('Concat', ['input_ids', 'bigram_ids'], ['feature_ids'], { axis: 1 }),
      node('Slice', ['token_mask', 'zero_1d', 'minus_one_1d', 'one_1d'], ['left_mask']),
      node('Slice', ['token_mask', 'one_1d', 'max_1d', 'one_1d'], ['right_mask']),
      node('Mul', ['left_mask', 'right_mask'], ['bigram_mask']),
      node('Concat', ['token_mask', 'bigram_mask'], ['feature_mask'], { axis: 1 }),
    );
    ids = 'feature_ids';
    mask = 'feature_mask';
  }
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
  nodes.push(node('MatMul', [features, 'classifier_w'], ['logits_mm']), node('Add', ['logits_mm', 'classifier_b'], ['logits']));

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

export function writeOnnxModel(path: string, model: FastTextModel, meta: OnnxMetadata = {}): number {
  const bytes = buildOnnxModel(model, meta);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return bytes.byteLength;
}
