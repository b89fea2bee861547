import { mentionId, type RawMentionInput, type TrackedTopic } from '@pulse/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryCheckpointStore } from '../core/checkpoint.store.js';
import { closeFakeHttpServers, collectPass, fakeHttpServer, testSourceContext, testTopic } from '../core/testing/source-test-kit.js';
import { tweetIdTime, xRateLimitFetch } from './x-api.client.js';
import { buildXQueries } from './x-query.builder.js';
import { XSearchConnector, type XSearchCheckpoint } from './x-search.connector.js';
import { createXConnectors, xEnvSchema, xHttpOptions } from './x.connectors.js';

afterEach(closeFakeHttpServers);

const NOW = Date.parse('2026-11-20T12:00:00Z');
const EPOCH = 1288834974657n;
const tweetId = (ms: number, seq = 0) => String(((BigInt(ms) - EPOCH) << 22n) + BigInt(seq));

interface Tweet {
  id: string;
  text: string;
  created_at: string;
  author_id: string;
  [key: string]: unknown;
}

/** Recent search over `tweets`: OR terms, since_id / start_time, newest first, next_token paging. */
class FakeX {
  tweets: Tweet[] = [];
  readonly requests: URL[] = [];
  readonly inject: Array<{ status: number; headers?: Record<string, string>; body?: unknown }> = [];
  headers: Record<string, string> = {};
  extra: unknown[] = [];
  url = '';

  async start(): Promise<this> {
    this.url = await fakeHttpServer((req, res) => {
      const url = new URL(req.url ?? '', 'http://x');
      this.requests.push(url);
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== 'Bearer bearer-1') return reply(401, { title: 'Unauthorized' });
      const injected = this.inject.shift();
      if (injected) return reply(injected.status, injected.body ?? { title: 'Error' }, injected.headers);
      if (url.pathname !== '/2/tweets/search/recent') return reply(404, {});
      const query = url.searchParams.get('query')!;
      const terms = query
        .replace(/ -is:retweet$/, '')
        .replace(/^\(|\)$/g, '')
        .split(' OR ')
        .map((t) => t.replace(/"/g, '').toLowerCase());
      const since = url.searchParams.get('since_id');
      const start = url.searchParams.get('start_time');
      const token = url.searchParams.get('next_token');
      if (token === 'expired') return reply(400, { title: 'Invalid Request', detail: 'invalid pagination token' });
      const matching = this.tweets
        .filter((t) => terms.some((term) => t.text.toLowerCase().includes(term)))
        .filter((t) => (since ? BigInt(t.id) > BigInt(since) : true) && (start ? t.created_at >= start : true))
        .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
      const offset = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
      const size = Number(url.searchParams.get('max_results'));
      const data = matching.slice(offset, offset + size);
      const next = offset + size < matching.length ? Buffer.from(String(offset + size)).toString('base64url') : undefined;
      const users = [...new Set(data.map((t) => t.author_id))].filter((id) => id !== 'ghost').map((id) => ({ id, username: `user_${id}`, name: `Пользователь ${id}`, public_metrics: { followers_count: Number(id) * 10 } }));
      reply(
        200,
        data.length === 0
          ? { meta: { result_count: 0 } }
          : { data: [...data, ...(offset === 0 ? this.extra : [])], includes: { users }, meta: { newest_id: data[0]!.id, oldest_id: data.at(-1)!.id, result_count: data.length, ...(next ? { next_token: next } : {}) } },
        { 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '449', 'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 900), ...this.headers },
      );
    });
    return this;
  }

  add(count: number, text: string, newestMs: number, spacingMs = 60_000, author = '1'): Tweet[] {
    const added = Array.from({ length: count }, (_, i) => {
      const ms = newestMs - (count - 1 - i) * spacingMs;
      return { id: tweetId(ms, i % 4096), text: `${text} ${i}`, created_at: new Date(ms).toISOString(), author_id: author, public_metrics: { like_count: 3, retweet_count: 1, quote_count: 1, reply_count: 2, impression_count: 100 }, lang: 'ru' };
    });
    this.tweets.push(...added);
    return added;
  }
}

// X's own HTTP options (its rate-limit-aware fetch included), minus the real rate and backoff.
const context = (topics: TrackedTopic[]) => testSourceContext(topics, { ...xHttpOptions(xEnvSchema.parse({})), ratePerSecond: 10_000, initialBackoffMs: 3 });

function connector(url: string, extra: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {}): XSearchConnector {
  return new XSearchConnector({ apiUrl: url, bearerToken: 'bearer-1', pollIntervalMs: 1000, lookbackMs: 24 * 3600_000, maxLength: 512, includeRetweets: false, now: () => NOW, ...extra });
}

const beeline = [testTopic('beeline', ['Билайн', 'beeline'])];

describe('buildXQueries', () => {
  it('OR-joins keywords, quotes phrases and operator words, and splits at the length limit', () => {
    const { queries } = buildXQueries([testTopic('t', ['Билайн', 'мобильный "оператор"', 'OR', '#beeline'])], { maxLength: 512, includeRetweets: false });
    expect(queries.map((q) => q.query)).toEqual(['(Билайн OR "мобильный оператор" OR "OR" OR #beeline) -is:retweet']);

    const many = Array.from({ length: 60 }, (_, i) => `ключевое слово ${i}`);
    const split = buildXQueries([testTopic('t', many), testTopic('u', ['x'.repeat(600)])], { maxLength: 512, includeRetweets: true });
    expect(split.queries.length).toBeGreaterThan(1);
    for (const q of split.queries) expect(q.query.length).toBeLessThanOrEqual(512);
    expect(split.queries.flatMap((q) => q.query.slice(1, -1).split(' OR '))).toHaveLength(60);
    expect(split.dropped).toEqual(['x'.repeat(600)]);
    expect(new Set(split.queries.map((q) => q.key)).size).toBe(split.queries.length);
  });
});

describe('XSearchConnector', () => {
  it('pages with next_token, maps tweets and users, and starts a new query at the lookback', async () => {
    const x = await new FakeX().start();
    x.add(250, 'Билайн тормозит', NOW - 60_000);
    x.tweets.push({ id: tweetId(NOW - 30_000), text: 'beeline short', note_tweet: { text: 'Длинный пост про beeline, полностью' }, created_at: new Date(NOW - 30_000).toISOString(), author_id: 'ghost', referenced_tweets: [{ type: 'replied_to', id: '123' }], lang: 'qme' });
    const { ctx } = context(beeline);
    const store = new MemoryCheckpointStore();
    const items = await collectPass(connector(x.url), store, ctx);

    expect(items).toHaveLength(251);
    expect(new Set(items.map((i) => i.sourceId)).size).toBe(251);
    expect(x.requests).toHaveLength(3);
    expect(x.requests[0]!.searchParams.get('query')).toBe('(Билайн OR beeline) -is:retweet');
    expect(x.requests[0]!.searchParams.get('start_time')).toBe(new Date(NOW - 24 * 3600_000).toISOString());
    expect(x.requests[0]!.searchParams.get('tweet.fields')).toContain('public_metrics');
    expect(x.requests[0]!.searchParams.get('expansions')).toBe('author_id');
    expect(x.requests[1]!.searchParams.get('next_token')).toBeTruthy();
    const long = items[0]!;
    expect(long).toMatchObject({ source: 'twitter', text: 'Длинный пост про beeline, полностью', url: `https://x.com/i/web/status/${long.sourceId}`, parentId: mentionId('twitter', '123'), author: { id: 'ghost', url: null } });
    expect(long.language).toBeUndefined();
    expect(items[1]).toMatchObject({
      url: `https://x.com/user_1/status/${items[1]!.sourceId}`,
      language: 'ru',
      author: { id: '1', handle: 'user_1', name: 'Пользователь 1', url: 'https://x.com/user_1', followers: 10 },
      engagement: { likes: 3, reposts: 2, comments: 2, views: 100 },
    });
    const saved = store.saved.get('x-search') as XSearchCheckpoint;
    expect(Object.values(saved.queries)).toEqual([{ sinceId: long.sourceId }]);
  });

  it('resumes after a restart with only new tweets via since_id', async () => {
    const x = await new FakeX().start();
    x.add(20, 'beeline', NOW - 600_000);
    const { ctx } = context(beeline);
    const store = new MemoryCheckpointStore();
    expect(await collectPass(connector(x.url), store, ctx)).toHaveLength(20);
    const newest = x.tweets.at(-1)!.id;

    const fresh = x.add(5, 'Билайн', NOW + 60_000, 1000, '2');
    const later = { now: () => NOW + 120_000 };
    const second = await collectPass(connector(x.url, later), store, ctx);
    expect(second.map((i) => i.sourceId).sort()).toEqual(fresh.map((t) => t.id).sort());
    expect(x.requests.at(-1)!.searchParams.get('since_id')).toBe(newest);
    expect(await collectPass(connector(x.url, later), store, ctx)).toEqual([]);
  });

  it('continues a half-paged query from the saved next_token after a crash', async () => {
    const x = await new FakeX().start();
    x.add(250, 'beeline', NOW - 60_000);
    const { ctx } = context(beeline);
    const store = new MemoryCheckpointStore();
    const c = connector(x.url);
    const first: RawMentionInput[] = [];
    for await (const batch of c.collect(undefined, ctx)) {
      first.push(...batch.items);
      await store.save(c.name, batch.checkpoint);
      break;
    }
    const rest = await collectPass(c, store, ctx);
    expect(first).toHaveLength(100);
    expect(rest).toHaveLength(150);
    expect(new Set([...first, ...rest].map((i) => i.sourceId)).size).toBe(250);
    expect(Object.values((store.saved.get('x-search') as XSearchCheckpoint).queries)).toEqual([{ sinceId: x.tweets.at(-1)!.id }]);
  });

  it('restarts a query when X rejects the saved next_token', async () => {
    const x = await new FakeX().start();
    const [old] = x.add(1, 'beeline', NOW - 3600_000);
    const fresh = x.add(3, 'beeline новое', NOW - 60_000);
    const { ctx } = context(beeline);
    const key = buildXQueries(beeline, { maxLength: 512, includeRetweets: false }).queries[0]!.key;
    const store = new MemoryCheckpointStore();
    await store.save('x-search', { queries: { [key]: { paging: { nextToken: 'expired', newestId: fresh[2]!.id, sinceId: old!.id } } } } satisfies XSearchCheckpoint);
    const items = await collectPass(connector(x.url), store, ctx);
    expect(items.map((i) => i.sourceId).sort()).toEqual(fresh.map((t) => t.id).sort());
  });

  it('waits until x-rate-limit-reset on 429, retries a 500, and pauses when a window is used up', async () => {
    const x = await new FakeX().start();
    // This test runs on the real clock (the reset headers are real epoch seconds).
    x.add(3, 'beeline', Date.now() - 60_000);
    const reset = Math.floor(Date.now() / 1000) + 120;
    x.inject.push({ status: 429, headers: { 'x-rate-limit-reset': String(reset), 'x-rate-limit-remaining': '0' } }, { status: 503 });
    const { ctx, sleeps } = context([testTopic('a', ['beeline']), testTopic('b', ['Билайн'])]);
    x.headers = { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 300) };
    const paused: number[] = [];
    const items = await collectPass(connector(x.url, { now: Date.now, sleep: async (ms) => void paused.push(ms) }), new MemoryCheckpointStore(), ctx);
    expect(items).toHaveLength(3);
    const waited = sleeps.find((ms) => ms > 60_000)!;
    expect(waited).toBeGreaterThan(115_000);
    expect(waited).toBeLessThan(125_000);
    expect(ctx.http.stats.retries).toBe(2);
    // The first answer said the window is exhausted: the second query waits for its reset first.
    expect(paused).toHaveLength(1);
    expect(paused[0]).toBeGreaterThan(290_000);
  });

  it('skips malformed tweets, counting them', async () => {
    const x = await new FakeX().start();
    x.add(2, 'beeline', NOW - 60_000);
    x.extra = [{ id: 'abc', text: 'beeline' }, { id: tweetId(NOW - 1000), text: 'beeline', author_id: '1', created_at: 'вчера' }, null];
    const { ctx, skipped } = context(beeline);
    expect(await collectPass(connector(x.url), new MemoryCheckpointStore(), ctx)).toHaveLength(2);
    expect(skipped).toEqual(['x tweet malformed', 'x tweet malformed', 'x tweet malformed']);
  });

  it('replaces a since_id older than the 7-day window by the window start', async () => {
    const x = await new FakeX().start();
    const { ctx } = context(beeline);
    const key = buildXQueries(beeline, { maxLength: 512, includeRetweets: false }).queries[0]!.key;
    const store = new MemoryCheckpointStore();
    const stale = tweetId(NOW - 9 * 24 * 3600_000);
    expect(tweetIdTime(stale)).toBe(NOW - 9 * 24 * 3600_000);
    await store.save('x-search', { queries: { [key]: { sinceId: stale } } });
    await collectPass(connector(x.url), store, ctx);
    expect(x.requests[0]!.searchParams.get('since_id')).toBeNull();
    expect(Date.parse(x.requests[0]!.searchParams.get('start_time')!)).toBeGreaterThan(NOW - 7 * 24 * 3600_000);
    // Nothing found: the next poll starts shortly before this one, not from the stale id.
    expect(Object.values((store.saved.get('x-search') as XSearchCheckpoint).queries)).toEqual([{ startTime: new Date(NOW - 60_000).toISOString() }]);
  });
});

describe('createXConnectors', () => {
  it('is empty without a bearer token and picks the mode', () => {
    expect(createXConnectors(xEnvSchema.parse({}))).toEqual([]);
    expect(createXConnectors(xEnvSchema.parse({ X_BEARER_TOKEN: 'b' })).map((c) => [c.name, c.source])).toEqual([['x-search', 'twitter']]);
    expect(createXConnectors(xEnvSchema.parse({ X_BEARER_TOKEN: 'b', X_MODE: 'stream' })).map((c) => c.name)).toEqual(['x-stream']);
    expect(() => xEnvSchema.parse({ X_MODE: 'firehose' })).toThrow();
  });

  it('turns a 429 with x-rate-limit-reset into a wait until the reset', async () => {
    const fake = (async () => new Response('{}', { status: 429, headers: { 'x-rate-limit-reset': String(NOW / 1000 + 30) } })) as typeof fetch;
    await expect(xRateLimitFetch(fake, () => NOW)('http://x')).rejects.toMatchObject({ name: 'RetryableSourceError', retryAfterMs: 31_000 });
  });
});
