import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceConnector } from '../core/source.port.js';
import { closeFakeHttpServers, fakeHttpServer, runnerHarness, testTopic } from '../core/testing/source-test-kit.js';
import { createRedditConnectors, redditEnvSchema, redditQueries, redditHttpOptions, type RedditCheckpoint } from './reddit-search.connector.js';

afterEach(closeFakeHttpServers);

// --- a fake Reddit: newest-first search listing, `after` paging with a small page size ---
interface FakeReddit {
  base: string;
  /** Newest first, like the API. */
  posts: unknown[];
  requests: URL[];
  /** Per request number (1-based): an answer other than the listing. */
  faults: Map<number, (res: ServerResponse) => void>;
  headers: Record<string, string>;
  tokens: number;
}
let clock = 1_780_000_000;
const post = (id: string, extra: Record<string, unknown> = {}) => ({
  kind: 't3',
  data: { id, name: `t3_${id}`, title: `Acme post ${id}`, selftext: `About Acme & co (${id})`, author: `user_${id}`, author_fullname: `t2_${id}`, created_utc: clock++, permalink: `/r/test/comments/${id}/acme/`, ups: 3, num_comments: 1, subreddit: 'test', ...extra },
});
async function fakeReddit(pageSize = 2): Promise<FakeReddit> {
  const state: FakeReddit = { base: '', posts: [], requests: [], faults: new Map(), headers: {}, tokens: 0 };
  state.base = await fakeHttpServer((req, res, url) => {
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/api/v1/access_token') {
      state.tokens++;
      expect(req.method).toBe('POST');
      expect(req.headers.authorization).toBe(`Basic ${Buffer.from('id:secret').toString('base64')}`);
      return res.end(JSON.stringify({ access_token: `token-${state.tokens}`, token_type: 'bearer', expires_in: 86400 }));
    }
    state.requests.push(url);
    const fault = state.faults.get(state.requests.length);
    if (fault) return fault(res);
    for (const [k, v] of Object.entries(state.headers)) res.setHeader(k, v);
    const after = url.searchParams.get('after');
    const start = after ? state.posts.findIndex((p) => (p as { data: { name?: string } }).data?.name === after) + 1 : 0;
    const children = state.posts.slice(start, start + pageSize);
    const last = children.at(-1) as { data?: { name?: string } } | undefined;
    const more = start + pageSize < state.posts.length;
    res.end(JSON.stringify({ kind: 'Listing', data: { children, after: more ? (last?.data?.name ?? null) : null } }));
  });
  return state;
}
/** New posts are newer: they go on top. */
const publish = (reddit: FakeReddit, ...posts: unknown[]) => reddit.posts.unshift(...posts.reverse());

const connector = (reddit: FakeReddit, extra: Record<string, string> = {}, sleeps: number[] = []) =>
  createRedditConnectors(redditEnvSchema.parse({ REDDIT_ENABLED: 'true', REDDIT_API_URL: reddit.base, REDDIT_AUTH_URL: reddit.base, ...extra }), {
    sleep: async (ms) => void sleeps.push(ms),
  })[0]!;

describe('reddit env and factory', () => {
  it('is off unless enabled or given OAuth credentials', () => {
    expect(createRedditConnectors(redditEnvSchema.parse({}))).toEqual([]);
    expect(createRedditConnectors(redditEnvSchema.parse({ REDDIT_ENABLED: 'false', REDDIT_CLIENT_ID: 'a', REDDIT_CLIENT_SECRET: 'b' }))).toEqual([]);
    expect(createRedditConnectors(redditEnvSchema.parse({ REDDIT_CLIENT_ID: 'a', REDDIT_CLIENT_SECRET: 'b' }))).toHaveLength(1);
    expect(() => createRedditConnectors(redditEnvSchema.parse({ REDDIT_CLIENT_ID: 'a' }))).toThrow(/REDDIT_CLIENT_SECRET/);
    expect(redditHttpOptions(redditEnvSchema.parse({})).ratePerSecond).toBe(1);
    expect(redditHttpOptions(redditEnvSchema.parse({ REDDIT_CLIENT_ID: 'a', REDDIT_CLIENT_SECRET: 'b' })).ratePerSecond).toBeCloseTo(1.67, 2);
    expect(redditEnvSchema.parse({ REDDIT_SUBREDDITS: 'r/russia, technology' }).REDDIT_SUBREDDITS).toEqual(['russia', 'technology']);
    // `VAR=` in a compose file means unset, not an invalid value.
    expect(createRedditConnectors(redditEnvSchema.parse({ REDDIT_CLIENT_ID: '', REDDIT_CLIENT_SECRET: '', REDDIT_API_URL: '', REDDIT_MAX_PAGES: '' }))).toEqual([]);
  });

  it('builds OR queries per topic, quoting phrases and splitting at 512 characters', () => {
    expect(redditQueries([testTopic('t', ['Acme', 'Road Runner', 'acme-rockets'])])).toEqual([{ key: 't', q: 'Acme OR "Road Runner" OR acme-rockets' }]);
    const many = redditQueries([testTopic('big', Array.from({ length: 60 }, (_, i) => `keyword${i}x`))]);
    expect(many.map((q) => q.key)).toEqual(['big', 'big#2']);
    expect(many.every((q) => q.q.length <= 512)).toBe(true);
  });
});

describe('RedditSearchConnector', () => {
  it('maps posts, takes only the latest page on the first run, then pages back exactly to the checkpoint', async () => {
    const reddit = await fakeReddit(2);
    publish(reddit, post('a'), post('b'), post('c'));
    const h = runnerHarness();
    const c = connector(reddit);
    expect(await h.run(c)).toBe(2);
    expect(h.published.map((m) => m.sourceId)).toEqual(['t3_c', 't3_b']);
    expect(h.published[0]).toMatchObject({
      source: 'reddit',
      url: 'https://www.reddit.com/r/test/comments/c/acme/',
      text: 'Acme post c\n\nAbout Acme & co (c)',
      author: { id: 't2_c', handle: 'user_c', name: 'user_c', url: 'https://www.reddit.com/user/user_c' },
      engagement: { likes: 3, reposts: 0, comments: 1 },
      topicIds: ['acme'],
    });
    const q = reddit.requests[0]!;
    expect(Object.fromEntries(q.searchParams)).toMatchObject({ q: 'Acme', sort: 'new', limit: '100', raw_json: '1' });
    expect(q.pathname).toBe('/search.json');

    // "Restart": new posts across three pages; a fresh connector resumes from the saved checkpoint.
    publish(reddit, post('d'), post('e'), post('f'), post('g'), post('h'));
    reddit.requests.length = 0;
    expect(await h.run(connector(reddit))).toBe(5);
    expect(h.published.map((m) => m.sourceId).slice(2)).toEqual(['t3_h', 't3_g', 't3_f', 't3_e', 't3_d']);
    expect(reddit.requests.map((u) => u.searchParams.get('after'))).toEqual([null, 't3_g', 't3_e']);
    expect((await h.checkpoints.load<RedditCheckpoint>('reddit-search'))!.queries.acme).toEqual({ createdUtc: clock - 1, names: ['t3_h'] });

    // Nothing new: one request, nothing published.
    expect(await h.run(connector(reddit))).toBe(0);
  });

  it('keeps the old cursor until a walk completes, so a crash mid-walk re-reads without re-publishing', async () => {
    const reddit = await fakeReddit(2);
    publish(reddit, post('a'));
    const h = runnerHarness();
    await h.run(connector(reddit));
    publish(reddit, post('b'), post('c'), post('d'), post('e'));
    const saved = (await h.checkpoints.load<RedditCheckpoint>('reddit-search'))!;
    // Crash after the first page was published and its checkpoint saved.
    const crashing: SourceConnector = {
      name: 'reddit-search',
      source: 'reddit',
      pollIntervalMs: 1,
      async *collect(checkpoint, ctx) {
        for await (const batch of connector(reddit).collect(checkpoint, ctx)) {
          yield batch;
          throw new Error('crash');
        }
      },
    };
    await expect(h.run(crashing)).rejects.toThrow('crash');
    const partial = (await h.checkpoints.load<RedditCheckpoint>('reddit-search'))!.queries.acme!;
    expect(partial).toMatchObject({ createdUtc: saved.queries.acme!.createdUtc, names: ['t3_a'], partial: { published: ['t3_e', 't3_d'] } });

    expect(await h.run(connector(reddit))).toBe(2);
    expect(h.published.map((m) => m.sourceId)).toEqual(['t3_a', 't3_e', 't3_d', 't3_c', 't3_b']);
    expect((await h.checkpoints.load<RedditCheckpoint>('reddit-search'))!.queries.acme).toEqual({ createdUtc: clock - 1, names: ['t3_e'] });
    expect(await h.run(connector(reddit))).toBe(0);
  });

  it('neither loses nor repeats posts sharing the checkpoint second', async () => {
    const reddit = await fakeReddit(10);
    const second = clock++;
    publish(reddit, post('x', { created_utc: second }));
    const h = runnerHarness();
    await h.run(connector(reddit));
    // Indexed late: same second as the checkpoint, not seen before.
    reddit.posts.splice(1, 0, post('y', { created_utc: second }));
    expect(await h.run(connector(reddit))).toBe(1);
    expect(h.published.map((m) => m.sourceId)).toEqual(['t3_x', 't3_y']);
    expect(await h.run(connector(reddit))).toBe(0);
  });

  it('skips malformed posts and non-post children, counting them', async () => {
    const reddit = await fakeReddit(10);
    publish(reddit, post('ok1'), { kind: 't3', data: { id: 'bad', title: 'no name or date' } }, { kind: 't1', data: { id: 'comment' } }, 'garbage', post('ok2', { author: '[deleted]', selftext: '[removed]' }));
    const h = runnerHarness();
    expect(await h.run(connector(reddit))).toBe(2);
    expect(h.skipped.filter((s) => s === 'malformed reddit post')).toHaveLength(3);
    expect(h.published[0]).toMatchObject({ sourceId: 't3_ok2', text: 'Acme post ok2', author: { url: null } });
  });

  it('retries a 500 and a 429 with Retry-After, and waits for x-ratelimit-reset when the window is spent', async () => {
    const reddit = await fakeReddit(1);
    publish(reddit, post('a'));
    reddit.faults.set(1, (res) => {
      res.statusCode = 500;
      res.end('{}');
    });
    reddit.faults.set(2, (res) => {
      res.statusCode = 429;
      res.setHeader('retry-after', '2');
      res.end('{"message": "Too Many Requests"}');
    });
    const h = runnerHarness();
    const pauses: number[] = [];
    const c = connector(reddit, {}, pauses);
    expect(await h.run(c)).toBe(1);
    expect(reddit.requests).toHaveLength(3);
    expect(h.sleeps).toContain(2000);

    // The window is spent after the first page: the second page waits for the reset.
    reddit.headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '42', 'x-ratelimit-used': '100' };
    publish(reddit, post('b'));
    expect(await h.run(c)).toBe(1);
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toBeGreaterThan(40_000);
    expect(pauses[0]).toBeLessThanOrEqual(42_000);
  });

  it('fails the run on a listing that is not JSON, without saving a checkpoint', async () => {
    const reddit = await fakeReddit();
    reddit.faults.set(1, (res) => {
      res.setHeader('content-type', 'text/html');
      res.end('<html>whoa there, pardner!</html>');
    });
    const h = runnerHarness();
    await expect(h.run(connector(reddit))).rejects.toThrow();
    expect(h.checkpoints.saved.size).toBe(0);
  });

  it('uses client-credentials OAuth, restricts to subreddits, and renews the token after a 401', async () => {
    const reddit = await fakeReddit(10);
    publish(reddit, post('a'));
    const seen: (string | undefined)[] = [];
    reddit.faults.set(2, (res) => {
      res.statusCode = 401;
      res.end('{"message": "Unauthorized"}');
    });
    const h = runnerHarness();
    const c = connector(reddit, { REDDIT_CLIENT_ID: 'id', REDDIT_CLIENT_SECRET: 'secret', REDDIT_SUBREDDITS: 'test,acme_fans' });
    await h.run(c);
    publish(reddit, post('b'));
    await h.run(c);
    for (const u of reddit.requests) seen.push(u.pathname + '?' + u.searchParams.get('restrict_sr'));
    expect(seen).toEqual(['/r/test+acme_fans/search.json?1', '/r/test+acme_fans/search.json?1', '/r/test+acme_fans/search.json?1']);
    expect(reddit.tokens).toBe(2);
    expect(h.published.map((m) => m.sourceId)).toEqual(['t3_a', 't3_b']);
  });
});
