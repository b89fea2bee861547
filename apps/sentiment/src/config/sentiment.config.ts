import { resolve } from 'node:path';
import type { SentimentLabel } from '@pulse/contracts';
import { kafkaEnvSchema, refineKafkaEnv } from '@pulse/bus/kafka';
import { envHeapGrowthPercent, envLogLevel, envPort, envPositiveInt, parseEnv, refineTlsEnv, tlsEnvSchema } from '@pulse/runtime';
import { z } from 'zod';
import { parseLabelMap } from '../model/label-map.js';
import { BUNDLED_MODEL_DIR } from '../model/transformers-sentiment.model.js';

export const sentimentSettingsSchema = z.object({
  /** Local model directory or Hugging Face id; the bundled model when unset. */
  SENTIMENT_MODEL: z.string().min(1).default(BUNDLED_MODEL_DIR),
  /** Per-language models, `uk=<path or hf id>,en=...`; languages not listed use SENTIMENT_MODEL. */
  SENTIMENT_MODELS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      try {
        return parseLanguageModels(v);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  SENTIMENT_MODEL_CACHE_DIR: z.string().min(1).default('.pulse/models'),
  SENTIMENT_LABEL_MAP: z
    .string()
    .default('')
    .transform((v, ctx) => {
      try {
        return parseLabelMap(v);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  SENTIMENT_BATCH_SIZE: envPositiveInt.max(4096).default(256),
  SENTIMENT_BATCH_WAIT_MS: z.coerce.number().int().min(0).max(10_000).default(20),
});

export interface SentimentConfig {
  model: string;
  /** Language code → model for mentions in that language. */
  languageModels: Record<string, string>;
  cacheDir: string;
  labelOverrides: Record<string, SentimentLabel>;
  batchSize: number;
  batchWaitMs: number;
}

export function sentimentSettings(env: z.infer<typeof sentimentSettingsSchema>): SentimentConfig {
  return {
    model: env.SENTIMENT_MODEL,
    languageModels: env.SENTIMENT_MODELS,
    cacheDir: resolve(env.SENTIMENT_MODEL_CACHE_DIR),
    labelOverrides: env.SENTIMENT_LABEL_MAP,
    batchSize: env.SENTIMENT_BATCH_SIZE,
    batchWaitMs: env.SENTIMENT_BATCH_WAIT_MS,
  };
}

export function parseLanguageModels(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = pair.indexOf('=');
    const language = pair.slice(0, Math.max(eq, 0)).trim();
    const model = pair.slice(eq + 1).trim();
    if (eq < 0 || !/^([a-z]{2}|und)$/.test(language) || !model) {
      throw new Error(`SENTIMENT_MODELS entry "${pair}" must be <language>=<model path or Hugging Face id>, e.g. "uk=/models/uk-sentiment"`);
    }
    out[language] = model;
  }
  return out;
}

/** Everything the distributed sentiment app reads from its environment (docker-compose.yml passes each name). */
export const distributedSchema = sentimentSettingsSchema
  .extend(kafkaEnvSchema.shape)
  .extend(tlsEnvSchema.shape)
  .extend({ PORT: envPort.default(4002), LOG_LEVEL: envLogLevel.default('info'), HEAP_GROWTH_PERCENT: envHeapGrowthPercent })
  .superRefine((env, ctx) => {
    refineKafkaEnv(env, ctx);
    refineTlsEnv(env, ctx);
  });

export function loadDistributedSentimentEnv(env: NodeJS.ProcessEnv = process.env): z.infer<typeof distributedSchema> {
  return parseEnv('sentiment', distributedSchema, env);
}
