import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastTextModel } from './fasttext.trainer.js';
import { type LinearBranch, writeOnnxModel } from './onnx-graph.writer.js';
import { LABELS } from './sample.js';
import { MODEL_MAX_LENGTH, buildTokenizerConfig, buildTokenizerJson } from './tokenizer-spec.js';

export const ONNX_FILE = join('onnx', 'model_quantized.onnx');

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Tokenizer files come first: training needs transformers.js to load them before a model exists. */
export function writeTokenizerFiles(dir: string, vocab: readonly string[]): void {
  mkdirSync(dir, { recursive: true });
  // Compact: the vocabulary is most of the file and nobody reads it by eye.
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(buildTokenizerJson(vocab)));
  writeJson(join(dir, 'tokenizer_config.json'), buildTokenizerConfig());
}

/**
 * model_type "bert" makes transformers.js choose BertForSequenceClassification, whose forward
 * feeds only the inputs the ONNX session declares (input_ids, attention_mask), so the
 * token_type_ids a BertTokenizer emits are simply not passed.
 */
export function buildConfig(model: FastTextModel, pulse: Record<string, unknown>): object {
  const id2label: Record<string, string> = {};
  const label2id: Record<string, number> = {};
  LABELS.forEach((l, i) => {
    id2label[String(i)] = l;
    label2id[l] = i;
  });
  return {
    model_type: 'bert',
    architectures: ['BertForSequenceClassification'],
    problem_type: 'single_label_classification',
    id2label,
    label2id,
    num_labels: LABELS.length,
    vocab_size: model.vocabSize,
    hidden_size: model.dim,
    max_position_embeddings: MODEL_MAX_LENGTH,
    pulse,
  };
}

export function writeModelFiles(dir: string, model: FastTextModel, pulse: Record<string, unknown>, linear?: LinearBranch): number {
  writeJson(join(dir, 'config.json'), buildConfig(model, pulse));
  return writeOnnxModel(
    join(dir, ONNX_FILE),
    model,
    {
      docString: `Pulse sentiment classifier: fastText-style network (mean of int8 word-piece embeddings + MLP)${linear ? ' mixed with a TF-IDF linear branch over word pieces, their character n-grams and hashed bigrams' : ''}.`,
      props: { labels: LABELS.join(','), pulse_version: String(pulse['version'] ?? '') },
    },
    linear,
  );
}
