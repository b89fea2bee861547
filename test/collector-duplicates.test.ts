import { createHash, randomUUID } from 'node:crypto';
import { TOPICS, type RawMention } from '@pulse/contracts';
import { KafkaBus, kafkaConnectionFromEnv, kafkaEnvSchema } from '@pulse/bus/kafka';
import { PulseMetrics, createLogger } from '@pulse/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from './support/app-process.js';
import { startMockKafka, type MockKafka } from './support/mock-kafka.js';
import { freePort, waitFor } from './support/ports.js';

const INGEST_KEY = `duplicates-ingest-key-${randomUUID()}`;
const CAMPAIGN = 'Только сегодня МТС дарит безлимитный интернет на месяц всем кто сделает репост этой записи';
const ACCOUNTS = 10;

// Two collectors as processes over the Kafka protocol: a copy-paste campaign posted half to each is
// marked as one collector marks it (every copy points to the first post; copy-paste spam once it
// spreads), and a third collector started afterwards replays the fingerprint log and agrees.
describe('near-duplicates and copy-paste across collector processes', () => {
  let kafka: MockKafka;
  let bus: KafkaBus;
  const collectors: AppProcess[] = [];
  const raw = new Map<string, RawMention>();

  const start = async (name: string): Promise<AppProcess> => {
    const port = await freePort();
    const app = await startApp(name, 'apps/collector/dist/main.js', port, { KAFKA_BROKERS: kafka.brokers, PULSE_DEMO: 'off', HOST: '127.0.0.1', PULSE_DATA_DIR: `/tmp/pulse-${name}-${port}` });
    collectors.push(app);
    return app;
  };

  const post = async (collector: AppProcess, account: number): Promise<string> => {
    const res = await fetch(`${collector.baseUrl}/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_KEY}` },
      body: JSON.stringify([
        {
          source: 'vk',
          sourceId: `campaign-${account}-${randomUUID()}`,
          text: account % 2 === 0 ? CAMPAIGN : `${CAMPAIGN} https://bit.ly/offer${account}`,
          author: { id: `bot${account}`, handle: `bot${account}`, name: `Bot ${account}`, url: null, followers: 40 },
          publishedAt: new Date().toISOString(),
        },
      ]),
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { ids: string[] }).ids[0]!;
  };

  beforeAll(async () => {
    kafka = await startMockKafka();
    bus = new KafkaBus({
      app: 'duplicates-test',
      connection: kafkaConnectionFromEnv(kafkaEnvSchema.parse({ KAFKA_BROKERS: kafka.brokers }), 'duplicates-test'),
      logger: createLogger('duplicates-test', 'silent'),
      metrics: new PulseMetrics(false),
    });
    await bus.subscribe({ topic: TOPICS.rawMentions, groupId: `duplicates-raw-${randomUUID()}`, handler: async (batch) => batch.forEach((m) => raw.set(m.value.id, m.value)) });
    await bus.start();
    const at = new Date().toISOString();
    await bus.publish(TOPICS.apiKeys, [{ id: 'duplicates-key', name: 'duplicates', role: 'ingest', sha256: createHash('sha256').update(INGEST_KEY).digest('hex'), revoked: false, createdAt: at, updatedAt: at }]);
    await start('duplicates-collector-a');
    await start('duplicates-collector-b');
  });

  afterAll(async () => {
    for (const c of collectors) if (c.child.exitCode === null) await c.stop();
    await bus?.stop();
    await kafka?.stop();
  });

  it('points every copy to the first post and scores the campaign the same whichever collector took each copy', async () => {
    const ids: string[] = [];
    for (let account = 0; account < ACCOUNTS; account++) ids.push(await post(collectors[account % 2]!, account));
    await waitFor('the campaign on the raw topic', async () => ids.every((id) => raw.has(id)), 60_000);
    const marks = ids.map((id) => raw.get(id)!);

    expect(marks[0]!.duplicateOf).toBeNull();
    expect(marks.slice(1).map((m) => m.duplicateOf)).toEqual(ids.slice(1).map(() => ids[0]));
    // As on one collector: "same text from N accounts" counts every account, whichever collector it came through.
    marks.forEach((m, i) => {
      if (i + 1 >= 3) expect(m.spam.reasons).toContain(`same text from ${i + 1} accounts`);
    });

    // A collector started now replays the retained log before it is ready, and agrees on the original.
    const late = await start('duplicates-collector-c');
    expect(late.output()).toContain('quality window loaded from the fingerprint log');
    const next = await post(late, ACCOUNTS);
    await waitFor('the late copy on the raw topic', async () => raw.has(next), 60_000);
    expect(raw.get(next)!.duplicateOf).toBe(ids[0]);
    expect(raw.get(next)!.spam.reasons).toContain(`same text from ${ACCOUNTS + 1} accounts`);
  });
});
