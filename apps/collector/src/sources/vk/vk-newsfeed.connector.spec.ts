import { mentionId, type RawMentionInput, type TrackedTopic } from '@pulse/contracts';
import { createLogger, PulseMetrics } from '@pulse/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import type { IngestService } from '../../ingest/ingest.service.js';
import type { TopicRegistry } from '../../topics/topic-registry.service.js';
import { MemoryCheckpointStore } from '../core/checkpoint.store.js';
import type { SourceConnector } from '../core/source.port.js';
import { SourceRunner } from '../core/source.runner.js';
import { closeFakeHttpServers, collectPass, fakeHttpServer, readRequestBody, testSourceContext, testTopic } from '../core/testing/source-test-kit.js';
import { VkAuthError } from './vk-api.client.js';
import { VkNewsfeedConnector, vkQueries, type VkNewsfeedCheckpoint } from './vk-newsfeed.connector.js';
import { createVkConnectors, vkEnvSchema } from './vk.connectors.js';

type Reply = { status?: number; headers?: Record<string, string>; json: unknown };

interface FakeVk {
  url: string;
  calls: Array<{ method: string; params: URLSearchParams }>;
  /** Answers queued for the next calls, before the normal handler. */
  inject: Reply[];
  close(): Promise<void>;
}

afterEach(closeFakeHttpServers);

async function fakeVk(handler: (method: string, params: URLSearchParams) => unknown): Promise<FakeVk> {
  const fake: FakeVk = { url: '', calls: [], inject: [], close: async () => undefined };
  const base = await fakeHttpServer((req, res) => {
    void readRequestBody(req).then((raw) => {
      const method = (req.url ?? '').replace(/^\/method\//, '').split('?')[0]!;
      const params = new URLSearchParams(raw);
      fake.calls.push({ method, params });
      const injected = fake.inject.shift();
      const reply: Reply = injected ?? { json: { response: handler(method, params) } };
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.json));
    });
  });
  fake.url = `${base}/method`;
  return fake;
}

const NOW = Date.parse('2026-11-20T12:00:00Z');
const nowSec = NOW / 1000;

interface Post {
  id: number;
  owner_id: number;
  from_id: number;
  date: number;
  text: string;
}

/** newsfeed.search over `posts`: time window, substring match, newest first, offset tokens, VK's 1,000 cap. */
function searchHandler(posts: Post[]) {
  return (method: string, params: URLSearchParams): unknown => {
    expect(method).toBe('newsfeed.search');
    const q = params.get('q')!.replace(/"/g, '').toLowerCase();
    const start = Number(params.get('start_time'));
    const end = Number(params.get('end_time'));
    const count = Number(params.get('count'));
    const matching = posts.filter((p) => p.date >= start && p.date <= end && p.text.toLowerCase().includes(q)).sort((a, b) => b.date - a.date || b.id - a.id);
    const offset = Number(params.get('start_from') ?? 0);
    const reachable = matching.slice(0, 1000);
    const items = reachable.slice(offset, offset + count).map((p) => ({ ...p, likes: { count: 2 }, reposts: { count: 1 }, comments: { count: 0 }, views: { count: 40 } }));
    const next = offset + count < reachable.length ? String(offset + count) : undefined;
    return {
      items,
      profiles: [{ id: 7, first_name: 'Иван', last_name: 'Петров', screen_name: 'ivan' }],
      groups: [{ id: 42, name: 'Клуб абонентов', screen_name: 'subscribers' }],
      count: items.length,
      total_count: matching.length,
      ...(next ? { next_from: next } : {}),
    };
  };
}

const context = (topics: TrackedTopic[]) => testSourceContext(topics, { initialBackoffMs: 5 });

function connector(url: string, now = () => NOW): VkNewsfeedConnector {
  return new VkNewsfeedConnector({ apiUrl: url, accessToken: 'tok', pollIntervalMs: 1000, lookbackSeconds: 24 * 3600, indexLagSeconds: 60, now });
}

function posts(count: number, text: string, newest: number, spacing = 30, firstId = 1): Post[] {
  return Array.from({ length: count }, (_, i) => ({ id: firstId + i, owner_id: -42, from_id: (firstId + i) % 2 ? 7 : -42, date: newest - (count - 1 - i) * spacing, text: `${text} #${firstId + i}` }));
}

describe('vkQueries', () => {
  it('makes one query per keyword, quoting phrases, deduplicated per topic', () => {
    expect(vkQueries([testTopic('t1', ['Билайн', 'мобильный оператор', 'Билайн', 'say "hi"'])]).map((q) => q.q)).toEqual(['Билайн', '"мобильный оператор"', '"say hi"']);
  });
});

describe('VkNewsfeedConnector', () => {
  it('pages with next_from, maps posts, authors and engagement, and sends token and version in a POST body', async () => {
    const data = posts(450, 'Билайн снова', nowSec - 120);
    const vk = await fakeVk(searchHandler(data));
    const { ctx } = context([testTopic('beeline', ['Билайн'])]);
    const store = new MemoryCheckpointStore();
    const items = await collectPass(connector(vk.url), store, ctx);

    expect(items).toHaveLength(450);
    expect(new Set(items.map((i) => i.sourceId)).size).toBe(450);
    expect(vk.calls).toHaveLength(3);
    expect(vk.calls[0]!.params.get('access_token')).toBe('tok');
    expect(vk.calls[0]!.params.get('v')).toBe('5.199');
    expect(vk.calls[0]!.params.get('end_time')).toBe(String(nowSec - 60));
    expect(vk.calls[1]!.params.get('start_from')).toBe('200');
    const newest = items.find((i) => i.sourceId === '-42_450')!;
    expect(newest).toMatchObject({
      source: 'vk',
      url: 'https://vk.com/wall-42_450',
      text: 'Билайн снова #450',
      publishedAt: new Date((nowSec - 120) * 1000).toISOString(),
      engagement: { likes: 2, reposts: 1, comments: 0, views: 40 },
    });
    expect(items.find((i) => i.sourceId === '-42_449')!.author).toEqual({ id: '7', handle: 'ivan', name: 'Иван Петров', url: 'https://vk.com/ivan', followers: undefined });
    expect(newest.author).toMatchObject({ id: '-42', handle: 'subscribers', name: 'Клуб абонентов' });
    expect(store.saved.get('vk-newsfeed')).toEqual({ queries: { 'beeline:Билайн': { until: nowSec - 60 } } });
  });

  it('splits windows above the 1,000 cap so nothing is lost', async () => {
    const data = posts(2600, 'Билайн', nowSec - 61, 20);
    const vk = await fakeVk(searchHandler(data));
    const { ctx } = context([testTopic('beeline', ['Билайн'])]);
    const items = await collectPass(connector(vk.url), new MemoryCheckpointStore(), ctx);
    expect(items).toHaveLength(2600);
    expect(new Set(items.map((i) => i.sourceId)).size).toBe(2600);
  });

  it('resumes after a restart with only the new posts, without gaps or duplicates', async () => {
    const data = posts(30, 'Билайн', nowSec - 300);
    const vk = await fakeVk(searchHandler(data));
    const { ctx } = context([testTopic('beeline', ['Билайн'])]);
    const store = new MemoryCheckpointStore();
    expect(await collectPass(connector(vk.url), store, ctx)).toHaveLength(30);

    // Ten minutes later: new posts, one of them dated inside the lag margin of the previous pass.
    data.push(...posts(5, 'Билайн новое', nowSec + 540, 60, 100));
    const later = () => NOW + 600_000;
    const second = await collectPass(connector(vk.url, later), store, ctx);
    expect(second.map((i) => i.sourceId).sort()).toEqual(['-42_100', '-42_101', '-42_102', '-42_103', '-42_104']);
    expect(vk.calls.at(-1)!.params.get('start_time')).toBe(String(nowSec - 60 + 1));
    expect(await collectPass(connector(vk.url, later), store, ctx)).toEqual([]);
  });

  it('resumes a half-paged window from the saved next_from after a crash', async () => {
    const data = posts(450, 'Билайн', nowSec - 120);
    const vk = await fakeVk(searchHandler(data));
    const { ctx } = context([testTopic('beeline', ['Билайн'])]);
    const store = new MemoryCheckpointStore();
    const c = connector(vk.url);
    const first: RawMentionInput[] = [];
    for await (const batch of c.collect(undefined, ctx)) {
      first.push(...batch.items);
      await store.save(c.name, batch.checkpoint);
      break; // the process dies after the first page is on the bus
    }
    expect(first).toHaveLength(200);
    expect(store.saved.get('vk-newsfeed')).toMatchObject({ queries: { 'beeline:Билайн': { pending: { nextFrom: '200', fetched: 200 } } } });
    const rest = await collectPass(c, store, ctx);
    expect(rest).toHaveLength(250);
    expect(new Set([...first, ...rest].map((i) => i.sourceId)).size).toBe(450);
    expect(vk.calls.at(-2)!.params.get('start_from')).toBe('200');
  });

  it('retries VK error 6, HTTP 500 and HTTP 429 with Retry-After', async () => {
    const vk = await fakeVk(searchHandler(posts(3, 'Билайн', nowSec - 100)));
    vk.inject.push(
      { json: { error: { error_code: 6, error_msg: 'Too many requests per second' } } },
      { status: 500, json: { error: 'boom' } },
      { status: 429, headers: { 'retry-after': '2' }, json: {} },
    );
    const { ctx, sleeps } = context([testTopic('beeline', ['Билайн'])]);
    const items = await collectPass(connector(vk.url), new MemoryCheckpointStore(), ctx);
    expect(items).toHaveLength(3);
    expect(vk.calls).toHaveLength(4);
    expect(sleeps).toContain(2000);
    expect(ctx.http.stats.retries).toBe(3);
  });

  it('fails clearly on an invalid token (error 5) without retrying', async () => {
    const vk = await fakeVk(() => ({}));
    vk.inject.push({ json: { error: { error_code: 5, error_msg: 'User authorization failed: invalid access_token (4).' } } });
    const { ctx } = context([testTopic('beeline', ['Билайн'])]);
    await expect(collectPass(connector(vk.url), new MemoryCheckpointStore(), ctx)).rejects.toThrow(VkAuthError);
    await expect(collectPass(connector(vk.url), new MemoryCheckpointStore(), ctx)).resolves.toEqual([]);
    expect(vk.calls).toHaveLength(2);
  });

  it('skips malformed posts and counts them, keeping the rest', async () => {
    const handler = searchHandler(posts(3, 'Билайн', nowSec - 100));
    const vk = await fakeVk((method, params) => {
      const res = handler(method, params) as { items: unknown[] };
      res.items.push({ id: 'x', text: 'Билайн' }, { id: 9, owner_id: -42, date: 'yesterday', text: 'Билайн' }, 'junk');
      return res;
    });
    const { ctx, skipped } = context([testTopic('beeline', ['Билайн'])]);
    const items = await collectPass(connector(vk.url), new MemoryCheckpointStore(), ctx);
    expect(items).toHaveLength(3);
    expect(skipped).toEqual(['vk post malformed', 'vk post malformed', 'vk post malformed']);
  });

  it('uses the original text for reposts without a comment and the post id as comment parent', async () => {
    const vk = await fakeVk(() => ({
      items: [
        { id: 5, owner_id: 7, from_id: 7, date: nowSec - 100, text: '', copy_history: [{ text: 'Билайн поднял тарифы' }] },
        { id: 6, owner_id: 7, from_id: 7, date: nowSec - 90, text: '' },
      ],
      total_count: 2,
    }));
    const { ctx } = context([testTopic('beeline', ['Билайн'])]);
    const items = await collectPass(connector(vk.url), new MemoryCheckpointStore(), ctx);
    expect(items.map((i) => i.text)).toEqual(['Билайн поднял тарифы']);
    expect(items[0]!.author).toEqual({ id: '7', handle: 'id7', name: 'id7', url: 'https://vk.com/id7' });
  });

  it('runs through SourceRunner.runOnce and publishes once per post across runs', async () => {
    const data = posts(12, 'Билайн', nowSec - 100);
    const vk = await fakeVk(searchHandler(data));
    const { ctx } = context([testTopic('beeline', ['Билайн'])]);
    const published: RawMentionInput[] = [];
    const ingest = { ingest: async (items: RawMentionInput[]) => (published.push(...items), { accepted: items.length, ids: [], rejected: [] }) };
    const store = new MemoryCheckpointStore();
    let clock = NOW;
    const c = connector(vk.url, () => clock);
    const runner = new SourceRunner([c as SourceConnector], {
      ingest: ingest as unknown as IngestService,
      checkpoints: store,
      topics: { active: () => [] } as unknown as TopicRegistry,
      logger: createLogger('test', 'silent'),
      metrics: new PulseMetrics(),
      httpFor: () => ctx.http,
    });
    expect(await runner.runOnce(c as SourceConnector, ctx)).toBe(12);
    data.push(...posts(3, 'Билайн', nowSec + 200, 10, 50));
    clock = NOW + 300_000;
    expect(await runner.runOnce(c as SourceConnector, ctx)).toBe(3);
    expect(new Set(published.map((p) => mentionId('vk', p.sourceId))).size).toBe(15);
    expect((store.saved.get('vk-newsfeed') as VkNewsfeedCheckpoint).queries['beeline:Билайн']!.until).toBe(nowSec + 240);
  });
});

describe('createVkConnectors', () => {
  it('is empty without a token and adds wall watching only with communities', () => {
    expect(createVkConnectors(vkEnvSchema.parse({}))).toEqual([]);
    expect(createVkConnectors(vkEnvSchema.parse({ VK_ACCESS_TOKEN: 't' })).map((c) => c.name)).toEqual(['vk-newsfeed']);
    const both = createVkConnectors(vkEnvSchema.parse({ VK_ACCESS_TOKEN: 't', VK_COMMUNITIES: 'beeline, club42 ,', VK_POLL_INTERVAL_MS: '5000' }));
    expect(both.map((c) => [c.name, c.source, c.pollIntervalMs])).toEqual([
      ['vk-newsfeed', 'vk', 5000],
      ['vk-wall', 'vk', 5000],
    ]);
  });
});
