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
  /** Registered as an admin API key at start; without it the first start creates one and prints it once. */
  PULSE_BOOTSTRAP_KEY: z.string().min(20, 'PULSE_BOOTSTRAP_KEY must be at least 20 characters').optional(),
  /** Requests (HTTP requests and WebSocket operations) per minute per API key. */
  RATE_LIMIT_PER_MINUTE: envPositiveInt.max(1_000_000).default(600),
  /** Delete mentions published more than this many days ago; unset keeps everything. */
  RETENTION_DAYS: envPositiveInt.max(36_500).optional(),
  RETENTION_INTERVAL_MINUTES: envPositiveInt.max(10_080).default(60),
  GRAPHQL_MAX_DEPTH: envPositiveInt.max(100).default(10),
  GRAPHQL_MAX_COST: envPositiveInt.max(10_000_000).default(20_000),
});

export interface GatewayConfig {
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; /** Absent: in memory (tests). */ dataDir: string | undefined };
  seedTopics: boolean;
  subscriptionBuffer: number;
  batchSize: number;
  bootstrapKey: string | undefined;
  rateLimitPerMinute: number;
  retention: { days: number; intervalMs: number } | undefined;
  queryLimits: { maxDepth: number; maxCost: number };
}

export function gatewaySettings(env: z.infer<typeof gatewaySettingsSchema>): GatewayConfig {
  return {
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: join(resolve(env.PULSE_DATA_DIR), 'db') },
    seedTopics: env.PULSE_SEED_TOPICS,
    subscriptionBuffer: env.SUBSCRIPTION_BUFFER,
    batchSize: env.GATEWAY_BATCH_SIZE,
    bootstrapKey: env.PULSE_BOOTSTRAP_KEY,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    retention: env.RETENTION_DAYS ? { days: env.RETENTION_DAYS, intervalMs: env.RETENTION_INTERVAL_MINUTES * 60_000 } : undefined,
    queryLimits: { maxDepth: env.GRAPHQL_MAX_DEPTH, maxCost: env.GRAPHQL_MAX_COST },
  };
}

const distributedSchema = gatewaySettingsSchema
  .extend(kafkaEnvSchema.shape)
  .extend({ PORT: envPort.default(4000), LOG_LEVEL: envLogLevel.default('info') })
  .superRefine(refineKafkaEnv);

export function loadDistributedGatewayEnv(env: NodeJS.ProcessEnv = process.env): z.infer<typeof distributedSchema> {
  return parseEnv('gateway', distributedSchema, env);
}
