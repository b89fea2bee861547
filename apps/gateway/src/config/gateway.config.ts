import { join, resolve } from 'node:path';
import { kafkaEnvSchema, refineKafkaEnv } from '@pulse/bus/kafka';
import { envBoolean, envLogLevel, envPort, envPositiveInt, parseEnv } from '@pulse/runtime';
import { z } from 'zod';

export const gatewaySettingsSchema = z.object({
  /** PostgreSQL connection string; without it the gateway uses PGlite under PULSE_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: envPositiveInt.max(200).default(10),
  PULSE_DATA_DIR: z.string().min(1).default('.pulse'),
  /** Seed the demo brands into an empty topic table. */
  PULSE_SEED_TOPICS: envBoolean.default(true),
  /** Undelivered live mentions kept per subscription before the oldest are dropped. */
  SUBSCRIPTION_BUFFER: envPositiveInt.max(100_000).default(1000),
  GATEWAY_BATCH_SIZE: envPositiveInt.max(5000).default(500),
});

export interface GatewayConfig {
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string };
  seedTopics: boolean;
  subscriptionBuffer: number;
  batchSize: number;
}

export function gatewaySettings(env: z.infer<typeof gatewaySettingsSchema>): GatewayConfig {
  return {
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: join(resolve(env.PULSE_DATA_DIR), 'db') },
    seedTopics: env.PULSE_SEED_TOPICS,
    subscriptionBuffer: env.SUBSCRIPTION_BUFFER,
    batchSize: env.GATEWAY_BATCH_SIZE,
  };
}

const distributedSchema = gatewaySettingsSchema
  .extend(kafkaEnvSchema.shape)
  .extend({ PORT: envPort.default(4000), LOG_LEVEL: envLogLevel.default('info') })
  .superRefine(refineKafkaEnv);

export function loadDistributedGatewayEnv(env: NodeJS.ProcessEnv = process.env): z.infer<typeof distributedSchema> {
  return parseEnv('gateway', distributedSchema, env);
}
