import { createHash, randomUUID } from 'node:crypto';
import { TOPICS, type ApiKeyRecord, type RawMention, type TrackedTopic } from '@pulse/contracts';
import { KafkaBus, kafkaConnectionFromEnv, kafkaEnvSchema } from '@pulse/bus/kafka';
import { PulseMetrics, createLogger } from '@pulse/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from './support/app-process.js';
import { webhookMention } from './support/fixtures.js';
import { startMockKafka, type MockKafka } from './support/mock-kafka.js';
import { freePort, waitFor } from './support/ports.js';

const INGEST_KEY = `readiness-ingest-key-${randomUUID()}`;
const KEY_RECORDS = 5_000;
const TOPIC_RECORDS = 500;

// A restarted collector used to report ready before it had read the key table from the compacted
// topic, and answered valid keys 401 for a few seconds. Ready now means: both tables loaded up to
// the high-water marks seen at start.
describe('collector readiness waits for the API key and topic tables', () => {
  let kafka: MockKafka;
  let bus: KafkaBus;
  let collector: AppProcess | undefined;
  const raw: RawMention[] = [];

  beforeAll(async () => {
    kafka = await startMockKafka();
    bus = new KafkaBus({
      app: 'readiness-test',
      connection: kafkaConnectionFromEnv(kafkaEnvSchema.parse({ KAFKA_BROKERS: kafka.brokers }), 'readiness-test'),
      logger: createLogger('readiness-test', 'silent'),
      metrics: new PulseMetrics(false),
    });
    await bus.subscribe({ topic: TOPICS.rawMentions, groupId: `readiness-raw-${randomUUID()}`, handler: async (batch) => void raw.push(...batch.map((m) => m.value)) });
    await bus.start();
    const at = new Date().toISOString();
    // The one key and the one topic the test uses come last: readiness must wait for the whole table.
    const keys: ApiKeyRecord[] = Array.from({ length: KEY_RECORDS }, (_, i) => ({
      id: `key-${i}`,
      name: `key ${i}`,
      role: i % 2 === 0 ? 'viewer' : 'ingest',
      sha256: i === KEY_RECORDS - 1 ? createHash('sha256').update(INGEST_KEY).digest('hex') : createHash('sha256').update(`other-${i}`).digest('hex'),
      revoked: false,
      createdAt: at,
      updatedAt: at,
    }));
    const topics: TrackedTopic[] = Array.from({ length: TOPIC_RECORDS }, (_, i) => ({
      id: `topic-${i}`,
      name: `Topic ${i}`,
      keywords: [i === TOPIC_RECORDS - 1 ? 'readinessmarker' : `keyword${i}`],
      query: null,
      ownAccounts: [],
      status: 'active',
      createdAt: at,
      updatedAt: at,
    }));
    for (let i = 0; i < keys.length; i += 500) await bus.publish(TOPICS.apiKeys, keys.slice(i, i + 500));
    await bus.publish(TOPICS.trackedTopics, topics);
  });

  afterAll(async () => {
    if (collector?.child.exitCode === null) await collector.stop();
    await bus?.stop();
    await kafka?.stop();
  });

  it('accepts the last key of the table and matches the last topic on its first ready answer', async () => {
    const port = await freePort();
    collector = await startApp('readiness-collector', 'apps/collector/dist/main.js', port, {
      KAFKA_BROKERS: kafka.brokers,
      PULSE_DEMO: 'off',
      HOST: '127.0.0.1',
      PULSE_DATA_DIR: `/tmp/pulse-readiness-${port}`,
    });
    // startApp returned on the first 200 from /readyz: post at once.
    const res = await fetch(`${collector.baseUrl}/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_KEY}` },
      body: JSON.stringify([webhookMention(`readiness-${randomUUID()}`, 'Проверка: readinessmarker работает с первой секунды')]),
    });
    expect(res.status).toBe(202);
    const { ids } = (await res.json()) as { ids: string[] };
    const published = await waitFor('the mention on the raw topic', async () => raw.find((m) => m.id === ids[0]), 30_000);
    expect(published.topicIds).toEqual([`topic-${TOPIC_RECORDS - 1}`]);

    const output = collector.output();
    expect(output).toContain('"msg":"keys table loaded"');
    expect(output).toContain('"msg":"topics table loaded"');
    expect(output).toMatch(new RegExp(`"keys":${KEY_RECORDS}\\b[^\\n]*"msg":"keys table loaded"`));
  });
});
