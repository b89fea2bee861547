import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { mentionId, TOPICS, type Alert, type DeadLetter } from '@pulse/contracts';
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

  it('assigns and routes a complaint that matches a rule, publishes the rule alert to pulse.alerts.v1 and measures the reaction', async () => {
    const tickets: { body: string; auth: string | undefined }[] = [];
    const helpdesk = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        tickets.push({ body: Buffer.concat(chunks).toString('utf8'), auth: req.headers.authorization });
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `T-${tickets.length}` }));
      });
    });
    await new Promise<void>((resolve) => helpdesk.listen(0, '127.0.0.1', resolve));
    const client = new Kafka({ clientId: 'pulse-test', brokers: kafka.brokers.split(','), logLevel: logLevel.NOTHING });
    const consumer: Consumer = client.consumer({ groupId: `alert-reader-${randomUUID()}` });
    const alerts: Alert[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.alerts, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void alerts.push(JSON.parse(message.value!.toString()) as Alert) });
    try {
      const word = uniqueWord('роутер');
      const rule = await graphql<{ createRule: { id: string } }>(
        gateway.baseUrl,
        `mutation($input: RuleInput!) { createRule(input: $input) { id } }`,
        {
          input: {
            name: 'Дежурный по Билайну',
            conditions: { topicIds: ['beeline'], replyNeeded: true, query: word },
            actions: {
              assignTo: 'duty',
              addTags: ['outage'],
              notify: 'warning',
              helpdesk: {
                name: 'ITSM',
                url: `http://127.0.0.1:${(helpdesk.address() as AddressInfo).port}/tickets`,
                headers: [{ name: 'Authorization', value: 'Token itsm-test' }],
                payloadTemplate: '{"title": "{{author.handle}} ({{topics}})", "text": "{{mention.text}}", "intent": "{{intent}}"}',
                ticketIdField: 'id',
              },
            },
          },
        },
      );
      expect(rule.errors).toBeUndefined();
      const complaint = webhookMention(randomUUID(), `Билайн, третий день нет интернета, ${word} мигает, когда почините?`);
      expect((await postIngest(collector.baseUrl, JSON.stringify([complaint]))).status).toBe(202);
      const id = mentionId('webhook', complaint.sourceId as string);
      const query = `query($id: ID!) { mention(id: $id) { intent { label replyNeeded } workflow { status assignee tags } suggestedAnswer { categoryId } history { kind routeOutcome ticketId } } }`;
      type Node = { intent: { label: string; replyNeeded: boolean }; workflow: { assignee: string; tags: string[] }; suggestedAnswer: { categoryId: string } | null; history: { kind: string; routeOutcome: string | null; ticketId: string | null }[] };
      const routed = await waitFor('the complaint to be routed', async () => {
        const m = (await graphql<{ mention: Node | null }>(gateway.baseUrl, query, { id })).data?.mention;
        return m?.history.some((e) => e.kind === 'route') ? m : undefined;
      }, 30_000);
      expect(routed.intent.replyNeeded).toBe(true);
      expect(routed.workflow).toMatchObject({ assignee: 'duty', tags: ['outage'] });
      expect(routed.suggestedAnswer?.categoryId).toBe('no-connection');
      expect(routed.history.find((e) => e.kind === 'route')).toMatchObject({ routeOutcome: 'delivered', ticketId: 'T-1' });
      expect(tickets).toHaveLength(1);
      expect(tickets[0]!.auth).toBe('Token itsm-test');
      expect(JSON.parse(tickets[0]!.body)).toMatchObject({ title: `user_${String(complaint.sourceId)} (Билайн)`, intent: routed.intent.label });

      const alert = await waitFor('the rule alert on Kafka', async () => alerts.find((a) => a.kind === 'rule' && a.mentionId === id), 30_000);
      expect(alert).toMatchObject({ kind: 'rule', severity: 'warning', ruleName: 'Дежурный по Билайну' });

      const taken = await graphql(gateway.baseUrl, `mutation($id: ID!) { setMentionStatus(id: $id, status: in_progress) { id } }`, { id });
      expect(taken.errors).toBeUndefined();
      const from = new Date(Date.now() - 3_600_000).toISOString();
      const to = new Date(Date.now() + 3_600_000).toISOString();
      const stats = await graphql<{ reactionTimes: { topicId: string | null; responded: number; firstResponseMedianSeconds: number | null }[] }>(
        gateway.baseUrl,
        `query($from: DateTime!, $to: DateTime!) { reactionTimes(topicIds: ["beeline"], from: $from, to: $to) { topicId responded firstResponseMedianSeconds } }`,
        { from, to },
      );
      expect(stats.errors).toBeUndefined();
      const beeline = stats.data!.reactionTimes.find((r) => r.topicId === 'beeline')!;
      expect(beeline.responded).toBeGreaterThanOrEqual(1);
      expect(beeline.firstResponseMedianSeconds).toBeGreaterThanOrEqual(0);
    } finally {
      await consumer.disconnect();
      await new Promise((resolve) => helpdesk.close(resolve));
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
