import { createHash, randomUUID } from 'node:crypto';
import { TOPICS } from '@pulse/contracts';
import { KafkaBus, kafkaConnectionFromEnv, kafkaEnvSchema } from '@pulse/bus/kafka';
import { PulseMetrics, createLogger } from '@pulse/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from './support/app-process.js';
import { webhookMention } from './support/fixtures.js';
import { startMockKafka, type MockKafka } from './support/mock-kafka.js';
import { freePort, waitFor } from './support/ports.js';

const INGEST_KEY = `outage-ingest-key-${randomUUID()}`;
const BUS_TIMEOUT_MS = 3_000;

interface Answer {
  status: number;
  code: string | undefined;
  ids: string[];
  ms: number;
}

// Kafka unreachable from the collector: the broker process is frozen (SIGSTOP), so connections hang
// rather than being refused — the case kafkajs would otherwise retry for tens of seconds per request.
describe('collector with Kafka unreachable: 503 BUS_UNAVAILABLE, and nothing it accepted is lost', () => {
  let kafka: MockKafka;
  let bus: KafkaBus;
  let collector: AppProcess | undefined;
  const onRaw = new Set<string>();

  beforeAll(async () => {
    kafka = await startMockKafka();
    bus = new KafkaBus({
      app: 'outage-test',
      connection: kafkaConnectionFromEnv(kafkaEnvSchema.parse({ KAFKA_BROKERS: kafka.brokers }), 'outage-test'),
      logger: createLogger('outage-test', 'silent'),
      metrics: new PulseMetrics(false),
    });
    await bus.subscribe({ topic: TOPICS.rawMentions, groupId: `outage-raw-${randomUUID()}`, handler: async (batch) => batch.forEach((m) => onRaw.add(m.value.id)) });
    await bus.start();
    const at = new Date().toISOString();
    await bus.publish(TOPICS.apiKeys, [{ id: 'outage-key', name: 'outage', role: 'ingest', sha256: createHash('sha256').update(INGEST_KEY).digest('hex'), revoked: false, createdAt: at, updatedAt: at }]);
    const port = await freePort();
    collector = await startApp('outage-collector', 'apps/collector/dist/main.js', port, {
      KAFKA_BROKERS: kafka.brokers,
      PULSE_DEMO: 'off',
      HOST: '127.0.0.1',
      INGEST_BUS_TIMEOUT_MS: String(BUS_TIMEOUT_MS),
      PULSE_DATA_DIR: `/tmp/pulse-outage-${port}`,
    });
  });

  afterAll(async () => {
    try {
      if (kafka?.pid) process.kill(kafka.pid, 'SIGCONT');
    } catch {
      // Already stopped by the last case.
    }
    if (collector?.child.exitCode === null) await collector.stop();
    await bus?.stop();
    await kafka?.stop();
  });

  const post = async (items: Record<string, unknown>[]): Promise<Answer> => {
    const started = Date.now();
    const res = await fetch(`${collector!.baseUrl}/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_KEY}` },
      body: JSON.stringify(items),
    });
    const json = (await res.json()) as { ids?: string[]; error?: { code: string } };
    return { status: res.status, code: json.error?.code, ids: json.ids ?? [], ms: Date.now() - started };
  };
  const batch = (label: string, n = 5): Record<string, unknown>[] =>
    Array.from({ length: n }, (_, i) => webhookMention(`${label}-${i}-${randomUUID()}`, `Проверка доставки ${label} номер ${i}: связь пропала, ответьте пожалуйста`));

  it('answers 503 within its deadline while the broker hangs, and every 202 reaches the raw topic once it is back', async () => {
    const accepted = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const answer = await post(batch(`before-${i}`));
      expect(answer.status).toBe(202);
      answer.ids.forEach((id) => accepted.add(id));
    }

    process.kill(kafka.pid!, 'SIGSTOP');
    const refused: Record<string, unknown>[][] = [];
    const during: Answer[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const items = batch(`during-${i}`);
        const answer = await post(items);
        during.push(answer);
        if (answer.status === 202) answer.ids.forEach((id) => accepted.add(id));
        else refused.push(items);
      }
    } finally {
      process.kill(kafka.pid!, 'SIGCONT');
    }
    for (const answer of during) {
      expect(answer).toMatchObject({ status: 503, code: 'BUS_UNAVAILABLE' });
      expect(answer.ms).toBeLessThan(BUS_TIMEOUT_MS + 2_000);
    }

    // A client retries what was refused; the collector takes it once the broker answers again.
    for (const items of refused) {
      const answer = await waitFor('the retried batch to be accepted', async () => {
        const retry = await post(items);
        return retry.status === 202 ? retry : undefined;
      }, 90_000, 500);
      answer.ids.forEach((id) => accepted.add(id));
    }
    const after = await post(batch('after'));
    expect(after.status).toBe(202);
    after.ids.forEach((id) => accepted.add(id));

    await waitFor('every accepted mention on the raw topic', async () => [...accepted].every((id) => onRaw.has(id)), 90_000, 250);
    const lost = [...accepted].filter((id) => !onRaw.has(id));
    console.log(`outage figures: accepted ${accepted.size}, refused during the outage ${during.filter((a) => a.status === 503).length} requests (${during.map((a) => `${a.ms} ms`).join(', ')}), on the raw topic ${[...accepted].filter((id) => onRaw.has(id)).length}, lost ${lost.length}`);
    expect(lost).toEqual([]);
  });

  it('answers 503 within its deadline once the broker is gone for good (connections refused)', async () => {
    await kafka.stop();
    const answer = await post(batch('gone'));
    expect(answer).toMatchObject({ status: 503, code: 'BUS_UNAVAILABLE' });
    expect(answer.ms).toBeLessThan(BUS_TIMEOUT_MS + 2_000);
  });
});
