import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountOf } from './channel.port.js';
import { startFakeX, type FakeX } from './testing/fake-x.api.js';
import { failureOf, inlineSecret, sendContext, sourceMention } from '../testing/reply-fixtures.js';
import { XChannel } from './x.channel.js';

const WRITE = 'x-user-context-write-token';
const READ = 'x-user-context-read-only-token';
const NOW = Date.parse('2026-03-02T10:05:00.000Z');
const account = (token = WRITE, handle?: string): AccountOf<'twitter'> => ({ id: 'mts-x', name: 'МТС в X', source: 'twitter', topics: ['mts'], token: inlineSecret(token), ...(handle ? { handle } : {}) });

describe('X channel (POST /2/tweets against a fake X API v2)', () => {
  let x: FakeX;
  let channel: XChannel;
  const tweet = sourceMention('twitter', '1850000000000000001');

  beforeAll(async () => {
    x = await startFakeX({ writeToken: WRITE, readToken: READ, user: { id: '777', username: 'mts_support' } });
    channel = new XChannel(x.url, { timeoutMs: 500, now: () => NOW });
  });
  afterAll(() => x.close());
  beforeEach(() => {
    x.requests.length = 0;
    x.state.posts.clear();
    x.state.posts.set('1850000000000000001', { id: '1850000000000000001', text: 'МТС, нет сети', authorId: '5' });
    x.state.rateLimitedUntil = null;
  });

  it('takes numeric post ids only', () => {
    expect(channel.target(tweet)).toEqual({ ok: true, target: { tweetId: '1850000000000000001' } });
    expect(channel.target(sourceMention('twitter', 'abc'))).toMatchObject({ ok: false });
  });

  it('posts the reply with reply.in_reply_to_tweet_id and the user-context Bearer token', async () => {
    const posted = await channel.send(account(WRITE, '@mts_support'), { tweetId: '1850000000000000001' }, 'Здравствуйте! Напишите нам в личные сообщения.');
    expect(posted.url).toBe(`https://x.com/mts_support/status/${posted.remoteId}`);
    const [req] = x.requests;
    expect(req).toMatchObject({ method: 'POST', path: '/2/tweets', headers: { authorization: `Bearer ${WRITE}`, 'content-type': 'application/json' } });
    expect(req!.json).toEqual({ text: 'Здравствуйте! Напишите нам в личные сообщения.', reply: { in_reply_to_tweet_id: '1850000000000000001' } });
    // Without a configured handle the URL comes from GET /2/users/me.
    const second = await channel.send(account(), { tweetId: '1850000000000000001' }, 'Второй ответ');
    expect(second.url).toBe(`https://x.com/mts_support/status/${second.remoteId}`);
  });

  it('after a lost answer, finds the reply it already posted instead of posting again', async () => {
    x.state.afterStore = 'hang-up';
    expect((await failureOf(channel.send(account(), { tweetId: '1850000000000000001' }, 'Проверим и ответим'))).code).toBe('OUTCOME_UNKNOWN');
    const found = await channel.find(account(), { tweetId: '1850000000000000001' }, 'Проверим и ответим', sendContext(tweet));
    const posted = [...x.state.posts.values()].filter((p) => p.text === 'Проверим и ответим');
    expect(posted).toHaveLength(1);
    expect(found).toEqual({ remoteId: posted[0]!.id, url: `https://x.com/mts_support/status/${posted[0]!.id}` });
    expect(await channel.find(account(), { tweetId: '1850000000000000001' }, 'Другой текст', sendContext(tweet))).toBeNull();
    const lookup = x.requests.find((r) => r.path === '/2/users/777/tweets');
    expect(lookup?.query.get('tweet.fields')).toContain('referenced_tweets');
    expect(lookup?.query.get('start_time')).toBe('2026-03-02T10:04:00Z');

    x.state.afterStore = 'http-503';
    expect((await failureOf(channel.send(account(), { tweetId: '1850000000000000001' }, 'Ещё раз'))).code).toBe('OUTCOME_UNKNOWN');
  });

  it('explains X’s refusals: token, scope, deleted post, limited replies, duplicate, rate limit with the reset time', async () => {
    const send = (token = WRITE, tweetId = '1850000000000000001', text = 'Ответ') => failureOf(channel.send(account(token), { tweetId }, text));
    expect(await send('expired')).toMatchObject({ code: 'TOKEN_INVALID' });
    expect(await send(READ)).toMatchObject({ code: 'TOKEN_LACKS_PERMISSION', message: expect.stringContaining('tweet.write') });
    expect(await send(WRITE, '1850000000000000999')).toMatchObject({ code: 'POST_DELETED', message: expect.stringContaining('deleted or not visible') });
    x.state.posts.get('1850000000000000001')!.repliesLimited = true;
    expect(await send()).toMatchObject({ code: 'REPLIES_CLOSED' });
    x.state.posts.get('1850000000000000001')!.repliesLimited = false;
    await channel.send(account(), { tweetId: '1850000000000000001' }, 'Одинаковый текст');
    expect(await send(WRITE, '1850000000000000001', 'Одинаковый текст')).toMatchObject({ code: 'TEXT_REJECTED', message: expect.stringContaining('identical') });
    x.state.rateLimitedUntil = NOW / 1000 + 120;
    expect(await send()).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 120 });
  });
});
