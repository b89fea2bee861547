import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { mentionId } from '@pulse/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from './support/app-process.js';
import { MENTION_FIELDS, uniqueWord, webhookMention } from './support/fixtures.js';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { graphql, postIngest, subscribe } from './support/graphql-client.js';
import { freePort, waitFor } from './support/ports.js';

interface MentionNode {
  id: string;
  source: string;
  language: string;
  topicIds: string[];
  sentiment: { label: string; scores: Record<string, number> };
}

const MENTIONS_QUERY = `query($filter: MentionFilter, $first: Int, $after: String) {
  mentions(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${MENTION_FIELDS} } }
  }
}`;

type MentionsResult = { mentions: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: MentionNode }[] } };

describe('embedded mode: one process, in-process bus, PGlite, bundled model, demo source', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pulse-embedded-'));
  let port: number;
  let pulse: AppProcess;

  beforeAll(async () => {
    port = await freePort();
    pulse = await startApp('embedded', 'apps/embedded/dist/main.js', port, { PULSE_DATA_DIR: dataDir, PULSE_DEMO_RATE: '40' });
  });

  afterAll(async () => {
    await pulse?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints where to go', () => {
    expect(pulse.output()).toContain(`http://localhost:${port}/graphql`);
  });

  it('plays the demo (its backfilled week, then live) into scored, topic-matched mentions', async () => {
    // The demo writes as VK, Telegram, X, Reddit and RSS posts; before the tests below post their own, every mention is the demo's.
    const page = await waitFor('demo mentions', async () => {
      const res = await graphql<MentionsResult>(pulse.baseUrl, MENTIONS_QUERY, { filter: {}, first: 50 });
      expect(res.errors).toBeUndefined();
      return res.data!.mentions.totalCount >= 50 ? res.data!.mentions : undefined;
    });
    const nodes = page.edges.map((e) => e.node);
    expect(new Set(nodes.map((n) => n.language))).toContain('ru');
    expect(nodes.filter((n) => n.topicIds.length > 0).length).toBeGreaterThan(nodes.length * 0.8);
    // A trained model spreads its verdicts; a constant or random one would not pass both checks.
    expect(new Set(nodes.map((n) => n.sentiment.label)).size).toBeGreaterThanOrEqual(2);
    expect(page.pageInfo.hasNextPage).toBe(true);

    const next = await graphql<MentionsResult>(pulse.baseUrl, MENTIONS_QUERY, { filter: {}, first: 50, after: page.pageInfo.endCursor });
    const firstIds = new Set(nodes.map((n) => n.id));
    expect(next.data!.mentions.edges.some((e) => firstIds.has(e.node.id))).toBe(false);
  });

  it('filters by tone and topic on the server', async () => {
    const res = await graphql<MentionsResult>(pulse.baseUrl, MENTIONS_QUERY, { filter: { sentiments: ['negative'], topicIds: ['mts', 'beeline'] }, first: 100 });
    expect(res.errors).toBeUndefined();
    for (const { node } of res.data!.mentions.edges) {
      expect(node.sentiment.label).toBe('negative');
      expect(node.topicIds.some((t) => t === 'mts' || t === 'beeline')).toBe(true);
    }
  });

  it('a mention posted to /ingest is searchable and pushed to a filtered subscription within seconds', async () => {
    const word = uniqueWord('роуминг');
    const live = await subscribe<{ mentionScored: MentionNode }>(
      pulse.baseUrl,
      `subscription($filter: MentionFilter) { mentionScored(filter: $filter) { ${MENTION_FIELDS} } }`,
      { filter: { search: word } },
    );
    const mention = webhookMention(randomUUID(), `Мегафон, почему ${word} снова списывает деньги? Верните!`);
    const res = await postIngest(pulse.baseUrl, `${JSON.stringify(mention)}\n`, 'application/x-ndjson');
    expect(res.status).toBe(202);
    const id = mentionId('webhook', mention.sourceId as string);
    await waitFor('search hit', async () => {
      const found = await graphql<MentionsResult>(pulse.baseUrl, MENTIONS_QUERY, { filter: { search: word } });
      return found.data?.mentions.edges[0]?.node.id === id ? true : undefined;
    }, 10_000);
    await waitFor('live event', async () => live.events.length === 1, 10_000);
    expect(live.events[0]!.mentionScored).toMatchObject({ id, topicIds: ['megafon'], language: 'ru' });
    // Demo mentions keep flowing, but the filter keeps them off this subscription.
    await new Promise((r) => setTimeout(r, 500));
    expect(live.events).toHaveLength(1);
    await live.close();
  });

  it('re-posting the same mention does not duplicate it', async () => {
    const mention = webhookMention(`dup-${randomUUID()}`, 'Ozon опять перенёс доставку на неделю');
    const word = 'перенёс';
    await postIngest(pulse.baseUrl, JSON.stringify([mention]));
    await postIngest(pulse.baseUrl, JSON.stringify([mention]));
    const id = mentionId('webhook', mention.sourceId as string);
    await waitFor('stored', async () => (await graphql<{ mention: { id: string } | null }>(pulse.baseUrl, `query($id: ID!) { mention(id: $id) { id } }`, { id })).data?.mention ?? undefined);
    await new Promise((r) => setTimeout(r, 500));
    const res = await graphql<MentionsResult>(pulse.baseUrl, MENTIONS_QUERY, { filter: { search: word, sources: ['webhook'], authorHandle: mention.author && (mention.author as { handle: string }).handle } });
    expect(res.data!.mentions.totalCount).toBe(1);
  });

  it('creates a topic and matches new mentions to it', async () => {
    const name = `Кофейня ${uniqueWord('x')}`;
    const created = await graphql<{ createTopic: { id: string; keywords: string[] } }>(
      pulse.baseUrl,
      `mutation($input: CreateTopicInput!) { createTopic(input: $input) { id name keywords status } }`,
      { input: { name, keywords: ['Шоколадница'] } },
    );
    expect(created.errors).toBeUndefined();
    const topicId = created.data!.createTopic.id;
    expect(topicId).toMatch(/^kofeynya-/);
    const again = await graphql(pulse.baseUrl, `mutation($input: CreateTopicInput!) { createTopic(input: $input) { id } }`, { input: { name, keywords: ['x'] } });
    expect(again.errors?.[0]?.extensions?.code).toBe('TOPIC_EXISTS');

    const mention = webhookMention(randomUUID(), 'В Шоколаднице на Тверской отличный сервис');
    await waitFor('the new topic to reach the collector and match', async () => {
      await postIngest(pulse.baseUrl, JSON.stringify([{ ...mention, sourceId: randomUUID() }]));
      const res = await graphql<MentionsResult>(pulse.baseUrl, MENTIONS_QUERY, { filter: { topicIds: [topicId] } });
      return (res.data?.mentions.totalCount ?? 0) > 0 ? true : undefined;
    }, 15_000, 500);
  });

  it('answers bad arguments with stable error codes', async () => {
    const badCursor = await graphql(pulse.baseUrl, MENTIONS_QUERY, { after: 'nonsense' });
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
    const badFirst = await graphql(pulse.baseUrl, MENTIONS_QUERY, { first: 5000 });
    expect(badFirst.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
    const badDate = await graphql(pulse.baseUrl, MENTIONS_QUERY, { filter: { from: 'yesterday' } });
    expect(badDate.errors?.[0]?.message).toMatch(/ISO 8601/);
  });

  it('reads nothing without a key: GraphQL, export and subscriptions all refuse', async () => {
    const anonymous = await graphql(pulse.baseUrl, MENTIONS_QUERY, {}, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data).toBeUndefined();
    expect((await fetch(`${pulse.baseUrl}/export?format=csv`)).status).toBe(401);
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
      const client = createClient({ url: `${pulse.baseUrl.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, onNonLazyError: () => undefined, on: { closed: (e) => resolve(e as { code: number; reason: string }) } });
      client.subscribe({ query: 'subscription { mentionScored { id } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    });
    // No key at all: 4401 and a reason that says how to send one (a wrong key is 4403).
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/^missing key/);
  });

  it('answers the analyst questions over GraphQL and exports with a viewer key', async () => {
    const created = await graphql<{ createApiKey: { key: string } }>(pulse.baseUrl, `mutation { createApiKey(input: { name: "dashboard", role: viewer }) { key } }`);
    const viewer = created.data!.createApiKey.key;
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const res = await graphql<{ sentimentTimeline: { total: number }[]; shareOfVoice: { topicId: string; total: number; share: number }[]; topAuthors: { handle: string }[]; sourceBreakdown: { source: string; total: number }[] }>(
      pulse.baseUrl,
      `query($from: DateTime!, $to: DateTime!) {
        sentimentTimeline(topicIds: ["beeline", "mts"], from: $from, to: $to, interval: DAY) { start negative neutral positive total }
        shareOfVoice(from: $from, to: $to) { topicId topic { name } total share }
        topAuthors(filter: { sentiments: [negative] }, limit: 5) { handle total negative }
        sourceBreakdown { source total }
      }`,
      { from, to },
      viewer,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.sentimentTimeline.reduce((sum, b) => sum + b.total, 0)).toBeGreaterThan(0);
    expect(res.data!.shareOfVoice.reduce((sum, v) => sum + v.share, 0)).toBeCloseTo(1, 5);
    expect(res.data!.topAuthors.length).toBeGreaterThan(0);
    // The demo's week spans several networks.
    expect(res.data!.sourceBreakdown.length).toBeGreaterThanOrEqual(3);
    const exported = await fetch(`${pulse.baseUrl}/export?format=ndjson&sources=vk`, { headers: { authorization: `Bearer ${viewer}` } });
    expect(exported.status).toBe(200);
    const lines = (await exported.text()).trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(JSON.parse(lines[0]!)).toMatchObject({ source: 'vk' });
  });

  it('keeps stored mentions across a restart (PGlite on disk) and shuts down cleanly', async () => {
    const mention = webhookMention(randomUUID(), 'Сбер, спасибо за быстрый перевыпуск карты');
    await postIngest(pulse.baseUrl, JSON.stringify([mention]));
    const id = mentionId('webhook', mention.sourceId as string);
    const query = `query($id: ID!) { mention(id: $id) { id sentiment { label } } }`;
    await waitFor('stored', async () => (await graphql<{ mention: { id: string } | null }>(pulse.baseUrl, query, { id })).data?.mention ?? undefined);
    expect(await pulse.stop()).toBe(0);
    pulse = await startApp('embedded-restarted', 'apps/embedded/dist/main.js', port, { PULSE_DATA_DIR: dataDir, PULSE_DEMO: 'off' });
    const res = await graphql<{ mention: { id: string } | null }>(pulse.baseUrl, query, { id });
    expect(res.data?.mention?.id).toBe(id);
  });
});
