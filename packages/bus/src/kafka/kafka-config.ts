import { readFileSync } from 'node:fs';
import { envBoolean } from '@pulse/runtime';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { z } from 'zod';

/**
 * Broker connection settings as environment variables. Security is configuration, not
 * code: the same build talks to a laptop broker or a TLS + SCRAM production cluster.
 */
export const kafkaEnvSchema = z.object({
  KAFKA_BROKERS: z
    .string({ message: 'required in distributed mode: comma-separated host:port list' })
    .transform((v) => v.split(',').map((b) => b.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'each broker must be host:port')).min(1, 'at least one broker')),
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  KAFKA_SSL: envBoolean.default(false),
  KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
  KAFKA_SSL_REJECT_UNAUTHORIZED: envBoolean.default(true),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  KAFKA_CREATE_TOPICS: envBoolean.default(true),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().positive().default(4),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().positive().default(1),
  /** Consumer group session timeout: how long a silent member keeps its partitions (and how long a rebalance may wait for it). */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(30_000),
});
export type KafkaEnv = z.infer<typeof kafkaEnvSchema>;

export function refineKafkaEnv(env: KafkaEnv, ctx: z.RefinementCtx): void {
  if (env.KAFKA_SASL_MECHANISM && (!env.KAFKA_SASL_USERNAME || !env.KAFKA_SASL_PASSWORD)) {
    ctx.addIssue({ code: 'custom', path: ['KAFKA_SASL_USERNAME'], message: 'KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required with KAFKA_SASL_MECHANISM' });
  }
}

export interface KafkaConnection {
  client: KafkaConfig;
  createTopics: boolean;
  partitions: number;
  replicationFactor: number;
  sessionTimeoutMs: number;
}

export function kafkaConnectionFromEnv(env: KafkaEnv, defaultClientId: string): KafkaConnection {
  let sasl: SASLOptions | undefined;
  if (env.KAFKA_SASL_MECHANISM && env.KAFKA_SASL_USERNAME && env.KAFKA_SASL_PASSWORD) {
    sasl = { mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD } as SASLOptions;
  }
  const ssl = env.KAFKA_SSL
    ? {
        rejectUnauthorized: env.KAFKA_SSL_REJECT_UNAUTHORIZED,
        ...(env.KAFKA_SSL_CA_FILE ? { ca: [readFileSync(env.KAFKA_SSL_CA_FILE, 'utf8')] } : {}),
      }
    : false;
  return {
    client: { clientId: env.KAFKA_CLIENT_ID ?? defaultClientId, brokers: env.KAFKA_BROKERS, ssl, ...(sasl ? { sasl } : {}) },
    createTopics: env.KAFKA_CREATE_TOPICS,
    partitions: env.KAFKA_TOPIC_PARTITIONS,
    sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
    replicationFactor: env.KAFKA_REPLICATION_FACTOR,
  };
}
