import type { INestApplication } from '@nestjs/common';
import type { MemoryBus } from '@pulse/bus/memory';
import { TOPICS, type ApiKeyRecord, type ScoredMention, type SentimentLabel, type Source, type TrackedTopic } from '@pulse/contracts';
import { serverAudits } from 'graphql-http';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { GatewayConfig } from './config/gateway.config.js';
import { gql, startTestGateway, waitFor, type GqlResponse } from './testing/gateway-test-kit.js';
import { GatewayFeature } from './gateway.feature.js';
import { MentionRepository } from './mentions/mention.repository.js';

const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

function mention(id: string, over: Partial<ScoredMention> & { label?: SentimentLabel; source?: Source } = {}): ScoredMention {
  const label = over.label ?? 'neutral';
  const topicIds = over.topicIds ?? ['acme'];
  const { label: _label, ...rest } = over;
  return {
    id,
    source: over.source ?? 'vk',
    sourceId: `s-${id}`,
    url: null,
    text: `mention ${id} about acme`,
    language: 'ru',
    author: { id: `a-${id}`, handle: `user_${id}`, name: 'User', url: null },
    publishedAt: '2026-03-02T10:00:00.000Z',
    collectedAt: '2026-03-02T10:01:00.000Z',
    topicIds,
    matches: topicIds.map((topicId) => ({ topicId, terms: ['acme'] })),
    direct: false,
    duplicateOf: null,
    spam: { score: 0, reasons: [] },
    sentiment: { label, score: 0.9, scores: { negative: 0.05, neutral: 0.9, positive: 0.05 }, byTopic: [] },
    model: { id: 'm', version: '1' },
    scoredAt: '2026-03-02T10:02:00.000Z',
    ...rest,
  };
}

interface Harness {
  feature: GatewayFeature;
  bus: MemoryBus;
  app: INestApplication;
  url: string;
  published: { keys: ApiKeyRecord[]; topics: TrackedTopic[] };
  close(): Promise<void>;
}

async function startGateway(over: Partial<GatewayConfig> = {}): Promise<Harness> {
  const published: Harness['published'] = { keys: [], topics: [] };
  const gateway = await startTestGateway({
    config: over,
    partitions: 4,
    beforeStart: async (bus) => {
      await bus.subscribe({ topic: TOPICS.apiKeys, groupId: 'test-keys', handler: async (batch) => void published.keys.push(...batch.map((m) => m.value)) });
      await bus.subscribe({ topic: TOPICS.trackedTopics, groupId: 'test-topics', handler: async (batch) => void published.topics.push(...batch.map((m) => m.value)) });
    },
  });
  return { ...gateway, published, close: gateway.stop };
}

const codeOf = (res: GqlResponse): unknown => res.errors?.[0]?.extensions?.['code'];

function wsClient(url: string, key: string | undefined): { client: Client; closed: Promise<number> } {
  let onClosed!: (code: number) => void;
  const closed = new Promise<number>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: key ? { authorization: `Bearer ${key}` } : {},
    lazy: false,
    retryAttempts: 0,
    // Refusals are asserted through the close code; the default would print the close event.
    onNonLazyError: () => undefined,
    on: { closed: (event) => onClosed((event as { code: number }).code) },
  });
  return { client, closed };
}

function collect(client: Client, query: string, variables: Record<string, unknown> = {}): { events: FormattedExecutionResult<Record<string, unknown>, unknown>[]; errors: unknown[]; done: () => void } {
  const events: FormattedExecutionResult<Record<string, unknown>, unknown>[] = [];
  const errors: unknown[] = [];
  const done = client.subscribe({ query, variables }, { next: (v) => void events.push(v), error: (e) => void errors.push(e), complete: () => undefined });
  return { events, errors, done };
}

describe('gateway over HTTP and WebSocket (PGlite)', () => {
  let gw: Harness;
  const keys: Record<'viewer' | 'analyst' | 'ingest', string> = { viewer: '', analyst: '', ingest: '' };

  beforeAll(async () => {
    gw = await startGateway();
    for (const role of ['viewer', 'analyst', 'ingest'] as const) {
      const res = await gql<{ createApiKey: { key: string } }>(gw.url, ADMIN_KEY, `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id role } } }`, { input: { name: `${role} key`, role } });
      keys[role] = res.data!.createApiKey.key;
    }
    await gw.bus.publish(TOPICS.scoredMentions, [
      mention('m1', { label: 'negative', publishedAt: '2026-03-02T10:00:00.000Z', text: 'Провайдер опять без интернета' }),
      mention('m2', { label: 'negative', publishedAt: '2026-03-02T11:30:00.000Z', author: { id: 'a-ivan', handle: 'ivan', name: 'Иван', url: null, followers: 10 } }),
      mention('m3', { label: 'positive', publishedAt: '2026-03-03T09:00:00.000Z', topicIds: ['globex'], source: 'telegram' }),
      mention('m4', { label: 'negative', publishedAt: '2026-03-03T12:00:00.000Z', spam: { score: 0.9, reasons: ['links'] } }),
      mention('m5', { label: 'neutral', publishedAt: '2026-03-03T13:00:00.000Z', duplicateOf: 'm1', parentId: 'm2' }),
      mention('m6', { label: 'negative', publishedAt: '2026-03-04T08:00:00.000Z', parentId: 'm1', author: { id: 'a-ivan', handle: 'ivan', name: 'Иван', url: null, followers: 10 } }),
    ]);
    await waitFor('mentions stored', async () => ((await gql<{ mentions: { totalCount: number } }>(gw.url, ADMIN_KEY, '{ mentions(filter: { includeSpam: true, includeDuplicates: true }) { totalCount } }')).data?.mentions.totalCount === 6 ? true : undefined));
  });

  afterAll(async () => {
    await gw?.close();
  });

  describe('authentication and roles', () => {
    it('answers a request without a key, or with an unknown key, with 401 UNAUTHENTICATED and no data', async () => {
      for (const key of [undefined, 'not-a-key']) {
        const res = await gql(gw.url, key, '{ mentions { totalCount } }');
        expect(res.status).toBe(401);
        expect(codeOf(res)).toBe('UNAUTHENTICATED');
        expect(res.data).toBeUndefined();
      }
      const malformed = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: ADMIN_KEY }, body: '{"query":"{ topics { id } }"}' });
      expect(malformed.status).toBe(401);
      expect(malformed.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('lets a viewer read but not manage topics or keys; an analyst manage topics but not keys', async () => {
      expect((await gql(gw.url, keys.viewer, '{ mentions { totalCount } }')).data).toEqual({ mentions: { totalCount: 4 } });
      const create = `mutation { createTopic(input: { name: "Viewer Topic", keywords: ["x"] }) { id } }`;
      const denied = await gql(gw.url, keys.viewer, create);
      expect(codeOf(denied)).toBe('FORBIDDEN');
      expect(denied.status).toBe(403);
      expect(codeOf(await gql(gw.url, keys.viewer, '{ apiKeys { id } }'))).toBe('FORBIDDEN');
      expect((await gql(gw.url, keys.analyst, create.replace('Viewer', 'Analyst'))).data).toEqual({ createTopic: { id: 'analyst-topic' } });
      expect(codeOf(await gql(gw.url, keys.analyst, `mutation { createApiKey(input: { name: "x", role: admin }) { key } }`))).toBe('FORBIDDEN');
    });

    it('gives an ingest key nothing to read', async () => {
      const res = await gql(gw.url, keys.ingest, '{ mentions { totalCount } }');
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(res.data).toBeNull();
      const exported = await fetch(`${gw.url}/export?format=ndjson`, { headers: { authorization: `Bearer ${keys.ingest}` } });
      expect(exported.status).toBe(403);
    });

    it('lists keys without secrets, tells a caller who it is, revokes, and publishes every change to the keys topic', async () => {
      const created = await gql<{ createApiKey: { key: string; apiKey: { id: string } } }>(gw.url, ADMIN_KEY, `mutation { createApiKey(input: { name: "temp", role: viewer }) { key apiKey { id name role revoked } } }`);
      const { key, apiKey } = created.data!.createApiKey;
      expect(key).toMatch(/^pulse_[A-Za-z0-9_-]{32}$/);
      expect((await gql(gw.url, key, '{ me { id role } }')).data).toEqual({ me: { id: apiKey.id, role: 'viewer' } });
      const list = await gql<{ apiKeys: Record<string, unknown>[] }>(gw.url, ADMIN_KEY, '{ apiKeys { id name role revoked lastUsedAt } }');
      expect(list.data!.apiKeys.map((k) => k['id'])).toEqual(expect.arrayContaining(['bootstrap', apiKey.id]));
      expect(JSON.stringify(list)).not.toContain(key);

      expect((await gql(gw.url, ADMIN_KEY, `mutation($id: ID!) { revokeApiKey(id: $id) { revoked } }`, { id: apiKey.id })).data).toEqual({ revokeApiKey: { revoked: true } });
      expect((await gql(gw.url, key, '{ me { id } }')).status).toBe(401);
      expect(codeOf(await gql(gw.url, ADMIN_KEY, `mutation { revokeApiKey(id: "nope") { id } }`))).toBe('NOT_FOUND');

      const records = await waitFor('published key records', () => {
        const mine = gw.published.keys.filter((k) => k.id === apiKey.id);
        return mine.length === 2 ? mine : undefined;
      });
      expect(records.map((r) => r.revoked)).toEqual([false, true]);
      expect(records[0]).not.toHaveProperty('key');
      expect(records[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(gw.published.keys.some((k) => k.id === 'bootstrap' && k.role === 'admin')).toBe(true);
    });
  });

  describe('mentions', () => {
    const LIST = `query($f: MentionFilter, $first: Int, $after: String, $order: MentionOrder) {
      mentions(filter: $f, first: $first, after: $after, orderBy: $order) { totalCount edges { node { id spam { score } duplicateOf direct } } pageInfo { hasNextPage endCursor } }
    }`;
    type ListResult = { mentions: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const idsOf = (res: GqlResponse<ListResult>): string[] => res.data!.mentions.edges.map((e) => e.node.id);

    it('hides spam and duplicates unless asked, and pages either way', async () => {
      expect(idsOf(await gql<ListResult>(gw.url, keys.viewer, LIST, {}))).toEqual(['m6', 'm3', 'm2', 'm1']);
      expect(idsOf(await gql<ListResult>(gw.url, keys.viewer, LIST, { f: { includeSpam: true } }))).toEqual(['m6', 'm4', 'm3', 'm2', 'm1']);
      expect(idsOf(await gql<ListResult>(gw.url, keys.viewer, LIST, { f: { includeDuplicates: true } }))).toEqual(['m6', 'm5', 'm3', 'm2', 'm1']);
      const first = await gql<ListResult>(gw.url, keys.viewer, LIST, { order: 'OLDEST_FIRST', first: 2 });
      expect(idsOf(first)).toEqual(['m1', 'm2']);
      const second = await gql<ListResult>(gw.url, keys.viewer, LIST, { order: 'OLDEST_FIRST', first: 2, after: first.data!.mentions.pageInfo.endCursor });
      expect(idsOf(second)).toEqual(['m3', 'm6']);
      expect(codeOf(await gql(gw.url, keys.viewer, LIST, { after: first.data!.mentions.pageInfo.endCursor }))).toBe('INVALID_CURSOR');
    });

    it('loads parents and originals through one batched lookup per request', async () => {
      const spy = vi.spyOn(MentionRepository.prototype, 'getMentions');
      const res = await gql<{ mentions: { edges: { node: { id: string; parent: { id: string } | null; original: { id: string } | null } }[] } }>(
        gw.url,
        keys.viewer,
        '{ mentions(filter: { includeDuplicates: true }) { edges { node { id parent { id } original { id } } } } }',
      );
      const nodes = Object.fromEntries(res.data!.mentions.edges.map((e) => [e.node.id, e.node]));
      expect(nodes['m6']).toEqual({ id: 'm6', parent: { id: 'm1' }, original: null });
      expect(nodes['m5']).toEqual({ id: 'm5', parent: { id: 'm2' }, original: { id: 'm1' } });
      expect(spy).toHaveBeenCalledTimes(1);
      expect([...spy.mock.calls[0]![0]].sort()).toEqual(['m1', 'm2']);
      spy.mockRestore();
    });

    it('refuses invalid filter values, a huge first, bad search syntax, too-deep and too-costly queries with stable codes', async () => {
      const bad = async (variables: Record<string, unknown>): Promise<GqlResponse> => gql(gw.url, keys.viewer, LIST, variables);
      expect(codeOf(await bad({ f: { sentiments: ['angry'] } }))).toBe('INVALID_ARGUMENT');
      expect(codeOf(await bad({ f: { from: 'yesterday' } }))).toBe('INVALID_ARGUMENT');
      expect(codeOf(await bad({ f: { languages: ['russian'] } }))).toBe('INVALID_ARGUMENT');
      expect(codeOf(await bad({ f: { from: '2026-03-05T00:00:00Z', to: '2026-03-01T00:00:00Z' } }))).toBe('INVALID_ARGUMENT');
      expect(codeOf(await bad({ first: 100000 }))).toBe('INVALID_ARGUMENT');
      expect(codeOf(await bad({ first: 0 }))).toBe('INVALID_ARGUMENT');
      const syntax = await bad({ f: { search: 'интернет "без' } });
      expect(syntax.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_QUERY', field: 'filter.search', position: 13, expected: ['a closing "'] });

      const deep = await gql(gw.url, keys.viewer, '{ mentions { edges { node { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } }');
      expect(deep.status).toBe(400);
      expect(codeOf(deep)).toBe('QUERY_TOO_COMPLEX');
      expect(deep.errors?.[0]?.message).toMatch(/depth 11 exceeds the limit of 10/);
      const costly = await gql(gw.url, keys.viewer, `{ a: mentions(first: 200) { edges { node { ${'id text language source '.repeat(30)} } } } b: mentions(first: 200) { edges { node { id text } } } }`);
      expect(codeOf(costly)).toBe('QUERY_TOO_COMPLEX');
      expect(codeOf(await gql(gw.url, keys.viewer, '{ mentions { nope } }'))).toBe('INVALID_ARGUMENT');
    });

    it('searches with stemming', async () => {
      expect(idsOf(await gql<ListResult>(gw.url, keys.viewer, LIST, { f: { search: 'провайдера' } }))).toEqual(['m1']);
    });
  });

  describe('analytics', () => {
    it('answers tone over time, share of voice, negative share, top authors and sources', async () => {
      const res = await gql<Record<string, unknown>>(
        gw.url,
        keys.viewer,
        `{
          timeline: sentimentTimeline(topicIds: ["acme"], from: "2026-03-02T00:00:00Z", to: "2026-03-05T00:00:00Z", interval: DAY) { start negative neutral positive total }
          all: sentimentTimeline(from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z") { total }
          negativeShare(topicIds: ["acme"], from: "2026-03-02T00:00:00Z", to: "2026-03-05T00:00:00Z") { start negative total share }
          shareOfVoice(topicIds: ["acme", "globex"], from: "2026-03-01T00:00:00Z", to: "2026-03-05T00:00:00Z") { topicId topic { name } total share }
          topAuthors(filter: { sentiments: [negative] }, limit: 1) { handle name source total negative followers }
          sourceBreakdown(filter: { topicIds: ["acme", "globex"] }) { source total negative positive }
        }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!['timeline']).toEqual([
        { start: '2026-03-02T00:00:00.000Z', negative: 2, neutral: 0, positive: 0, total: 2 },
        { start: '2026-03-03T00:00:00.000Z', negative: 0, neutral: 0, positive: 0, total: 0 },
        { start: '2026-03-04T00:00:00.000Z', negative: 1, neutral: 0, positive: 0, total: 1 },
      ]);
      expect(res.data!['all']).toEqual([{ total: 2 }]);
      expect(res.data!['negativeShare']).toEqual([
        { start: '2026-03-02T00:00:00.000Z', negative: 2, total: 2, share: 1 },
        { start: '2026-03-03T00:00:00.000Z', negative: 0, total: 0, share: null },
        { start: '2026-03-04T00:00:00.000Z', negative: 1, total: 1, share: 1 },
      ]);
      expect(res.data!['shareOfVoice']).toEqual([
        { topicId: 'acme', topic: null, total: 3, share: 0.75 },
        { topicId: 'globex', topic: null, total: 1, share: 0.25 },
      ]);
      expect(res.data!['topAuthors']).toEqual([{ handle: 'ivan', name: 'Иван', source: 'vk', total: 2, negative: 2, followers: 10 }]);
      expect(res.data!['sourceBreakdown']).toEqual([
        { source: 'vk', total: 3, negative: 3, positive: 0 },
        { source: 'telegram', total: 1, negative: 0, positive: 1 },
      ]);
    });

    it('refuses an inverted window, too many buckets and a large limit', async () => {
      expect(codeOf(await gql(gw.url, keys.viewer, '{ sentimentTimeline(from: "2026-03-05T00:00:00Z", to: "2026-03-01T00:00:00Z") { total } }'))).toBe('INVALID_ARGUMENT');
      expect(codeOf(await gql(gw.url, keys.viewer, '{ sentimentTimeline(from: "2000-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z", interval: HOUR) { total } }'))).toBe('INVALID_ARGUMENT');
      expect(codeOf(await gql(gw.url, keys.viewer, '{ topAuthors(limit: 1000) { handle } }'))).toBe('INVALID_ARGUMENT');
    });
  });

  describe('topics', () => {
    it('creates, updates, pauses, resumes and deletes, publishing every version', async () => {
      const created = await gql<{ createTopic: { id: string } }>(gw.url, keys.analyst, `mutation { createTopic(input: { name: "Кофемания", query: "кофемания OR coffeemania", ownAccounts: [{ source: vk, handle: "coffeemania" }] }) { id query keywords ownAccounts { source handle } status } }`);
      expect(created.data).toEqual({ createTopic: { id: 'kofemaniya', query: 'кофемания OR coffeemania', keywords: [], ownAccounts: [{ source: 'vk', handle: 'coffeemania' }], status: 'active' } });
      const updated = await gql(gw.url, keys.analyst, `mutation { updateTopic(id: "kofemaniya", input: { keywords: ["Кофемания"], query: null }) { query keywords name } }`);
      expect(updated.data).toEqual({ updateTopic: { query: null, keywords: ['Кофемания'], name: 'Кофемания' } });
      expect((await gql(gw.url, keys.analyst, `mutation { pauseTopic(id: "kofemaniya") { status } }`)).data).toEqual({ pauseTopic: { status: 'paused' } });
      expect((await gql(gw.url, keys.analyst, `mutation { resumeTopic(id: "kofemaniya") { status } }`)).data).toEqual({ resumeTopic: { status: 'active' } });
      expect((await gql(gw.url, keys.analyst, `mutation { deleteTopic(id: "kofemaniya") { status } }`)).data).toEqual({ deleteTopic: { status: 'deleted' } });
      expect((await gql(gw.url, keys.viewer, `{ topic(id: "kofemaniya") { id } }`)).data).toEqual({ topic: null });
      expect(codeOf(await gql(gw.url, keys.analyst, `mutation { pauseTopic(id: "kofemaniya") { status } }`))).toBe('NOT_FOUND');
      const versions = await waitFor('published topic versions', () => {
        const mine = gw.published.topics.filter((t) => t.id === 'kofemaniya');
        return mine.length === 5 ? mine : undefined;
      });
      expect(versions.map((t) => t.status)).toEqual(['active', 'active', 'paused', 'active', 'deleted']);
      const times = versions.map((t) => Date.parse(t.updatedAt));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(new Set(times).size).toBe(times.length);
    });

    it('returns a query syntax error as a field error with its position', async () => {
      const res = await gql(gw.url, keys.analyst, `mutation { createTopic(input: { name: "Broken", query: "(acme OR globex" }) { id } }`);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_QUERY', field: 'input.query', position: 15, expected: ['")"'] });
      expect(codeOf(await gql(gw.url, keys.analyst, `mutation { createTopic(input: { name: "Empty" }) { id } }`))).toBe('INVALID_ARGUMENT');
    });
  });

  describe('live subscriptions (graphql-ws)', () => {
    const SUB = `subscription($f: MentionFilter) { mentionScored(filter: $f) { id sentiment { label } } }`;

    it('refuses a connection without a valid key at connection_init', async () => {
      for (const key of [undefined, 'wrong']) {
        const { client, closed } = wsClient(gw.url, key);
        const sub = collect(client, SUB);
        expect(await closed).toBe(4403);
        expect(sub.events).toEqual([]);
        await client.dispose();
      }
    });

    it('applies the filter on the server and refuses an ingest key', async () => {
      const { client } = wsClient(gw.url, keys.viewer);
      const negative = collect(client, SUB, { f: { sentiments: ['negative'], topicIds: ['acme'] } });
      const everything = collect(client, SUB, { f: { includeSpam: true } });
      await new Promise((r) => setTimeout(r, 300));
      await gw.bus.publish(TOPICS.scoredMentions, [
        mention('live-1', { label: 'negative' }),
        mention('live-2', { label: 'positive' }),
        mention('live-3', { label: 'negative', topicIds: ['globex'] }),
        mention('live-4', { label: 'negative', spam: { score: 0.7, reasons: [] } }),
      ]);
      await waitFor('all events', () => everything.events.length === 4 || undefined);
      expect(negative.events.map((e) => (e.data as { mentionScored: { id: string } }).mentionScored.id)).toEqual(['live-1']);
      negative.done();
      everything.done();

      const ingest = wsClient(gw.url, keys.ingest);
      const denied = collect(ingest.client, SUB);
      // A refused subscribe is a result with errors (graphql-ws sends it as `next`), then completes.
      await waitFor('forbidden', () => denied.events.length + denied.errors.length > 0 || undefined);
      expect(JSON.stringify([denied.events, denied.errors])).toContain('FORBIDDEN');
      expect(denied.events.every((e) => e.data === null || e.data === undefined)).toBe(true);
      await ingest.client.dispose();
      await client.dispose();
    });

    it('tells a slow subscriber how many mentions it lost instead of buffering without bound', async () => {
      const small = await startGateway({ subscriptionBuffer: 2 });
      try {
        const { client } = wsClient(small.url, ADMIN_KEY);
        const sub = collect(client, SUB);
        await new Promise((r) => setTimeout(r, 300));
        // Published synchronously: the socket cannot drain between them, so the buffer overflows.
        small.feature.feed.publish(Array.from({ length: 10 }, (_, i) => mention(`burst-${i}`)));
        await waitFor('buffered events', () => sub.events.length === 2 || undefined);
        expect(sub.events.map((e) => (e.data as { mentionScored: { id: string } }).mentionScored.id)).toEqual(['burst-8', 'burst-9']);
        expect(sub.events[0]!.extensions).toEqual({ droppedMentions: 8 });
        expect(sub.events[1]!.extensions).toBeUndefined();
        sub.done();
        await client.dispose();
      } finally {
        await small.close();
      }
    });
  });

  describe('export', () => {
    const get = (query: string, key: string | null = keys.viewer): Promise<Response> =>
      fetch(`${gw.url}/export?${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

    it('needs a key', async () => {
      const res = await get('format=csv', null);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    });

    it('streams NDJSON and CSV for the same filter fields as GraphQL', async () => {
      const ndjson = await get('format=ndjson&sentiments=negative&topicIds=acme&to=2026-03-05T00:00:00Z');
      expect(ndjson.status).toBe(200);
      expect(ndjson.headers.get('content-type')).toMatch(/application\/x-ndjson/);
      const lines = (await ndjson.text()).trim().split('\n').map((l) => JSON.parse(l) as ScoredMention);
      // live-1 (from the subscription test) shares m1's publishedAt: ties go by id, descending.
      expect(lines.map((m) => m.id)).toEqual(['m6', 'm2', 'm1', 'live-1']);

      await gw.bus.publish(TOPICS.scoredMentions, [mention('csv-1', { text: '=HYPERLINK("http://evil") "quoted", line\nbreak', publishedAt: '2020-01-01T00:00:00.000Z' })]);
      const csv = await waitFor('csv row', async () => {
        const text = await (await get('format=csv&to=2020-01-02T00:00:00Z&sources=vk,telegram')).text();
        return text.includes('csv-1') ? text : undefined;
      });
      const [header, row] = csv.split('\r\n');
      expect(header).toBe('id,source,sourceId,url,publishedAt,language,authorHandle,authorName,sentiment,sentimentScore,topicIds,direct,spamScore,duplicateOf,intent,replyNeeded,text');
      expect(row).toContain(`"'=HYPERLINK(""http://evil"") ""quoted"", line\nbreak"`);
    });

    it('refuses unknown parameters and invalid values with 400', async () => {
      for (const query of ['format=xml', 'format=csv&colour=red', 'sentiments=angry', 'includeSpam=yes', 'search=%22open']) {
        const res = await get(query);
        expect(res.status, query).toBe(400);
      }
    });

    it('walks more mentions than one store page, in order', async () => {
      const many = Array.from({ length: 2_500 }, (_, i) => mention(`bulk-${String(i).padStart(4, '0')}`, { publishedAt: new Date(Date.UTC(2019, 0, 1) + i * 60_000).toISOString(), topicIds: ['bulk'] }));
      await gw.bus.publish(TOPICS.scoredMentions, many);
      const text = await waitFor('bulk export', async () => {
        const body = await (await get('format=ndjson&topicIds=bulk')).text();
        return body.trim().split('\n').length === 2_500 ? body : undefined;
      }, 20_000);
      const ids = text.trim().split('\n').map((l) => (JSON.parse(l) as ScoredMention).id);
      expect(ids).toEqual(many.map((m) => m.id).reverse());
    });
  });

  describe('GraphQL over HTTP conformance (graphql-http serverAudits)', () => {
    const authorized: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${keys.viewer}` } });
    // Audits are created lazily: the URL is only known after beforeAll.
    for (const audit of serverAudits({ url: () => `${gw.url}/graphql`, fetchFn: authorized })) {
      it(audit.name, async () => {
        const result = await audit.fn();
        // MUST requirements fail the build; SHOULDs are recommendations.
        if (result.status === 'error') expect.fail(`${result.reason}`);
      });
    }
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once a key used its budget', async () => {
    const gw = await startGateway({ rateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await gql(gw.url, ADMIN_KEY, '{ topics { id } }')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` }, body: '{"query":"{ topics { id } }"}' });
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await limited.json()).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
    } finally {
      await gw.close();
    }
  });
});
