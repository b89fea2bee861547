import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountOf } from './channel.port.js';
import { MastodonChannel, withMention } from './mastodon.channel.js';
import { startFakeMastodon, type FakeMastodon } from './testing/fake-mastodon.api.js';
import { failureOf, inlineSecret, sendContext, sourceMention } from '../testing/reply-fixtures.js';

const TOKEN = 'mastodon-write-token';
const NOW = Date.parse('2026-03-02T10:05:00.000Z');

describe('Mastodon channel (POST /api/v1/statuses against a fake instance)', () => {
  let instance: FakeMastodon;
  let channel: MastodonChannel;
  let account: (token?: string) => AccountOf<'mastodon'>;
  let local: string;
  const author = { id: 'https://mastodon.social/@ivan', handle: 'ivan@mastodon.social', name: 'Иван', url: null };

  beforeAll(async () => {
    instance = await startFakeMastodon({ token: TOKEN, readOnlyToken: 'read-only', account: 'mts' });
    local = new URL(instance.url).host;
    channel = new MastodonChannel({ timeoutMs: 500, now: () => NOW });
    account = (token = TOKEN) => ({ id: 'mts-masto', name: 'МТС', source: 'mastodon', topics: ['mts'], instanceUrl: instance.url, token: inlineSecret(token) });
  });
  afterAll(() => instance.close());
  beforeEach(() => {
    instance.requests.length = 0;
    instance.state.statuses.clear();
    instance.state.statuses.set('1', { id: '1', url: 'https://mastodon.social/@ivan/111', text: 'МТС, нет связи' });
    instance.state.rateLimitedUntil = null;
  });

  it('reads {host}:{id} sourceIds and mentions the author unless the text already does', () => {
    const m = sourceMention('mastodon', 'mastodon.social:111', { url: 'https://mastodon.social/@ivan/111', author });
    expect(channel.target(m)).toEqual({ ok: true, target: { host: 'mastodon.social', statusId: '111', url: 'https://mastodon.social/@ivan/111' } });
    expect(withMention('Здравствуйте!', 'ivan@mastodon.social')).toBe('@ivan@mastodon.social Здравствуйте!');
    expect(withMention('@ivan, здравствуйте!', 'ivan@mastodon.social')).toBe('@ivan, здравствуйте!');
  });

  it('replies by id on the same instance, with an Idempotency-Key and the Bearer token', async () => {
    const m = sourceMention('mastodon', `${local}:1`, { author });
    const posted = await channel.send(account(), { host: local, statusId: '1', url: null }, 'Здравствуйте!', sendContext(m, 'key-a'));
    expect(posted.url).toBe(`${instance.url}/@mts/${posted.remoteId}`);
    const [req] = instance.requests;
    expect(req).toMatchObject({ method: 'POST', path: '/api/v1/statuses', headers: { authorization: `Bearer ${TOKEN}`, 'idempotency-key': expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(req!.json).toEqual({ status: '@ivan@mastodon.social Здравствуйте!', in_reply_to_id: '1' });
  });

  it('looks a status read on another instance up by URL first', async () => {
    const m = sourceMention('mastodon', 'mastodon.social:111', { url: 'https://mastodon.social/@ivan/111', author });
    const target = channel.target(m);
    const posted = await channel.send(account(), target.ok ? target.target : (undefined as never), 'Ответ', sendContext(m));
    expect(instance.searches).toEqual(['https://mastodon.social/@ivan/111']);
    expect(instance.requests[0]!.query.get('resolve')).toBe('true');
    expect(instance.state.statuses.get(posted.remoteId)?.inReplyTo).toBe('1');
    const gone = { host: 'mastodon.social', statusId: '999', url: 'https://mastodon.social/@ivan/999' };
    expect(await failureOf(channel.send(account(), gone, 'Ответ', sendContext(m)))).toMatchObject({ code: 'POST_DELETED', message: expect.stringContaining('cannot find the status') });
  });

  it('a retry with the same key after a lost answer gets the status already created, not a second one', async () => {
    const m = sourceMention('mastodon', `${local}:1`, { author });
    instance.state.afterStore = 'hang-up';
    expect((await failureOf(channel.send(account(), { host: local, statusId: '1', url: null }, 'Один раз', sendContext(m, 'k')))).code).toBe('OUTCOME_UNKNOWN');
    const again = await channel.send(account(), { host: local, statusId: '1', url: null }, 'Один раз', sendContext(m, 'k'));
    expect([...instance.state.statuses.values()].filter((s) => s.text.endsWith('Один раз'))).toHaveLength(1);
    expect(instance.state.statuses.get(again.remoteId)?.text).toBe('@ivan@mastodon.social Один раз');
  });

  it('explains the instance’s refusals: token, scope, deleted status, text limit, rate limit', async () => {
    const m = sourceMention('mastodon', `${local}:1`, { author });
    const send = (token = TOKEN, statusId = '1', text = 'Ответ') => failureOf(channel.send(account(token), { host: local, statusId, url: null }, text, sendContext(m, `k-${Math.random()}`)));
    expect(await send('revoked')).toMatchObject({ code: 'TOKEN_INVALID', message: expect.stringContaining('The access token is invalid') });
    expect(await send('read-only')).toMatchObject({ code: 'TOKEN_LACKS_PERMISSION', message: expect.stringContaining('outside the authorized scopes') });
    instance.state.statuses.get('1')!.deleted = true;
    expect(await send()).toMatchObject({ code: 'POST_DELETED' });
    instance.state.statuses.get('1')!.deleted = false;
    expect(await send(TOKEN, '1', 'д'.repeat(501))).toMatchObject({ code: 'TEXT_REJECTED', message: expect.stringContaining('character limit of 500') });
    instance.state.rateLimitedUntil = new Date(NOW + 90_000).toISOString();
    expect(await send()).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 90 });
  });
});
