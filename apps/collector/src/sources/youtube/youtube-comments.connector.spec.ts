import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../core/http.client.js';
import type { SourceContext } from '../core/source.port.js';
import { closeFakeHttpServers, fakeHttpServer, runnerHarness, testTopic } from '../core/testing/source-test-kit.js';
import { createYoutubeConnectors, searchTerms, youtubeEnvSchema, type YoutubeCheckpoint } from './youtube-comments.connector.js';

afterEach(closeFakeHttpServers);

// --- a fake Data API: commentThreads newest first, searchTerms filter, pageToken paging, quota ---
const CHANNEL = 'UC' + 'a'.repeat(22);
const VIDEO = 'dQw4w9WgXcQ';
interface FakeYoutube {
  base: string;
  /** Per video or channel id, oldest first. */
  threads: Map<string, unknown[]>;
  requests: URL[];
  faults: Map<number, (res: ServerResponse) => void>;
  /** Answer 403 quotaExceeded after this many successful calls. */
  quotaLeft: number;
}
let minute = 0;
const thread = (target: string, text: string, extra: Record<string, unknown> = {}) => {
  const id = `Ug${String(++minute).padStart(4, '0')}`;
  return {
    kind: 'youtube#commentThread',
    id,
    snippet: {
      channelId: CHANNEL,
      videoId: target === CHANNEL ? VIDEO : target,
      totalReplyCount: 4,
      topLevelComment: {
        kind: 'youtube#comment',
        id,
        snippet: {
          textOriginal: text,
          textDisplay: text,
          authorDisplayName: '@viewer',
          authorChannelUrl: 'http://www.youtube.com/@viewer',
          authorChannelId: { value: 'UCviewer0000000000000000' },
          publishedAt: new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString().replace('.000', ''),
          likeCount: 9,
          ...extra,
        },
      },
    },
  };
};
const googleError = (res: ServerResponse, status: number, reason: string) => {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ error: { code: status, message: reason, errors: [{ message: reason, domain: 'youtube.quota', reason }] } }));
};
async function fakeYoutube(pageSize = 2): Promise<FakeYoutube> {
  const state: FakeYoutube = { base: '', threads: new Map(), requests: [], faults: new Map(), quotaLeft: Number.POSITIVE_INFINITY };
  state.base = await fakeHttpServer((_req, res, url) => {
    state.requests.push(url);
    const fault = state.faults.get(state.requests.length);
    if (fault) return fault(res);
    if (url.searchParams.get('key') !== 'test-key') return googleError(res, 400, 'keyInvalid');
    if (state.quotaLeft-- <= 0) return googleError(res, 403, 'quotaExceeded');
    const target = url.searchParams.get('videoId') ?? url.searchParams.get('allThreadsRelatedToChannelId')!;
    const term = (url.searchParams.get('searchTerms') ?? '').toLowerCase();
    const all = [...(state.threads.get(target) ?? [])].reverse() as ReturnType<typeof thread>[];
    const matching = all.filter((t) => JSON.stringify(t).toLowerCase().includes(term));
    const start = Number(url.searchParams.get('pageToken') ?? 0);
    const items = matching.slice(start, start + pageSize);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ kind: 'youtube#commentThreadListResponse', items, ...(start + pageSize < matching.length ? { nextPageToken: String(start + pageSize) } : {}) }));
  });
  return state;
}
const add = (y: FakeYoutube, target: string, ...texts: string[]) => y.threads.set(target, [...(y.threads.get(target) ?? []), ...texts.map((t) => thread(target, t))]);
const connector = (y: FakeYoutube, extra: Record<string, string> = {}, now?: () => number) =>
  createYoutubeConnectors(youtubeEnvSchema.parse({ YOUTUBE_API_KEY: 'test-key', YOUTUBE_API_URL: y.base, YOUTUBE_VIDEO_IDS: VIDEO, ...extra }), now ? { now } : {})[0]!;

describe('youtube env and factory', () => {
  it('is off without a key, refuses a key with nothing to watch, validates ids', () => {
    expect(createYoutubeConnectors(youtubeEnvSchema.parse({ YOUTUBE_VIDEO_IDS: VIDEO }))).toEqual([]);
    expect(() => createYoutubeConnectors(youtubeEnvSchema.parse({ YOUTUBE_API_KEY: 'k' }))).toThrow(/YOUTUBE_CHANNEL_IDS/);
    expect(youtubeEnvSchema.safeParse({ YOUTUBE_CHANNEL_IDS: 'not-a-channel' }).success).toBe(false);
    expect(youtubeEnvSchema.parse({}).YOUTUBE_DAILY_QUOTA).toBe(10_000);
    expect(searchTerms([testTopic('a', ['Acme', 'acme', 'Road Runner'])])).toEqual(['Acme', 'Road Runner']);
  });
});

describe('YoutubeCommentsConnector', () => {
  it('maps comment threads, starts from the latest page, and resumes without gaps or duplicates', async () => {
    const y = await fakeYoutube(2);
    add(y, VIDEO, 'old acme comment', 'Acme is great', 'unrelated', 'Love ACME');
    const h = runnerHarness();
    expect(await h.run(connector(y))).toBe(2);
    expect(h.published.map((m) => m.text)).toEqual(['Love ACME', 'Acme is great']);
    const first = h.published[0]!;
    expect(first).toMatchObject({
      source: 'youtube',
      url: `https://www.youtube.com/watch?v=${VIDEO}&lc=${first.sourceId}`,
      author: { id: 'UCviewer0000000000000000', handle: '@viewer', name: 'viewer', url: 'http://www.youtube.com/@viewer' },
      engagement: { likes: 9, reposts: 0, comments: 4 },
      topicIds: ['acme'],
    });
    expect(Object.fromEntries(y.requests[0]!.searchParams)).toMatchObject({ part: 'snippet', videoId: VIDEO, searchTerms: 'Acme', maxResults: '100', order: 'time', key: 'test-key' });

    add(y, VIDEO, 'acme 1', 'acme 2', 'acme 3', 'acme 4', 'acme 5');
    y.requests.length = 0;
    expect(await h.run(connector(y))).toBe(5);
    expect(h.published.slice(2).map((m) => m.text)).toEqual(['acme 5', 'acme 4', 'acme 3', 'acme 2', 'acme 1']);
    expect(y.requests.map((u) => u.searchParams.get('pageToken'))).toEqual([null, '2', '4']);
    expect(await h.run(connector(y))).toBe(0);
    const cp = (await h.checkpoints.load<YoutubeCheckpoint>('youtube-comments'))!;
    expect(Object.keys(cp.cursors)).toEqual([`video:${VIDEO}|Acme`]);
    expect(cp.quota.used).toBe(1 + 3 + 1);
  });

  it('watches channels with allThreadsRelatedToChannelId, one search per keyword', async () => {
    const y = await fakeYoutube(10);
    add(y, CHANNEL, 'Acme rocks', 'Road Runner wins', 'nothing');
    const h = runnerHarness([testTopic('acme', ['Acme']), testTopic('rr', ['Road Runner'])]);
    expect(await h.run(connector(y, { YOUTUBE_VIDEO_IDS: '', YOUTUBE_CHANNEL_IDS: CHANNEL }))).toBe(2);
    expect(y.requests.map((u) => [u.searchParams.get('allThreadsRelatedToChannelId'), u.searchParams.get('searchTerms')])).toEqual([
      [CHANNEL, 'Acme'],
      [CHANNEL, 'Road Runner'],
    ]);
  });

  it('stops at the daily budget, logs once, and resumes the next UTC day', async () => {
    const y = await fakeYoutube(1);
    add(y, VIDEO, 'acme a');
    let now = Date.parse('2026-03-01T23:00:00Z');
    const h = runnerHarness();
    const c = connector(y, { YOUTUBE_DAILY_QUOTA: '3' }, () => now);
    await h.run(c); // 1 unit
    add(y, VIDEO, 'acme b', 'acme c', 'acme d', 'acme e');
    await h.run(c); // pages back: 2 more units, then the budget stops it
    expect(y.requests).toHaveLength(3);
    const cp = (await h.checkpoints.load<YoutubeCheckpoint>('youtube-comments'))!;
    expect(cp.quota).toEqual({ day: '2026-03-01', used: 3, exhausted: false });
    // The walk did not finish, so the cursor has not moved (nothing is lost); the partial walk is remembered.
    const cursor = cp.cursors[`video:${VIDEO}|Acme`]!;
    expect(cursor.ids).toEqual([h.published[0]!.sourceId]);
    expect(cursor.partial!.published).toEqual([h.published[1]!.sourceId, h.published[2]!.sourceId]);
    await h.run(c);
    expect(y.requests).toHaveLength(3);

    now = Date.parse('2026-03-02T00:05:00Z');
    await h.run(connector(y, { YOUTUBE_DAILY_QUOTA: '10' }, () => now));
    expect(y.requests).toHaveLength(3 + 5);
    // The next day walks the same pages again but publishes only what the cut-short walk had not.
    expect(h.published.map((m) => m.text)).toEqual(['acme a', 'acme e', 'acme d', 'acme c', 'acme b']);
    const done = (await h.checkpoints.load<YoutubeCheckpoint>('youtube-comments'))!.cursors[`video:${VIDEO}|Acme`]!;
    expect(done.partial).toBeUndefined();
    expect(done.ids).toEqual([h.published[1]!.sourceId]);
  });

  it('says once per day that the budget is spent, however many runs hit it', async () => {
    const y = await fakeYoutube(10);
    add(y, VIDEO, 'acme a');
    const warnings: string[] = [];
    const logger = { warn: (_o: unknown, msg: string) => void warnings.push(msg), info: () => undefined, debug: () => undefined } as unknown as SourceContext['logger'];
    const ctx: SourceContext = { topics: () => [testTopic('acme', ['Acme'])], http: new HttpClient({ ratePerSecond: 1000 }), logger, signal: new AbortController().signal, skipped: () => undefined };
    const c = connector(y, { YOUTUBE_DAILY_QUOTA: '1' }, () => Date.parse('2026-03-01T12:00:00Z'));
    let checkpoint: YoutubeCheckpoint | undefined;
    for (let run = 0; run < 3; run++) for await (const batch of c.collect(checkpoint, ctx)) checkpoint = batch.checkpoint as YoutubeCheckpoint;
    expect(y.requests).toHaveLength(1);
    expect(warnings).toEqual(['youtube: daily quota spent; collection resumes after midnight UTC']);
  });

  it('stops for the day on 403 quotaExceeded', async () => {
    const y = await fakeYoutube(10);
    add(y, VIDEO, 'acme a');
    y.quotaLeft = 0;
    const h = runnerHarness();
    let now = Date.parse('2026-03-01T12:00:00Z');
    const c = connector(y, {}, () => now);
    expect(await h.run(c)).toBe(0);
    expect((await h.checkpoints.load<YoutubeCheckpoint>('youtube-comments'))!.quota).toEqual({ day: '2026-03-01', used: 1, exhausted: true });
    await h.run(c);
    await h.run(connector(y, {}, () => now)); // a restart remembers too
    expect(y.requests).toHaveLength(1);
    y.quotaLeft = Number.POSITIVE_INFINITY;
    now = Date.parse('2026-03-02T00:00:01Z');
    expect(await h.run(c)).toBe(1);
  });

  it('skips malformed threads, skips a video with comments disabled, and retries 500 / 429', async () => {
    const y = await fakeYoutube(10);
    const other = 'abcdefghijk';
    add(y, VIDEO, 'acme ok');
    y.threads.set(VIDEO, [...y.threads.get(VIDEO)!, { id: 'x', snippet: { topLevelComment: { id: 'x', snippet: { textOriginal: 'acme', publishedAt: 'yesterday' } } } }, thread(VIDEO, 'acme', { textOriginal: '' })]);
    y.faults.set(1, (res) => googleError(res, 403, 'commentsDisabled'));
    y.faults.set(2, (res) => {
      res.statusCode = 500;
      res.end();
    });
    y.faults.set(3, (res) => {
      res.statusCode = 429;
      res.setHeader('retry-after', '1');
      res.end();
    });
    const h = runnerHarness();
    expect(await h.run(connector(y, { YOUTUBE_VIDEO_IDS: `${other},${VIDEO}` }))).toBe(1);
    expect(h.skipped).toEqual(['youtube comment without text', 'malformed youtube comment thread']);
    expect(h.sleeps).toContain(1000);
  });

  it('fails the run on an invalid key instead of spinning', async () => {
    const y = await fakeYoutube();
    const h = runnerHarness();
    const c = createYoutubeConnectors(youtubeEnvSchema.parse({ YOUTUBE_API_KEY: 'wrong', YOUTUBE_API_URL: y.base, YOUTUBE_VIDEO_IDS: VIDEO }))[0]!;
    await expect(h.run(c)).rejects.toThrow(/HTTP 400/);
  });
});
