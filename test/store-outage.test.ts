import { randomUUID } from 'node:crypto';
import { TOPICS, type DeadLetter } from '@pulse/contracts';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from './support/app-process.js';
import { webhookMention } from './support/fixtures.js';
import { postIngest } from './support/graphql-client.js';
import { startMockKafka, type MockKafka } from './support/mock-kafka.js';
import { freePort, waitFor } from './support/ports.js';
import { startOwnPostgres, type OwnPostgres } from './support/postgres.js';

const OUTAGE_MS = 60_000;
const BATCHES = 60;
const PER_BATCH = 20;

// A transient dependency failure is not a poison message: with PostgreSQL down for a minute
// while mentions keep arriving, the gateway waits (not ready) and stores everything once after.
describe('store outage while ingesting', { timeout: 300_000 }, () => {
  let kafka: MockKafka;
  let postgres: OwnPostgres;
  const apps: AppProcess[] = [];
  let gateway: AppProcess;
  let collector: AppProcess;

  beforeAll(async () => {
    kafka = await startMockKafka();
    postgres = await startOwnPostgres();
    const common = { KAFKA_BROKERS: kafka.brokers };
    gateway = await startApp('outage-gateway', 'apps/gateway/dist/main.js', await freePort(), { ...common, DATABASE_URL: postgres.url });
    apps.push(gateway);
    apps.push(await startApp('outage-sentiment', 'apps/sentiment/dist/main.js', await freePort(), { ...common, SENTIMENT_BATCH_WAIT_MS: '10' }));
    collector = await startApp('outage-collector', 'apps/collector/dist/main.js', await freePort(), { ...common, PULSE_DEMO: 'off' });
    apps.push(collector);
  }, 300_000);

  afterAll(async () => {
    for (const app of [...apps].reverse()) await app.stop();
    await kafka?.stop();
    await postgres?.stop();
  });

  it('waits out a 60 s PostgreSQL outage: every accepted mention stored once, nothing dead-lettered, not ready meanwhile', async () => {
    const client = new Kafka({ clientId: 'pulse-test', brokers: kafka.brokers.split(','), logLevel: logLevel.NOTHING });
    const dlq: Consumer = client.consumer({ groupId: `dlq-reader-${randomUUID()}` });
    const letters: DeadLetter[] = [];
    await dlq.connect();
    await dlq.subscribe({ topic: TOPICS.deadLetter, fromBeginning: true });
    await dlq.run({ eachMessage: async ({ message }) => void letters.push(JSON.parse(message.value!.toString()) as DeadLetter) });

    const run = randomUUID().slice(0, 8);
    let accepted = 0;
    const readiness: number[] = [];
    const sending = (async () => {
      for (let b = 0; b < BATCHES; b++) {
        const batch = Array.from({ length: PER_BATCH }, (_, i) => webhookMention(`outage-${run}-${b}-${i}`, `Outage ${run} post ${b}-${i}: ${randomUUID()} no signal again`));
        const res = await postIngest(collector.baseUrl, JSON.stringify(batch));
        if (res.status === 202) accepted += Number(res.json.accepted);
        readiness.push((await fetch(`${gateway.baseUrl}/readyz`)).status);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await postgres.pause();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await postgres.resume();
    await sending;

    expect(accepted).toBe(BATCHES * PER_BATCH);
    expect(readiness).toContain(503);
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    try {
      const stored = await waitFor(
        'every accepted mention stored after the outage',
        async () => {
          const [row] = (await db.query<{ rows: number; ids: number }>('SELECT count(*)::int AS rows, count(DISTINCT id)::int AS ids FROM mentions WHERE source_id LIKE $1', [`outage-${run}-%`])).rows;
          return row && row.rows >= accepted ? row : undefined;
        },
        120_000,
      );
      expect(stored).toEqual({ rows: accepted, ids: accepted });
    } finally {
      await db.end();
    }
    await waitFor('the gateway ready again', async () => ((await fetch(`${gateway.baseUrl}/readyz`)).status === 200 ? true : undefined), 60_000);
    expect(letters.filter((l) => l.payload.includes(run))).toEqual([]);
    await dlq.disconnect();
  });
});
