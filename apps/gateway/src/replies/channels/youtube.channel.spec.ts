import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountOf } from './channel.port.js';
import { startFakeYoutube, type FakeYoutube } from './testing/fake-youtube.api.js';
import { failureOf, inlineSecret, sendContext, sourceMention } from '../testing/reply-fixtures.js';
import { YoutubeChannel, secondsUntilPacificMidnight } from './youtube.channel.js';

const OAUTH = { clientId: 'client.apps.googleusercontent.com', clientSecret: 'google-client-secret', refreshToken: '1//refresh-token', channelId: 'UCbrand' };
const NOW = Date.parse('2026-03-02T20:00:00.000Z'); // 12:00 in Los Angeles (PST)
const account = (refreshToken = OAUTH.refreshToken): AccountOf<'youtube'> => ({
  id: 'mts-yt',
  name: 'МТС на YouTube',
  source: 'youtube',
  topics: ['mts'],
  channelId: OAUTH.channelId,
  clientId: OAUTH.clientId,
  clientSecret: inlineSecret(OAUTH.clientSecret),
  refreshToken: inlineSecret(refreshToken),
});

describe('YouTube channel (comments.insert against a fake YouTube Data API)', () => {
  let yt: FakeYoutube;
  let channel: YoutubeChannel;
  const comment = sourceMention('youtube', 'UgxTopLevel', { url: 'https://www.youtube.com/watch?v=vid123&lc=UgxTopLevel' });
  const target = { parentId: 'UgxTopLevel', videoId: 'vid123' };

  beforeAll(async () => {
    yt = await startFakeYoutube(OAUTH);
    channel = new YoutubeChannel(yt.url, `${yt.url}/token`, { timeoutMs: 500, now: () => NOW });
  });
  afterAll(() => yt.close());
  beforeEach(() => {
    yt.requests.length = 0;
    yt.state.comments.clear();
    yt.state.comments.set('UgxTopLevel', { id: 'UgxTopLevel', text: 'МТС, где сигнал?', authorChannelId: 'UCivan', publishedAt: '2026-03-02T09:00:00Z' });
    yt.state.quotaExceeded = false;
  });

  it('answers in the top-level comment’s thread, also for a reply’s id', () => {
    expect(channel.target(comment)).toEqual({ ok: true, target });
    expect(channel.target(sourceMention('youtube', 'UgxTopLevel.8xyz'))).toEqual({ ok: true, target: { parentId: 'UgxTopLevel', videoId: null } });
  });

  it('refreshes the access token, then inserts the reply with snippet.parentId and textOriginal', async () => {
    const posted = await channel.send(account(), target, 'Здравствуйте! Проверим.');
    expect(posted.url).toBe(`https://www.youtube.com/watch?v=vid123&lc=${encodeURIComponent(posted.remoteId)}`);
    const [token, insert] = yt.requests;
    expect(token).toMatchObject({ method: 'POST', path: '/token' });
    expect(Object.fromEntries(token!.form)).toEqual({ client_id: OAUTH.clientId, client_secret: OAUTH.clientSecret, refresh_token: OAUTH.refreshToken, grant_type: 'refresh_token' });
    expect(insert).toMatchObject({ method: 'POST', path: '/comments', headers: { authorization: 'Bearer ya29.fake-1' } });
    expect(insert!.query.get('part')).toBe('snippet');
    expect(insert!.json).toEqual({ snippet: { parentId: 'UgxTopLevel', textOriginal: 'Здравствуйте! Проверим.' } });
  });

  it('after a lost answer or a 500, finds the channel’s reply in the thread instead of posting again', async () => {
    yt.state.afterStore = 'hang-up';
    expect((await failureOf(channel.send(account(), target, 'Один ответ'))).code).toBe('OUTCOME_UNKNOWN');
    const found = await channel.find(account(), target, 'Один ответ', sendContext(comment, 'k', new Date().toISOString()));
    expect(found?.remoteId).toBe([...yt.state.comments.values()].find((c) => c.text === 'Один ответ')!.id);
    expect(yt.requests.at(-1)!.query.get('parentId')).toBe('UgxTopLevel');
    yt.state.afterStore = 'http-500';
    expect((await failureOf(channel.send(account(), target, 'Ещё'))).code).toBe('OUTCOME_UNKNOWN');
  });

  it('explains YouTube’s refusals: refresh token, deleted comment, replies off, text, daily quota until midnight Pacific', async () => {
    expect(await failureOf(new YoutubeChannel(yt.url, `${yt.url}/token`, { timeoutMs: 500 }).send(account('revoked'), target, 'x'))).toMatchObject({
      code: 'TOKEN_INVALID',
      message: expect.stringContaining('invalid_grant'),
    });
    expect(await failureOf(channel.send(account(), { parentId: 'UgxGone', videoId: null }, 'x'))).toMatchObject({ code: 'POST_DELETED', message: expect.stringContaining('parentCommentNotFound') });
    yt.state.comments.get('UgxTopLevel')!.closed = true;
    expect(await failureOf(channel.send(account(), target, 'x'))).toMatchObject({ code: 'REPLIES_CLOSED' });
    yt.state.comments.get('UgxTopLevel')!.closed = false;
    expect(await failureOf(channel.send(account(), target, 'я'.repeat(10_001)))).toMatchObject({ code: 'TEXT_REJECTED', message: expect.stringContaining('commentTextTooLong') });
    yt.state.quotaExceeded = true;
    expect(await failureOf(channel.send(account(), target, 'x'))).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 12 * 3600 });
    expect(secondsUntilPacificMidnight(Date.parse('2026-07-01T06:59:00Z'))).toBe(60); // 23:59 PDT
  });
});
