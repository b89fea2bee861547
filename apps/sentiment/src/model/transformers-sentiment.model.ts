import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelRef, SentimentLabel, SentimentScores } from '@pulse/contracts';
import { mapModelLabels } from './label-map.js';
import { SOCIAL_NORMALIZATION, prepareSocialInput, truncateInput } from './model-input.js';
import { OnnxTextClassifier, SESSION_OPTIONS, type TextTokenizer } from './onnx-text-classifier.js';
import type { SentimentModel } from './sentiment-model.port.js';
import { importTransformers, type HubProgress } from './transformers-modules.js';
import { rememberWordPieces } from './word-piece.memo.js';

/** The model committed with Pulse: used when SENTIMENT_MODEL is not set. */
export const BUNDLED_MODEL_DIR = fileURLToPath(new URL('../../models/pulse-sentiment-v2', import.meta.url));

/** The graph file in a model directory (the quantized export, as transformers.js names it). */
export const MODEL_FILE = 'onnx/model_quantized.onnx';

/**
 * Characters of prepared text per model call. The graph's intermediate tensors are [texts,
 * longest text, width] floats and onnxruntime's arena keeps its peak for the life of the process:
 * calls of 32,768 characters held ~95 MB outside the JS heap after a stream of tweets, 8,192 hold
 * ~50 MB, and cost no CPU (less padding per call: 34–39 ms per 1,000 tweets vs 40–58 ms with
 * 32,768, sentiment bench texts, interleaved runs).
 */
export const CALL_CHAR_BUDGET = 8_192;

/**
 * Splits a batch into model calls: texts sorted by length (a call is padded to its longest
 * text), each call at most `maxBatch` texts and at most `budget` characters counted as
 * texts × longest; a text longer than the budget goes alone. Returns input indices per call.
 */
export function planCalls(lengths: readonly number[], maxBatch: number, budget = CALL_CHAR_BUDGET): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => (lengths[a] as number) - (lengths[b] as number));
  const calls: number[][] = [];
  let current: number[] = [];
  for (const i of order) {
    const longest = Math.max(lengths[i] as number, 1);
    if (current.length > 0 && (current.length >= maxBatch || (current.length + 1) * longest > budget)) {
      calls.push(current);
      current = [];
    }
    current.push(i);
  }
  if (current.length > 0) calls.push(current);
  return calls;
}

/** What loading needs from a logger: pino's, or the CLI's stderr writer. */
export interface ModelLoadLogger {
  info(fields: object, message: string): void;
}

export interface TransformersModelOptions {
  /** A local model directory or a Hugging Face model id. */
  model: string;
  /** Where downloaded hub models are cached. */
  cacheDir: string;
  labelOverrides?: Record<string, SentimentLabel>;
  /** Feeds the model in slices of this size to cap memory on very large batches. */
  maxBatch?: number;
  logger: ModelLoadLogger;
}

interface PulseModelConfig {
  version?: string;
  input_normalization?: string;
  targeted?: boolean;
}
interface ModelConfig {
  id2label: Record<string, string>;
  problem_type?: string;
  pulse?: PulseModelConfig;
}

/**
 * @xenova/transformers (its tokenizer and ONNX Runtime on CPU) behind the SentimentModel port. A
 * local directory loads offline; anything else is treated as a hub id and may download.
 */
export class TransformersSentimentModel implements SentimentModel {
  private constructor(
    readonly ref: ModelRef,
    private readonly classifier: OnnxTextClassifier,
    /** Pulse's tone for each of the model's label indices. */
    private readonly labels: readonly SentimentLabel[],
    private readonly maxBatch: number,
    private readonly prepare: (text: string) => string,
    readonly targeted: boolean,
  ) {}

  static async load(options: TransformersModelOptions): Promise<TransformersSentimentModel> {
    const { env, AutoConfig, AutoTokenizer, ONNX, getModelFile } = await importTransformers();
    const localDir = resolve(options.model);
    const isLocal = existsSync(localDir) && statSync(localDir).isDirectory();
    let modelName: string;
    if (isLocal) {
      env.allowRemoteModels = false;
      env.allowLocalModels = true;
      env.localModelPath = dirname(localDir);
      modelName = basename(localDir);
    } else {
      env.allowRemoteModels = true;
      env.cacheDir = options.cacheDir;
      modelName = options.model;
    }
    options.logger.info({ model: options.model, local: isLocal }, 'loading sentiment model');
    let lastLogged = -1;
    const progress_callback = (p: HubProgress): void => {
      if (p.status === 'progress' && p.progress !== undefined) {
        const step = Math.floor(p.progress / 10);
        if (step !== lastLogged) {
          lastLogged = step;
          options.logger.info({ file: p.file, progress: Math.round(p.progress) }, isLocal ? 'reading model file' : 'downloading model');
        }
      } else if (p.status === 'done' && p.file) {
        options.logger.info({ file: p.file }, 'model file ready');
      }
    };
    let classifier: OnnxTextClassifier;
    let config: ModelConfig;
    try {
      const [tokenizer, loadedConfig, modelFile] = await Promise.all([
        AutoTokenizer.from_pretrained(modelName, { progress_callback }),
        AutoConfig.from_pretrained(modelName, { progress_callback }),
        // A local graph is read by ONNX Runtime itself: no copy of it passes through the JS heap.
        isLocal ? join(localDir, MODEL_FILE) : getModelFile(modelName, MODEL_FILE, true, { progress_callback }),
      ]);
      config = loadedConfig as unknown as ModelConfig;
      rememberWordPieces((tokenizer as unknown as { model: unknown }).model);
      const session = await ONNX.InferenceSession.create(modelFile, { ...SESSION_OPTIONS });
      const multiLabel = config.problem_type === 'multi_label_classification';
      classifier = new OnnxTextClassifier(ONNX, tokenizer as unknown as TextTokenizer, session, Object.keys(config.id2label).length, multiLabel);
    } catch (error) {
      const hint = isLocal
        ? `the directory must hold config.json, tokenizer.json, tokenizer_config.json and ${MODEL_FILE}`
        : `"${options.model}" is neither a local directory nor a reachable Hugging Face model id (offline? set SENTIMENT_MODEL to a local directory)`;
      throw new Error(`cannot load sentiment model ${options.model}: ${(error as Error).message}; ${hint}`, { cause: error });
    }
    const mapping = mapModelLabels(config.id2label, options.labelOverrides);
    const labels = Array.from({ length: classifier.labelCount }, (_, i) => {
      const name = config.id2label[String(i)];
      if (name === undefined) throw new Error(`cannot load sentiment model ${options.model}: config.json id2label has no label ${i} of ${classifier.labelCount}`);
      return mapping.get(name) as SentimentLabel;
    });
    const ref: ModelRef = { id: isLocal ? basename(localDir) : options.model, version: config.pulse?.version ?? '1' };
    // Only models trained on Pulse's normalization get it: a hub model expects the raw text it was trained on.
    const normalize = config.pulse?.input_normalization === SOCIAL_NORMALIZATION;
    const prepare = normalize ? prepareSocialInput : truncateInput;
    const targeted = config.pulse?.targeted === true;
    options.logger.info({ ...ref, labels: Object.fromEntries(mapping), normalize, targeted }, 'sentiment model loaded');
    return new TransformersSentimentModel(ref, classifier, labels, options.maxBatch ?? 256, prepare, targeted);
  }

  async classify(texts: readonly string[]): Promise<SentimentScores[]> {
    const prepared = texts.map(this.prepare);
    const results = new Array<SentimentScores>(prepared.length);
    for (const idx of planCalls(prepared.map((t) => t.length), this.maxBatch)) {
      const rows = await this.classifier.classify(idx.map((k) => prepared[k] as string));
      for (let j = 0; j < rows.length; j++) results[idx[j] as number] = this.toScores(rows[j] as Float32Array);
    }
    return results;
  }

  private toScores(probabilities: Float32Array): SentimentScores {
    const out: SentimentScores = { negative: 0, neutral: 0, positive: 0 };
    // Several model labels may map to one tone (e.g. 5-star models): their mass adds up.
    for (let i = 0; i < probabilities.length; i++) out[this.labels[i] as SentimentLabel] += probabilities[i] as number;
    for (const key of ['negative', 'neutral', 'positive'] as const) out[key] = Math.min(1, Math.max(0, out[key]));
    return out;
  }
}
