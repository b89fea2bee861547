import { basename, dirname, resolve } from 'node:path';
import { AutoTokenizer, env, pipeline } from '@xenova/transformers';
import { MODEL_MAX_LENGTH } from './tokenizer-spec.js';

/** transformers.js resolves local models as <localModelPath>/<model id>/...; never touch the hub. */
function pointAt(modelDir: string): string {
  const abs = resolve(modelDir);
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${dirname(abs)}/`;
  return basename(abs);
}

export interface HfTokenizer {
  encode(text: string): number[];
}

export async function loadTokenizer(modelDir: string): Promise<HfTokenizer> {
  const id = pointAt(modelDir);
  return (await AutoTokenizer.from_pretrained(id)) as unknown as HfTokenizer;
}

/**
 * Ids exactly as the text-classification pipeline will produce them: transformers.js' own
 * tokenizer with [CLS]/[SEP], then cut to model_max_length the way its truncation does (a plain
 * slice, which can drop the final [SEP]).
 */
export function encodeForModel(tokenizer: HfTokenizer, text: string): number[] {
  const ids = tokenizer.encode(text);
  return ids.length > MODEL_MAX_LENGTH ? ids.slice(0, MODEL_MAX_LENGTH) : ids;
}

export interface ClassifierOutput {
  label: string;
  score: number;
}
export type TextClassifier = (texts: string | string[], options?: { topk?: number }) => Promise<ClassifierOutput[] | ClassifierOutput[][]>;

export async function loadClassifier(modelDir: string): Promise<TextClassifier> {
  const id = pointAt(modelDir);
  return (await pipeline('text-classification', id, { quantized: true })) as unknown as TextClassifier;
}
