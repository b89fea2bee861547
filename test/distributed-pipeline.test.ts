import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mentionId, TOPICS, type DeadLetter } from '@pulse/contracts';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from './support/app-process.js';
import { MENTION_FIELDS, uniqueWord, webhookMention } from './support/fixtures.js';
import { graphql, postIngest, subscribe } from './support/graphql-client.js';
import { startMockKafka, type MockKafka } from './support/mock-kafka.js';
import { freePort, waitFor } from './support/ports.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';

interface MentionNode {
  id: string;
  source: string;
  text: string;
  language: string;
  topicIds: string[];
  sentiment: { label: string; score: number; scores: Record<string, number>; byTopic: { topicId: string; label: string }[] };
  model: { id: string };
}

describe('distributed mode: collector, sentiment and gateway as separate processes over Kafka and PostgreSQL', () => {
  let kafka: MockKafka;
  let postgres: TestPostgres;
  const apps: AppProcess[] = [];
  let gateway: AppProcess;
  let collector: AppProcess;

  beforeAll(async () => {
    kafka = await startMockKafka();
    postgres = await startPostgres();
    const common = { KAFKA_BROKERS: kafka.brokers };
    gateway = await startApp('distributed-gateway', 'apps/gateway/dist/main.js', await freePort(), { ...common, DATABASE_URL: postgres.url });
    apps.push(gateway);
    apps.push(await startApp('distributed-sentiment', 'apps/sentiment/dist/main.js', await freePort(), { ...common, SENTIMENT_BATCH_WAIT_MS: '10' }));
    collector = await startApp('distributed-collector', 'apps/collector/dist/main.js', await freePort(), { ...common, PULSE_DEMO: 'off' });
    apps.push(collector);
    // The collector learns the tracked topics from the compacted topics stream the gateway published.
    await waitFor('collector to load tracked topics', async () => collector.output().includes('tracked topics updated'), 30_000);
  });

  afterAll(async () => {
    // Stopped in reverse order; each must drain and exit cleanly on SIGTERM.
    const codes: (number | null)[] = [];
    for (const app of [...apps].reverse()) codes.push(await app.stop());
    await kafka?.stop();
    await postgres?.stop();
    expect(codes).toEqual(apps.map(() => 0));
  });

  it('scores a mention posted to /ingest, stores it, finds it by search and pushes it to a live subscription', async () => {
    const word = uniqueWord('провайдер');
    const live = await subscribe<{ mentionScored: MentionNode }>(
      gateway.baseUrl,
      `subscription($filter: MentionFilter) { mentionScored(filter: $filter) { ${MENTION_FIELDS} } }`,
      { filter: { sources: ['webhook'] } },
    );
    const complaint = webhookMention(randomUUID(), `Билайн, третий день нет интернета, худший ${word} в городе`);
    const praise = webhookMention(randomUUID(), `Thanks @Beeline, support fixed my ${word} issue in ten minutes!`);
    const ingest = await postIngest(collector.baseUrl, JSON.stringify([complaint, praise, { text: 'no source at all' }]));
    expect(ingest.status).toBe(202);
    expect(ingest.json.accepted).toBe(2);
    expect(ingest.json.ids).toEqual([mentionId('webhook', complaint.sourceId as string), mentionId('webhook', praise.sourceId as string)]);
    expect(ingest.json.rejected).toEqual([{ index: 2, error: expect.stringMatching(/source/) }]);

    const found = await waitFor('mentions to be queryable', async () => {
      const res = await graphql<{ mentions: { totalCount: number; edges: { node: MentionNode }[] } }>(
        gateway.baseUrl,
        `query($filter: MentionFilter) { mentions(filter: $filter, first: 10) { totalCount edges { node { ${MENTION_FIELDS} } } } }`,
        { filter: { search: word } },
      );
      expect(res.errors).toBeUndefined();
      return res.data!.mentions.totalCount === 2 ? res.data!.mentions : undefined;
    });
    const byId = new Map(found.edges.map((e) => [e.node.id, e.node]));
    const stored = byId.get(ingest.json.ids![0 as keyof typeof ingest.json.ids] as string)!;
    expect(stored.language).toBe('ru');
    expect(stored.topicIds).toContain('beeline');
    expect(stored.model.id).toBe('pulse-sentiment-v2');
    expect(['negative', 'neutral', 'positive']).toContain(stored.sentiment.label);
    const { negative, neutral, positive } = stored.sentiment.scores;
    expect(negative! + neutral! + positive!).toBeCloseTo(1, 3);
    expect(stored.sentiment.byTopic.map((t) => t.topicId)).toEqual(stored.topicIds);
    expect(byId.get((ingest.json.ids as string[])[1]!)!.language).toBe('en');

    await waitFor('both mentions on the live subscription', async () => live.events.length >= 2);
    expect(live.errors).toEqual([]);
    expect(live.events.map((e) => e.mentionScored.id).sort()).toEqual([...(ingest.json.ids as string[])].sort());
    await live.close();
  });

  it('lets an analyst answer tone, volume and who-drives-it questions over PostgreSQL rollups; refuses anonymous readers', async () => {
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const res = await graphql<{ sentimentTimeline: { total: number }[]; shareOfVoice: { topicId: string; total: number }[]; topAuthors: { handle: string }[] }>(
      gateway.baseUrl,
      `query($from: DateTime!, $to: DateTime!) {
        sentimentTimeline(topicIds: ["beeline"], from: $from, to: $to, interval: HOUR) { start total negative }
        shareOfVoice(topicIds: ["beeline", "mts"], from: $from, to: $to) { topicId total share }
        topAuthors(filter: { topicIds: ["beeline"] }, limit: 3) { handle total }
      }`,
      { from, to },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.sentimentTimeline.reduce((sum, b) => sum + b.total, 0)).toBeGreaterThanOrEqual(2);
    expect(res.data!.shareOfVoice.find((v) => v.topicId === 'beeline')!.total).toBeGreaterThanOrEqual(2);
    expect(res.data!.topAuthors.length).toBeGreaterThan(0);
    const anonymous = await graphql(gateway.baseUrl, '{ topics { id } }', {}, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.data).toBeUndefined();
  });

  it('rejects malformed and oversize /ingest bodies with a clear 4xx', async () => {
    const malformed = await postIngest(collector.baseUrl, '[{"source":');
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ error: { code: 'MALFORMED_JSON' } });
    const huge = await postIngest(collector.baseUrl, JSON.stringify([webhookMention('big', 'x'.repeat(11 * 1024 * 1024))]));
    expect(huge.status).toBe(413);
    expect(huge.json).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } });
  });

  it('scores and stores a raw mention produced onto the raw topic by another Kafka client (kcat)', async () => {
    const sourceId = `kcat-${randomUUID()}`;
    const line = JSON.stringify({
      source: 'telegram',
      sourceId,
      text: 'МТС, верните нормальную скорость, невозможно работать',
      author: { id: '42', handle: 'channel42', name: 'Канал', url: null },
      publishedAt: new Date().toISOString(),
    });
    const produced = spawnSync('kcat', ['-b', kafka.brokers, '-P', '-t', TOPICS.rawMentions, '-k', sourceId], { input: `${line}\n`, encoding: 'utf8' });
    expect(produced.status, produced.stderr).toBe(0);
    const id = mentionId('telegram', sourceId);
    const mention = await waitFor('the kcat mention to be stored', async () => {
      const res = await graphql<{ mention: MentionNode | null }>(gateway.baseUrl, `query($id: ID!) { mention(id: $id) { ${MENTION_FIELDS} } }`, { id });
      return res.data?.mention ?? undefined;
    });
    expect(mention.language).toBe('ru');
    expect(['negative', 'neutral', 'positive']).toContain(mention.sentiment.label);
  });

  it('dead-letters malformed payloads on the raw topic with a reason while valid ones keep flowing', async () => {
    const client = new Kafka({ clientId: 'pulse-test', brokers: kafka.brokers.split(','), logLevel: logLevel.NOTHING });
    const producer = client.producer();
    const consumer: Consumer = client.consumer({ groupId: `dlq-reader-${randomUUID()}` });
    const letters: DeadLetter[] = [];
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.deadLetter, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void letters.push(JSON.parse(message.value!.toString()) as DeadLetter) });
    const marker = randomUUID();
    const valid = webhookMention(`after-poison-${marker}`, 'Ростелеком наконец-то починил интернет, спасибо');
    await producer.send({
      topic: TOPICS.rawMentions,
      messages: [
        { key: 'bad-json', value: `{"broken": ${marker}` },
        { key: 'bad-schema', value: JSON.stringify({ source: 'vk', sourceId: marker, text: '' }) },
        { key: 'valid', value: JSON.stringify(valid) },
      ],
    });
    try {
      const mine = await waitFor('two dead letters', async () => {
        const found = letters.filter((l) => l.payload.includes(marker));
        return found.length >= 2 ? found : undefined;
      });
      const reasons = new Map(mine.map((l) => [l.origin.key, l]));
      expect(reasons.get('bad-json')).toMatchObject({ reason: 'invalid-json', origin: { topic: TOPICS.rawMentions, consumerGroup: 'pulse-sentiment' } });
      expect(reasons.get('bad-schema')).toMatchObject({ reason: 'schema-violation' });
      expect(reasons.get('bad-schema')!.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['text', 'author', 'publishedAt']));
      const id = mentionId('webhook', valid.sourceId as string);
      await waitFor('the valid mention behind the poison to be stored', async () => {
        const res = await graphql<{ mention: { id: string } | null }>(gateway.baseUrl, `query($id: ID!) { mention(id: $id) { id } }`, { id });
        return res.data?.mention ?? undefined;
      });
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
  });

  it('exposes Prometheus metrics on every app', async () => {
    for (const app of apps) {
      const text = await (await fetch(`${app.baseUrl}/metrics`)).text();
      expect(text, app.name).toMatch(/pulse_messages_(in|out)_total\{/);
    }
    const sentimentMetrics = await (await fetch(`${apps[1]!.baseUrl}/metrics`)).text();
    expect(sentimentMetrics).toMatch(/pulse_messages_in_total\{app="sentiment",topic="pulse.mentions.raw.v1",outcome="dead-lettered"\} [1-9]/);
    expect(sentimentMetrics).toMatch(/pulse_consumer_lag_messages/);
  });
});
