import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TOPICS, rawMentionSchema, scoredMentionSchema, type ScoredMention } from '@pulse/contracts';
import { KafkaBus, kafkaConnectionFromEnv, kafkaEnvSchema } from '@pulse/bus/kafka';
import { PulseMetrics, createLogger } from '@pulse/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startApp, type AppProcess } from './support/app-process.js';
import { webhookMention } from './support/fixtures.js';
import { startMockKafka, type MockKafka } from './support/mock-kafka.js';
import { freePort, waitFor } from './support/ports.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';
import { readDeadLetters, withDatabase } from './support/scale-out-cluster.js';

const run = promisify(execFile);
const DLQ_BIN = join(REPO_ROOT, 'packages/bus/bin/pulse-dlq.js');
const POISON = 'отравлено';

function scored(sourceId: string, text: string): ScoredMention {
  const raw = rawMentionSchema.parse(webhookMention(sourceId, text));
  return scoredMentionSchema.parse({
    ...raw,
    sentiment: { label: 'negative', score: 0.9, scores: { negative: 0.9, neutral: 0.05, positive: 0.05 }, byTopic: [] },
    model: { id: 'test', version: '1' },
    scoredAt: new Date().toISOString(),
  });
}

// A poison message is dead-lettered, the cause is fixed, and pulse-dlq puts it back on its
// source topic: it is stored once, and a second replay republishes nothing.
describe('pulse-dlq over the mock cluster', { timeout: 300_000 }, () => {
  let kafka: MockKafka;
  let postgres: TestPostgres;
  let gateway: AppProcess;
  let bus: KafkaBus;

  const dlq = async (...args: string[]): Promise<Record<string, unknown>> => {
    const { stdout } = await run(process.execPath, [DLQ_BIN, ...args, '--json', '--brokers', kafka.brokers], { cwd: REPO_ROOT, timeout: 120_000 });
    return JSON.parse(stdout) as Record<string, unknown>;
  };
  const storedRows = (prefix: string): Promise<number> =>
    withDatabase(postgres.url, async (db) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mentions WHERE source_id LIKE $1', [`${prefix}%`])).rows[0]!.n);

  beforeAll(async () => {
    kafka = await startMockKafka();
    postgres = await startPostgres();
    gateway = await startApp('dlq-gateway', 'apps/gateway/dist/main.js', await freePort(), { KAFKA_BROKERS: kafka.brokers, DATABASE_URL: postgres.url });
    bus = new KafkaBus({
      app: 'dlq-test',
      connection: kafkaConnectionFromEnv(kafkaEnvSchema.parse({ KAFKA_BROKERS: kafka.brokers }), 'dlq-test'),
      logger: createLogger('dlq-test', 'silent'),
      metrics: new PulseMetrics(false),
    });
    await bus.start();
  }, 240_000);

  afterAll(async () => {
    await bus?.stop();
    await gateway?.stop();
    await kafka?.stop();
    await postgres?.stop();
  });

  it('dead-letters a poison mention, replays it after the fix: stored once, replayed once', async () => {
    const id = randomUUID().slice(0, 8);
    // The "bug": a store rule this one mention breaks (a constraint violation: no retry fixes it).
    await withDatabase(postgres.url, async (db) => {
      await db.query(`CREATE FUNCTION dlq_test_poison() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.text LIKE '%${POISON}%' THEN RAISE EXCEPTION 'poisoned mention %', NEW.id USING ERRCODE = 'check_violation'; END IF; RETURN NEW; END $$`);
      await db.query('CREATE TRIGGER dlq_test_poison BEFORE INSERT OR UPDATE ON mentions FOR EACH ROW EXECUTE FUNCTION dlq_test_poison()');
    });
    const letters = await readDeadLetters(kafka.brokers);
    await bus.publish(TOPICS.scoredMentions, [scored(`dlq-${id}-good`, `обычный пост ${id}`), scored(`dlq-${id}-poison`, `${POISON} ${id}`)]);

    await waitFor('the poison mention dead-lettered', async () => (letters.letters.some((l) => l.payload.includes(`dlq-${id}-poison`)) ? true : undefined), 120_000);
    expect(letters.letters.filter((l) => l.payload.includes(id)).map((l) => [l.reason, l.origin.topic, l.origin.consumerGroup])).toEqual([['processing-failed', TOPICS.scoredMentions, 'pulse-gateway']]);
    await waitFor('the good mention stored', async () => ((await storedRows(`dlq-${id}-good`)) === 1 ? true : undefined), 60_000);
    expect(await storedRows(`dlq-${id}-poison`)).toBe(0);

    const listed = await dlq('list');
    expect(listed).toMatchObject({ total: 1, unreadable: 0, bySource: { [TOPICS.scoredMentions]: { total: 1, pending: 1, reasons: { 'processing-failed': 1 } } } });
    expect(await dlq('replay', '--dry-run')).toMatchObject({ dryRun: true, read: 1, replayed: 1 });

    // The fix, then the replay.
    await withDatabase(postgres.url, async (db) => db.query('DROP TRIGGER dlq_test_poison ON mentions'));
    expect(await dlq('replay')).toMatchObject({ dryRun: false, read: 1, replayed: 1, bySource: { [TOPICS.scoredMentions]: 1 } });
    await waitFor('the replayed mention stored', async () => ((await storedRows(`dlq-${id}-poison`)) === 1 ? true : undefined), 60_000);

    expect(await dlq('replay')).toMatchObject({ read: 0, replayed: 0 });
    expect(await dlq('list')).toMatchObject({ total: 1, bySource: { [TOPICS.scoredMentions]: { total: 1, pending: 0 } } });
    // Nothing failed again, and nothing came twice.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(letters.letters.filter((l) => l.payload.includes(id))).toHaveLength(1);
    expect(await storedRows(`dlq-${id}-`)).toBe(2);
    await letters.stop();
  });

  it('answers an unreachable cluster with BROKER_UNAVAILABLE and exit status 3', async () => {
    const failed = await run(process.execPath, [DLQ_BIN, 'list', '--brokers', `127.0.0.1:${await freePort()}`], { cwd: REPO_ROOT, timeout: 120_000 }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 3 });
    expect((failed as { stderr: string }).stderr).toMatch(/^pulse-dlq: \[BROKER_UNAVAILABLE\] cannot reach the Kafka cluster/);
  });
});
