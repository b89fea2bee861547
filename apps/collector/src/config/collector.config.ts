import { kafkaEnvSchema, refineKafkaEnv } from '@pulse/bus/kafka';
import { envHeapGrowthPercent, envLogLevel, envPort, envPositiveInt, parseEnv, refineTlsEnv, tlsEnvSchema } from '@pulse/runtime';
import { z } from 'zod';
import { join, resolve } from 'node:path';
import { sourcesEnvSchema, type SourcesEnv } from '../sources/source.catalog.js';
import { webhookEnvSchema } from '../sources/webhook/webhook-signature.js';
import { demoEnvSchema, demoSettings, type DemoConfig } from '../demo/demo.config.js';

/** Settings the collector's features need, whichever process hosts them. */
export const collectorSettingsSchema = webhookEnvSchema.extend(sourcesEnvSchema.shape).extend(demoEnvSchema.shape).extend({
  PULSE_DATA_DIR: z.string().min(1).default('.pulse'),
  INGEST_MAX_BODY_BYTES: envPositiveInt.default(10 * 1024 * 1024),
  INGEST_MAX_ITEMS: envPositiveInt.default(10_000),
  /** The longest /ingest waits for the bus (quality verdicts, then the publish) before answering 503 BUS_UNAVAILABLE. */
  INGEST_BUS_TIMEOUT_MS: envPositiveInt.default(10_000),
});
export type CollectorSettings = z.infer<typeof collectorSettingsSchema>;

export function collectorSettings(env: z.infer<typeof collectorSettingsSchema>): CollectorConfig {
  return {
    demo: demoSettings(env),
    ingest: { maxBodyBytes: env.INGEST_MAX_BODY_BYTES, maxItems: env.INGEST_MAX_ITEMS, busTimeoutMs: env.INGEST_BUS_TIMEOUT_MS },
    webhookSecrets: env.WEBHOOK_SECRETS,
    sources: env,
    checkpointDir: join(resolve(env.PULSE_DATA_DIR), 'checkpoints'),
  };
}

export interface CollectorConfig {
  demo: DemoConfig;
  ingest: { maxBodyBytes: number; maxItems: number; busTimeoutMs: number };
  /** Signed-webhook senders and their shared secrets. */
  webhookSecrets: ReadonlyMap<string, readonly string[]>;
  /** Connector settings; a connector runs when its credentials are present. */
  sources: SourcesEnv;
  /** Where connectors keep the position they resume from. */
  checkpointDir: string;
}

/** Everything the distributed collector reads from its environment (docker-compose.yml passes each name). */
export const distributedSchema = collectorSettingsSchema
  .extend(kafkaEnvSchema.shape)
  .extend(tlsEnvSchema.shape)
  .extend({ PORT: envPort.default(4001), LOG_LEVEL: envLogLevel.default('info'), HEAP_GROWTH_PERCENT: envHeapGrowthPercent })
  .superRefine((env, ctx) => {
    refineKafkaEnv(env, ctx);
    refineTlsEnv(env, ctx);
  });

export function loadDistributedCollectorEnv(env: NodeJS.ProcessEnv = process.env): z.infer<typeof distributedSchema> {
  return parseEnv('collector', distributedSchema, env);
}
