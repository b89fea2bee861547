import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { closeFakeHttpServers, fakeHttpServer, runnerHarness, testTopic } from '../core/testing/source-test-kit.js';
import { createMastodonConnectors, hashtagsFromTopics, mastodonEnvSchema, type MastodonCheckpoint } from './mastodon-hashtag.connector.js';

afterEach(closeFakeHttpServers);

// --- a fake Mastodon instance: tag timelines with min_id paging + Link headers, and SSE streams ---
interface FakeMastodon {
  base: string;
  tags: Map<string, Record<string, unknown>[]>;
  requests: URL[];
  authorizations: (string | undefined)[];
  faults: Map<number, (res: ServerResponse) => void>;
  headers: Record<string, string>;
  streams: { tag: string; res: ServerResponse }[];
}
let nextId = 95n; // crosses 99 → 100 so a string comparison would go wrong
const status = (text: string, extra: Record<string, unknown> = {}) => {
  const id = String(nextId++);
  return {
    id,
    created_at: '2026-03-01T10:00:00.000Z',
    content: `<p>${text} <a href="https://mastodon.example/tags/acme" class="mention hashtag" rel="tag">#<span>acme</span></a></p><p>line two &amp; more</p>`,
    url: `https://mastodon.example/@ann/${id}`,
    uri: `https://mastodon.example/users/ann/statuses/${id}`,
    in_reply_to_id: null,
    favourites_count: 2,
    reblogs_count: 1,
    replies_count: 0,
    account: { id: '7', acct: 'ann', username: 'ann', display_name: 'Ann', url: 'https://mastodon.example/@ann', followers_count: 12 },
    ...extra,
  };
};
async function fakeMastodon(): Promise<FakeMastodon> {
  const state: FakeMastodon = { base: '', tags: new Map(), requests: [], authorizations: [], faults: new Map(), headers: {}, streams: [] };
  state.base = await fakeHttpServer((req, res, url) => {
    state.authorizations.push(req.headers.authorization);
    if (url.pathname === '/api/v1/streaming/hashtag') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(':)\n\n');
      state.streams.push({ tag: url.searchParams.get('tag')!, res });
      return;
    }
    state.requests.push(url);
    const fault = state.faults.get(state.requests.length);
    if (fault) return fault(res);
    const match = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(url.pathname);
    if (!match) {
      res.statusCode = 404;
      return res.end('{"error":"Record not found"}');
    }
    for (const [k, v] of Object.entries(state.headers)) res.setHeader(k, v);
    const all = state.tags.get(decodeURIComponent(match[1]!)) ?? []; // oldest first
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const minId = url.searchParams.get('min_id');
    const newer = minId ? all.filter((s) => BigInt(s.id as string) > BigInt(minId)) : all;
    const page = (minId ? newer.slice(0, limit) : newer.slice(-limit)).reverse(); // newest first, like the API
    if (page.length > 0) {
      const self = `${state.base}${url.pathname}?limit=${limit}`;
      res.setHeader('link', `<${self}&max_id=${page.at(-1)!.id as string}>; rel="next", <${self}&min_id=${page[0]!.id as string}>; rel="prev"`);
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(page));
  });
  return state;
}
const post = (m: FakeMastodon, tag: string, ...statuses: Record<string, unknown>[]) => m.tags.set(tag, [...(m.tags.get(tag) ?? []), ...statuses]);
const send = (m: FakeMastodon, tag: string, s: unknown) => {
  for (const stream of m.streams.filter((x) => x.tag === tag && !x.res.writableEnded)) stream.res.write(`event: update\ndata: ${JSON.stringify(s)}\n\n`);
};
const connector = (m: FakeMastodon, extra: Record<string, string> = {}, sleeps: number[] = []) =>
  createMastodonConnectors(mastodonEnvSchema.parse({ MASTODON_INSTANCE_URL: m.base, MASTODON_ACCESS_TOKEN: 'tok', MASTODON_PAGE_SIZE: '2', ...extra }), {
    sleep: async (ms) => void sleeps.push(ms),
    reconnectBackoffMs: { initial: 5, max: 20 },
  })[0]!;
const until = async (condition: () => boolean, timeoutMs = 5_000) => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('mastodon env and factory', () => {
  it('is off without an instance URL and derives hashtags from single-word keywords', () => {
    expect(createMastodonConnectors(mastodonEnvSchema.parse({}))).toEqual([]);
    expect(mastodonEnvSchema.parse({ MASTODON_HASHTAGS: '#Acme, roadrunner,acme' }).MASTODON_HASHTAGS).toEqual(['acme', 'roadrunner']);
    expect(mastodonEnvSchema.safeParse({ MASTODON_HASHTAGS: 'two words' }).success).toBe(false);
    expect(hashtagsFromTopics([testTopic('a', ['Acme', 'Road Runner', '#Beeline', 'Билайн', 'acme'])])).toEqual(['acme', 'beeline', 'билайн']);
  });
});

describe('MastodonHashtagConnector (poll)', () => {
  it('maps statuses, starts from the latest page, then pages forward with min_id and resumes after a restart', async () => {
    const m = await fakeMastodon();
    post(m, 'acme', status('Old Acme'), status('Acme one'), status('Acme two'));
    const h = runnerHarness();
    expect(await h.run(connector(m))).toBe(2);
    expect(h.published.map((p) => p.text.split('\n')[0])).toEqual(['Acme one #acme', 'Acme two #acme']);
    expect(h.published[0]).toMatchObject({
      source: 'mastodon',
      sourceId: `${new URL(m.base).host}:96`,
      url: 'https://mastodon.example/@ann/96',
      text: 'Acme one #acme\nline two & more',
      publishedAt: '2026-03-01T10:00:00.000Z',
      author: { id: 'https://mastodon.example/@ann', handle: `ann@${new URL(m.base).host}`, name: 'Ann', url: 'https://mastodon.example/@ann', followers: 12 },
      engagement: { likes: 2, reposts: 1, comments: 0 },
    });
    expect(m.authorizations[0]).toBe('Bearer tok');
    expect((await h.checkpoints.load<MastodonCheckpoint>('mastodon-hashtags'))!.hashtags).toEqual({ acme: '97' });

    // While "down", five more statuses: ids cross 99 → 100.
    post(m, 'acme', status('Acme 3'), status('Acme 4'), status('Acme 5'), status('Acme 6'), status('Acme 7'));
    m.requests.length = 0;
    expect(await h.run(connector(m))).toBe(5);
    expect(h.published.slice(2).map((p) => p.text.split(' #')[0])).toEqual(['Acme 3', 'Acme 4', 'Acme 5', 'Acme 6', 'Acme 7']);
    expect(m.requests.map((u) => u.searchParams.get('min_id'))).toEqual(['97', '99', '101']);
    expect((await h.checkpoints.load<MastodonCheckpoint>('mastodon-hashtags'))!.hashtags).toEqual({ acme: '102' });
    expect(await h.run(connector(m))).toBe(0);
  });

  it('follows several hashtags, each with its own cursor', async () => {
    const m = await fakeMastodon();
    post(m, 'acme', status('Acme a'));
    post(m, 'roadrunner', status('Acme rr'));
    const h = runnerHarness();
    await h.run(connector(m, { MASTODON_HASHTAGS: 'acme,roadrunner' }));
    const cp = (await h.checkpoints.load<MastodonCheckpoint>('mastodon-hashtags'))!;
    expect(Object.keys(cp.hashtags).sort()).toEqual(['acme', 'roadrunner']);
    expect(h.published).toHaveLength(2);
  });

  it('skips malformed statuses and boosts, counting them, and still advances past them', async () => {
    const m = await fakeMastodon();
    post(m, 'acme', status('seed'));
    const h = runnerHarness();
    await h.run(connector(m));
    post(m, 'acme', { id: String(nextId++), content: 'no account' }, status('', { content: '' }), status('boost', { reblog: { id: '1' } }), status('Acme fine', { in_reply_to_id: '95' }));
    expect(await h.run(connector(m))).toBe(1);
    expect(h.skipped).toHaveLength(3);
    expect(h.skipped.map((r) => r.split(':')[0]).sort()).toEqual(['malformed mastodon status', 'mastodon boost (the original is collected on its own)', 'mastodon status without text (media only)']);
    expect(h.published.at(-1)!.parentId).toMatch(/^mastodon:/);
    expect(await h.run(connector(m))).toBe(0);
  });

  it('retries a 500 and a 429 with Retry-After, and waits out a spent X-RateLimit window', async () => {
    const m = await fakeMastodon();
    post(m, 'acme', status('Acme a'));
    m.faults.set(1, (res) => {
      res.statusCode = 500;
      res.end();
    });
    m.faults.set(2, (res) => {
      res.statusCode = 429;
      res.setHeader('retry-after', '3');
      res.end('{"error":"Too many requests"}');
    });
    const h = runnerHarness();
    const pauses: number[] = [];
    const c = connector(m, {}, pauses);
    expect(await h.run(c)).toBe(1);
    expect(h.sleeps).toContain(3000);
    m.headers = { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': new Date(Date.now() + 60_000).toISOString() };
    await h.run(c);
    m.headers = {};
    await h.run(c);
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toBeGreaterThan(50_000);
  });
});

describe('MastodonHashtagConnector (stream)', () => {
  it('catches up over REST, streams updates in batches, reconnects after a drop, and stops on abort', async () => {
    const m = await fakeMastodon();
    post(m, 'acme', status('Acme before'));
    const h = runnerHarness();
    const abort = new AbortController();
    const c = connector(m, { MASTODON_MODE: 'stream', MASTODON_STREAM_FLUSH_MS: '20' });
    const run = h.run(c, abort.signal);

    await until(() => m.streams.length === 1 && h.published.length === 1);
    const live = status('Acme live');
    post(m, 'acme', live);
    send(m, 'acme', live);
    m.streams[0]!.res.write('event: delete\ndata: 42\n\n');
    m.streams[0]!.res.write('event: update\ndata: {not json\n\n');
    await until(() => h.published.length === 2);

    // The server drops the stream; a status posted meanwhile arrives through the catch-up.
    m.streams[0]!.res.end();
    const missed = status('Acme while reconnecting');
    post(m, 'acme', missed);
    await until(() => m.streams.length === 2 && h.published.length === 3);
    send(m, 'acme', missed); // the reopened stream repeats it: not published twice
    const after = status('Acme after');
    post(m, 'acme', after);
    send(m, 'acme', after);
    await until(() => h.published.length === 4);

    abort.abort();
    await run;
    expect(h.published.map((p) => p.text.split(' #')[0])).toEqual(['Acme before', 'Acme live', 'Acme while reconnecting', 'Acme after']);
    expect(h.skipped).toEqual(['mastodon stream event is not JSON']);
    expect((await h.checkpoints.load<MastodonCheckpoint>('mastodon-hashtags'))!.hashtags.acme).toBe(after.id);

    // Restart in poll mode from the stream's checkpoint: nothing is repeated.
    expect(await h.run(connector(m))).toBe(0);
  });
});
