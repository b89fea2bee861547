import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startApp, type AppProcess } from './support/app-process.js';
import { webhookMention } from './support/fixtures.js';
import { TEST_API_KEY, graphql, postIngest } from './support/graphql-client.js';
import { startMockKafka, type MockKafka } from './support/mock-kafka.js';
import { freePort, waitFor } from './support/ports.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';

/** A live subscription that records mention ids and how its socket closed. */
function live(baseUrl: string, key: string, topicId: string): { ids: string[]; closed: Promise<{ code: number; reason: string }>; client: Client } {
  const ids: string[] = [];
  let onClosed!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined,
    on: { closed: (event) => onClosed(event as { code: number; reason: string }) },
  });
  client.subscribe<{ mentionScored: { id: string } }>(
    { query: 'subscription($f: MentionFilter) { mentionScored(filter: $f) { id } }', variables: { f: { topicIds: [topicId], includeDuplicates: true, includeSpam: true } } },
    { next: (v) => void (v.data && ids.push(v.data.mentionScored.id)), error: () => undefined, complete: () => undefined },
  );
  return { ids, closed, client };
}

const N = 240;

// Two replicas of every app over one Kafka cluster and one PostgreSQL: the answers must be
// those of one replica each (issue: scale out for real).
describe('scale-out: 2 collectors, 2 sentiment workers, 2 gateways', { timeout: 240_000 }, () => {
  let kafka: MockKafka;
  let postgres: TestPostgres;
  const apps: AppProcess[] = [];
  let gateways: AppProcess[] = [];
  let collectors: AppProcess[] = [];
  let topicId: string;

  beforeAll(async () => {
    kafka = await startMockKafka();
    postgres = await startPostgres();
    // A short session keeps the cluster's rebalances (one per replica joining) to seconds.
    const common = { KAFKA_BROKERS: kafka.brokers, KAFKA_SESSION_TIMEOUT_MS: '6000' };
    gateways = await Promise.all(['a', 'b'].map(async (name) => startApp(`scale-gateway-${name}`, 'apps/gateway/dist/main.js', await freePort(), { ...common, DATABASE_URL: postgres.url })));
    apps.push(...(await Promise.all(['a', 'b'].map(async (name) => startApp(`scale-sentiment-${name}`, 'apps/sentiment/dist/main.js', await freePort(), { ...common, SENTIMENT_BATCH_WAIT_MS: '10' })))));
    const created = await graphql<{ createTopic: { id: string } }>(gateways[0]!.baseUrl, 'mutation { createTopic(input: { name: "Скейлтест", keywords: ["скейлтест"] }) { id } }');
    topicId = created.data!.createTopic.id;
    collectors = await Promise.all(['a', 'b'].map(async (name) => startApp(`scale-collector-${name}`, 'apps/collector/dist/main.js', await freePort(), { ...common, PULSE_DEMO: 'off' })));
    apps.push(...gateways, ...collectors);
    // Ready only once the topic and key tables are loaded: the new topic is known to both.
  }, 400_000);

  afterAll(async () => {
    for (const app of [...collectors, ...apps.filter((a) => !collectors.includes(a) && !gateways.includes(a)), ...gateways]) await app.stop();
    await kafka?.stop();
    await postgres?.stop();
  });

  it('stores each mention once and delivers every one, once, to a subscriber on each gateway', async () => {
    const subscribers = gateways.map((g) => live(g.baseUrl, TEST_API_KEY, topicId));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const run = randomUUID().slice(0, 8);
    const mentions = Array.from({ length: N }, (_, i) => webhookMention(`scale-${run}-${i}`, `скейлтест ${run}: связь пропала, номер ${i}`));
    // Half through each collector, in batches, interleaved. (Near-identical texts: most are marked
    // copies of the first, which the subscription asks for explicitly.)
    for (let i = 0; i < N; i += 20) {
      const res = await postIngest(collectors[(i / 20) % 2]!.baseUrl, JSON.stringify(mentions.slice(i, i + 20)));
      expect(res.status).toBe(202);
    }
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    try {
      const stored = await waitFor(
        'every mention stored',
        async () => {
          const [row] = (await db.query<{ rows: number; ids: number }>(`SELECT count(*)::int AS rows, count(DISTINCT source_id)::int AS ids FROM mentions WHERE source_id LIKE $1`, [`scale-${run}-%`])).rows;
          return row && row.rows >= N ? row : undefined;
        },
        120_000,
      );
      expect(stored).toEqual({ rows: N, ids: N });
      const matched = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mentions WHERE source_id LIKE $1 AND $2 = ANY(topic_ids)`, [`scale-${run}-%`, topicId])).rows[0]!.n;
      expect(matched).toBe(N);
    } finally {
      await db.end();
    }
    for (const [index, subscriber] of subscribers.entries()) {
      await waitFor(`gateway ${index} subscriber to receive all`, async () => (subscriber.ids.length >= N ? true : undefined), 60_000).catch((error: unknown) => {
        throw new Error(`${String(error)} (received ${subscribers.map((s) => s.ids.length).join(' / ')})`);
      });
      // A moment more: a duplicate delivery would arrive now.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(subscriber.ids).toHaveLength(N);
      expect(new Set(subscriber.ids).size).toBe(N);
    }
    await Promise.all(subscribers.map((s) => s.client.dispose()));
  });

  it('a key revoked on one gateway closes its subscription held on the other', async () => {
    const created = await graphql<{ createApiKey: { key: string; apiKey: { id: string } } }>(gateways[0]!.baseUrl, 'mutation { createApiKey(input: { name: "wall screen", role: viewer }) { key apiKey { id } } }');
    const { key, apiKey } = created.data!.createApiKey;
    const held = live(gateways[1]!.baseUrl, key, topicId);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const started = Date.now();
    const revoked = await graphql(gateways[0]!.baseUrl, 'mutation($id: ID!) { revokeApiKey(id: $id) { revoked } }', { id: apiKey.id });
    expect(revoked.errors).toBeUndefined();
    const closed = await Promise.race([held.closed, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 10_000))]);
    expect(closed && { code: closed.code, reason: closed.reason }).toEqual({ code: 4403, reason: 'API key revoked' });
    expect(Date.now() - started).toBeLessThan(10_000);
    await held.client.dispose();
  });
});
