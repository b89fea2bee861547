import { describe, expect, it } from 'vitest';
import { kafkaConnectionFromEnv, kafkaEnvSchema, refineKafkaEnv } from './kafka-config.js';

const schema = kafkaEnvSchema.superRefine(refineKafkaEnv);

describe('kafka env', () => {
  it('parses brokers and SCRAM credentials into a kafkajs config', () => {
    const env = schema.parse({
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'pulse',
      KAFKA_SASL_PASSWORD: 'secret',
    });
    const conn = kafkaConnectionFromEnv(env, 'pulse-collector');
    expect(conn.client).toMatchObject({
      clientId: 'pulse-collector',
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      ssl: { rejectUnauthorized: true },
      sasl: { mechanism: 'scram-sha-512', username: 'pulse', password: 'secret' },
    });
  });

  it('rejects malformed brokers and a mechanism without credentials', () => {
    const result = schema.safeParse({ KAFKA_BROKERS: 'localhost', KAFKA_SASL_MECHANISM: 'plain' });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    expect(messages).toMatch(/host:port/);
  });

  it('requires credentials with a SASL mechanism', () => {
    const result = schema.safeParse({ KAFKA_BROKERS: 'localhost:9092', KAFKA_SASL_MECHANISM: 'plain' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/KAFKA_SASL_USERNAME/);
  });
});
