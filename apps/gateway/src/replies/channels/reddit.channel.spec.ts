import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountOf } from './channel.port.js';
import { RedditChannel, redditWait } from './reddit.channel.js';
import { startFakeReddit, type FakeReddit } from './testing/fake-reddit.api.js';
import { failureOf, inlineSecret, sendContext, sourceMention } from '../testing/reply-fixtures.js';

const CREDS = { clientId: 'script-app-id', clientSecret: 'script-app-secret', username: 'MTS_Support', password: 'brand-password' };
const account = (over: { password?: string; clientSecret?: string } = {}): AccountOf<'reddit'> => ({
  id: 'mts-reddit',
  name: 'МТС на Reddit',
  source: 'reddit',
  topics: ['mts'],
  username: CREDS.username,
  clientId: CREDS.clientId,
  clientSecret: inlineSecret(over.clientSecret ?? CREDS.clientSecret),
  password: inlineSecret(over.password ?? CREDS.password),
});

describe('Reddit channel (POST /api/comment against a fake Reddit API)', () => {
  let reddit: FakeReddit;
  let channel: RedditChannel;
  const post = sourceMention('reddit', 't3_abc123');

  beforeAll(async () => {
    reddit = await startFakeReddit(CREDS);
    channel = new RedditChannel(reddit.url, reddit.url, { timeoutMs: 500 });
  });
  afterAll(() => reddit.close());
  beforeEach(() => {
    reddit.requests.length = 0;
    reddit.state.things.clear();
    reddit.state.things.set('t3_abc123', { name: 't3_abc123', author: 'ivan', body: 'MTS roaming is broken', permalink: '/r/russia/comments/abc123/mts/', createdUtc: 0 });
    reddit.state.ratelimitMinutes = null;
  });

  it('takes post and comment fullnames', () => {
    expect(channel.target(post)).toEqual({ ok: true, target: { thingId: 't3_abc123' } });
    expect(channel.target(sourceMention('reddit', 'abc123'))).toMatchObject({ ok: false });
  });

  it('gets a token by the password grant, then comments with thing_id, text and api_type=json', async () => {
    const posted = await channel.send(account(), { thingId: 't3_abc123' }, 'Hi! Please DM us your number.');
    expect(posted).toEqual({ remoteId: expect.stringMatching(/^t1_/), url: expect.stringMatching(/^https:\/\/www\.reddit\.com\/r\/russia\/comments\/abc123\/mts\/\w+\/$/) });
    const [auth, comment] = reddit.requests;
    expect(auth).toMatchObject({ method: 'POST', path: '/api/v1/access_token', headers: { authorization: `Basic ${Buffer.from('script-app-id:script-app-secret').toString('base64')}` } });
    expect(Object.fromEntries(auth!.form)).toEqual({ grant_type: 'password', username: 'MTS_Support', password: 'brand-password' });
    expect(comment).toMatchObject({ method: 'POST', path: '/api/comment', headers: { authorization: 'Bearer reddit-access-1', 'user-agent': expect.stringContaining('/u/MTS_Support') } });
    expect(Object.fromEntries(comment!.form)).toEqual({ thing_id: 't3_abc123', text: 'Hi! Please DM us your number.', api_type: 'json' });
    // The token is reused until it expires; a revoked one is replaced once.
    reddit.state.revoked.add('reddit-access-1');
    await channel.send(account(), { thingId: 't3_abc123' }, 'Second');
    expect(reddit.requests.map((r) => r.path)).toEqual(['/api/v1/access_token', '/api/comment', '/api/comment', '/api/v1/access_token', '/api/comment']);
  });

  it('after a lost answer, finds its comment among the account’s newest instead of commenting twice', async () => {
    reddit.state.afterStore = 'hang-up';
    expect((await failureOf(channel.send(account(), { thingId: 't3_abc123' }, 'Checking now'))).code).toBe('OUTCOME_UNKNOWN');
    const found = await channel.find(account(), { thingId: 't3_abc123' }, 'Checking now', sendContext(post, 'k', new Date().toISOString()));
    expect(found?.remoteId).toBe([...reddit.state.things.values()].find((t) => t.body === 'Checking now')!.name);
    expect(await channel.find(account(), { thingId: 't3_abc123' }, 'Something else', sendContext(post))).toBeNull();
  });

  it('explains Reddit’s refusals: credentials, deleted post, locked thread, RATELIMIT with the wait', async () => {
    expect(await failureOf(new RedditChannel(reddit.url, reddit.url, { timeoutMs: 500 }).send(account({ password: 'wrong' }), { thingId: 't3_abc123' }, 'x'))).toMatchObject({
      code: 'TOKEN_INVALID',
      message: expect.stringContaining('invalid_grant'),
    });
    expect(await failureOf(channel.send(account(), { thingId: 't3_gone' }, 'x'))).toMatchObject({ code: 'POST_DELETED', message: expect.stringContaining('NO_THING_ID') });
    reddit.state.things.get('t3_abc123')!.locked = true;
    expect(await failureOf(channel.send(account(), { thingId: 't3_abc123' }, 'x'))).toMatchObject({ code: 'REPLIES_CLOSED' });
    reddit.state.things.get('t3_abc123')!.locked = false;
    reddit.state.ratelimitMinutes = 5;
    expect(await failureOf(channel.send(account(), { thingId: 't3_abc123' }, 'x'))).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 300 });
    expect([redditWait('try again in 9 minutes.'), redditWait('try again in 30 seconds'), redditWait('no number')]).toEqual([540, 30, 600]);
  });
});
