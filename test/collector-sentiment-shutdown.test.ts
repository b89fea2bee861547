import { createHash, randomUUID } from 'node:crypto';
import { TOPICS, type ScoredMention } from '@pulse/contracts';
import { KafkaBus, kafkaConnectionFromEnv, kafkaEnvSchema } from '@pulse/bus/kafka';
import { PulseMetrics, createLogger } from '@pulse/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from './support/app-process.js';
import { webhookMention } from './support/fixtures.js';
import { startMockKafka, type MockKafka } from './support/mock-kafka.js';
import { freePort, waitFor } from './support/ports.js';

const INGEST_KEY = `shutdown-ingest-key-${randomUUID()}`;

// Production mode, as the gateway's shutdown test: one SIGTERM drains the Nest app (sources stop,
// then the bus drains its in-flight batches, then HTTP closes) and exits 0 — here while work is in flight.
describe('collector and sentiment in production mode: one SIGTERM drains and exits 0', () => {
  let kafka: MockKafka;
  let bus: KafkaBus;
  let collector: AppProcess;
  let sentiment: AppProcess;
  const scored = new Set<string>();

  beforeAll(async () => {
    kafka = await startMockKafka();
    bus = new KafkaBus({
      app: 'shutdown-test',
      connection: kafkaConnectionFromEnv(kafkaEnvSchema.parse({ KAFKA_BROKERS: kafka.brokers }), 'shutdown-test'),
      logger: createLogger('shutdown-test', 'silent'),
      metrics: new PulseMetrics(false),
    });
    await bus.subscribe({ topic: TOPICS.scoredMentions, groupId: `shutdown-scored-${randomUUID()}`, handler: async (batch) => batch.forEach((m) => scored.add((m.value as ScoredMention).id)) });
    await bus.start();
    const at = new Date().toISOString();
    await bus.publish(TOPICS.apiKeys, [{ id: 'shutdown-key', name: 'shutdown', role: 'ingest', sha256: createHash('sha256').update(INGEST_KEY).digest('hex'), revoked: false, createdAt: at, updatedAt: at }]);
    const common = { NODE_ENV: 'production', KAFKA_BROKERS: kafka.brokers };
    sentiment = await startApp('shutdown-sentiment', 'apps/sentiment/dist/main.js', await freePort(), { ...common, SENTIMENT_BATCH_WAIT_MS: '10' });
    const port = await freePort();
    // The demo source too: a connector-like loop that must stop before the bus drains.
    collector = await startApp('shutdown-collector', 'apps/collector/dist/main.js', port, { ...common, PULSE_DEMO: 'on', PULSE_DEMO_RATE: '50', HOST: '127.0.0.1', PULSE_DATA_DIR: `/tmp/pulse-shutdown-${port}` });
  });

  afterAll(async () => {
    for (const app of [collector, sentiment]) if (app?.child.exitCode === null) await app.stop();
    await bus?.stop();
    await kafka?.stop();
  });

  const post = (n: number): Promise<Response> =>
    fetch(`${collector.baseUrl}/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_KEY}` },
      body: JSON.stringify(Array.from({ length: n }, (_, i) => webhookMention(`shutdown-${randomUUID()}`, `Проверка остановки номер ${i}: всё ли дошло до конца`))),
    });

  it('the collector, stopped while requests and the demo are publishing, drains and exits 0; what it accepted is scored', async () => {
    const first = await post(20);
    expect(first.status).toBe(202);
    const accepted = new Set(((await first.json()) as { ids: string[] }).ids);
    // Requests still arriving as the signal lands: each is either accepted (and then on the bus) or refused.
    const inFlight = Array.from({ length: 5 }, () => post(20).catch(() => undefined));
    const code = await collector.stop();
    const statuses: (number | string)[] = [];
    for (const res of await Promise.all(inFlight)) {
      statuses.push(res?.status ?? 'connection closed');
      if (res?.status === 202) ((await res.json()) as { ids: string[] }).ids.forEach((id) => accepted.add(id));
      // Anything else was refused whole (503 BUS_UNAVAILABLE while draining): the client retries elsewhere.
      else if (res) expect(res.status).toBe(503);
    }
    console.log(`collector drain: in-flight requests answered ${statuses.join(', ')}; accepted mentions ${accepted.size}`);
    const output = collector.output();
    expect(output).not.toContain('second signal');
    expect(output).toContain('shutting down: draining in-flight work');
    expect(output).toContain('drained, bye');
    expect(code).toBe(0);
    await waitFor('every accepted mention scored', async () => [...accepted].every((id) => scored.has(id)), 60_000);
  });

  it('the sentiment worker, stopped while scoring, drains and exits 0', async () => {
    await waitFor('the worker to be scoring', async () => scored.size > 0, 30_000);
    const code = await sentiment.stop();
    const output = sentiment.output();
    expect(output).not.toContain('second signal');
    expect(output).toContain('shutting down: draining in-flight work');
    expect(output).toContain('drained, bye');
    expect(code).toBe(0);
  });
});
