import { randomUUID } from 'node:crypto';
import { TOPICS, type DeadLetter } from '@pulse/contracts';
import { createClient, type Client } from 'graphql-ws';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import pg from 'pg';
import WebSocket from 'ws';
import { startApp, type AppProcess } from './app-process.js';
import { graphql } from './graphql-client.js';
import { startMockKafka, type MockKafka } from './mock-kafka.js';
import { freePort } from './ports.js';
import { startPostgres, type TestPostgres } from './postgres.js';

/** Two replicas of every app over one mock Kafka cluster and one PostgreSQL (issue 14). */
export interface ScaleOutCluster {
  kafka: MockKafka;
  postgres: TestPostgres;
  gateways: AppProcess[];
  sentiments: AppProcess[];
  collectors: AppProcess[];
  /** Topic ids by the keyword they were created with (created before the collectors start, so both match them). */
  topics: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Alert settings a test can wait for: 1-minute buckets, one bucket of history, and no hourly
 * cap getting in the way of the alert a test provokes.
 */
export const FAST_ALERTS = { ALERT_BUCKET_MINUTES: '1', ALERT_WARMUP_BUCKETS: '1', ALERT_MIN_COUNT: '10', ALERT_MAX_PER_HOUR: '1000' } as const;

export async function startScaleOutCluster(prefix: string, keywords: readonly string[], gatewayEnv: Record<string, string> = {}): Promise<ScaleOutCluster> {
  const kafka = await startMockKafka();
  const postgres = await startPostgres();
  const started: AppProcess[] = [];
  // A short session keeps the cluster's rebalances (one per replica joining or dying) to seconds.
  const common = { KAFKA_BROKERS: kafka.brokers, KAFKA_SESSION_TIMEOUT_MS: '6000' };
  const start = async (kind: string, entry: string, env: Record<string, string>): Promise<AppProcess[]> => {
    const apps = await Promise.all(['a', 'b'].map(async (name) => startApp(`${prefix}-${kind}-${name}`, entry, await freePort(), { ...common, ...env })));
    started.push(...apps);
    return apps;
  };
  const stop = async (): Promise<void> => {
    // Collectors first (no new work), then workers, then the gateways that drain the rest.
    const order = ['collector', 'sentiment', 'gateway'];
    for (const kind of order) await Promise.all(started.filter((a) => a.name.includes(`-${kind}-`)).map((a) => a.stop()));
    await kafka.stop();
    await postgres.stop();
  };
  try {
    const gateways = await start('gateway', 'apps/gateway/dist/main.js', { DATABASE_URL: postgres.url, ...gatewayEnv });
    const sentiments = await start('sentiment', 'apps/sentiment/dist/main.js', { SENTIMENT_BATCH_WAIT_MS: '10' });
    const topics: Record<string, string> = {};
    for (const keyword of keywords) {
      const created = await graphql<{ createTopic: { id: string } }>(gateways[0]!.baseUrl, 'mutation($k: String!) { createTopic(input: { name: $k, keywords: [$k] }) { id } }', { k: keyword });
      if (!created.data) throw new Error(`createTopic ${keyword}: ${JSON.stringify(created.errors)}`);
      topics[keyword] = created.data.createTopic.id;
    }
    // Ready only once the topic and key tables are loaded: the new topics are known to both.
    const collectors = await start('collector', 'apps/collector/dist/main.js', { PULSE_DEMO: 'off' });
    return { kafka, postgres, gateways, sentiments, collectors, topics, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** A live graphql-ws client that records what it receives and how its socket closed. */
export interface Live<T> {
  received: T[];
  closed: Promise<{ code: number; reason: string }>;
  client: Client;
}

export function liveSubscription<T>(baseUrl: string, key: string, query: string, variables: Record<string, unknown>, pick: (data: Record<string, unknown>) => T): Live<T> {
  const received: T[] = [];
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
  client.subscribe<Record<string, unknown>>({ query, variables }, { next: (v) => void (v.data && received.push(pick(v.data))), error: () => undefined, complete: () => undefined });
  return { received, closed, client };
}

/** Mention ids of a topic's live feed, copies and spam included (the tests count every delivery). */
export function liveMentions(baseUrl: string, key: string, topicId: string): Live<string> {
  return liveSubscription(
    baseUrl,
    key,
    'subscription($f: MentionFilter) { mentionScored(filter: $f) { id } }',
    { f: { topicIds: [topicId], includeDuplicates: true, includeSpam: true } },
    (data) => (data['mentionScored'] as { id: string }).id,
  );
}

/** Reads the whole dead-letter topic (a fresh consumer group) into `letters` until `stop`. */
export async function readDeadLetters(brokers: string): Promise<{ letters: DeadLetter[]; stop(): Promise<void> }> {
  const client = new Kafka({ clientId: 'pulse-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const consumer: Consumer = client.consumer({ groupId: `dlq-reader-${randomUUID()}` });
  const letters: DeadLetter[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.deadLetter, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void letters.push(JSON.parse(message.value!.toString()) as DeadLetter) });
  return { letters, stop: () => consumer.disconnect() };
}

/** Rows and distinct ids among the stored mentions whose source id starts with `prefix`. */
export function storedCounts(url: string, prefix: string): Promise<{ rows: number; ids: number }> {
  return withDatabase(url, async (db) => {
    const [row] = (await db.query<{ rows: number; ids: number }>('SELECT count(*)::int AS rows, count(DISTINCT source_id)::int AS ids FROM mentions WHERE source_id LIKE $1', [`${prefix}%`])).rows;
    return row ?? { rows: 0, ids: 0 };
  });
}

export async function withDatabase<T>(url: string, use: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return await use(db);
  } finally {
    await db.end();
  }
}
