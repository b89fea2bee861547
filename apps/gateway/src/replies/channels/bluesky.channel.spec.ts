import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BlueskyChannel, replyRecordKey } from './bluesky.channel.js';
import type { AccountOf } from './channel.port.js';
import { fakeCid, startFakeBluesky, type FakeBluesky } from './testing/fake-bluesky.api.js';
import { failureOf, inlineSecret, sendContext, sourceMention } from '../testing/reply-fixtures.js';

const BRAND = { handle: 'mts.bsky.social', did: 'did:plc:brand', appPassword: 'abcd-efgh-ijkl-mnop' };
const ROOT = 'at://did:plc:ivan/app.bsky.feed.post/3kroot';
const PARENT = 'at://did:plc:olga/app.bsky.feed.post/3kparent';
const NOW = Date.parse('2026-03-02T10:05:00.000Z');

describe('Bluesky channel (createRecord with reply refs against a fake PDS)', () => {
  let pds: FakeBluesky;
  let channel: BlueskyChannel;
  let account: (password?: string) => AccountOf<'bluesky'>;
  const mention = sourceMention('bluesky', PARENT);

  beforeAll(async () => {
    pds = await startFakeBluesky(BRAND);
    channel = new BlueskyChannel({ timeoutMs: 500, now: () => NOW });
    account = (password = BRAND.appPassword) => ({ id: 'mts-bsky', name: 'МТС', source: 'bluesky', topics: ['mts'], handle: BRAND.handle, appPassword: inlineSecret(password), pdsUrl: pds.url });
  });
  afterAll(() => pds.close());
  beforeEach(() => {
    pds.requests.length = 0;
    pds.state.records.clear();
    const root = { $type: 'app.bsky.feed.post', text: 'МТС, нет сети', createdAt: '2026-03-02T09:00:00Z' };
    pds.state.records.set(ROOT, { cid: fakeCid(root), value: root });
    const parent = { $type: 'app.bsky.feed.post', text: 'у меня тоже', createdAt: '2026-03-02T09:10:00Z', reply: { root: { uri: ROOT, cid: fakeCid(root) }, parent: { uri: ROOT, cid: fakeCid(root) } } };
    pds.state.records.set(PARENT, { cid: fakeCid(parent), value: parent });
    pds.state.rateLimitedUntil = null;
  });

  it('derives a stable TID record key per reply', () => {
    const key = replyRecordKey('2026-03-02T10:05:00.000Z', 'k1');
    expect(key).toMatch(/^[234567a-z]{13}$/);
    expect(replyRecordKey('2026-03-02T10:05:00.000Z', 'k1')).toBe(key);
    expect(replyRecordKey('2026-03-02T10:05:00.000Z', 'k2')).not.toBe(key);
    expect(channel.target(mention)).toEqual({ ok: true, target: { uri: PARENT, repo: 'did:plc:olga', rkey: '3kparent' } });
  });

  it('logs in with the app password and creates a post whose reply refs name the parent and the thread root', async () => {
    const target = channel.target(mention);
    const posted = await channel.send(account(), target.ok ? target.target : (undefined as never), 'Здравствуйте!', sendContext(mention, 'k1'));
    const rkey = replyRecordKey('2026-03-02T10:05:00.000Z', 'k1');
    expect(posted).toEqual({ remoteId: `at://${BRAND.did}/app.bsky.feed.post/${rkey}`, url: `https://bsky.app/profile/${BRAND.handle}/post/${rkey}` });
    const create = pds.requests.find((r) => r.path === '/xrpc/com.atproto.repo.createRecord')!;
    expect(pds.requests[0]).toMatchObject({ path: '/xrpc/com.atproto.server.createSession', json: { identifier: BRAND.handle, password: BRAND.appPassword } });
    expect(create.headers.authorization).toBe('Bearer access-jwt-1');
    expect(create.json).toEqual({
      repo: BRAND.did,
      collection: 'app.bsky.feed.post',
      rkey,
      record: {
        $type: 'app.bsky.feed.post',
        text: 'Здравствуйте!',
        createdAt: '2026-03-02T10:05:00.000Z',
        langs: ['ru'],
        reply: { root: { uri: ROOT, cid: pds.state.records.get(ROOT)!.cid }, parent: { uri: PARENT, cid: pds.state.records.get(PARENT)!.cid } },
      },
    });
  });

  it('after a lost answer, finds the reply under its record key; it can never be created twice', async () => {
    const target = { uri: PARENT, repo: 'did:plc:olga', rkey: '3kparent' };
    pds.state.afterStore = 'hang-up';
    expect((await failureOf(channel.send(account(), target, 'Один раз', sendContext(mention, 'k2')))).code).toBe('OUTCOME_UNKNOWN');
    expect(await channel.find(account(), target, 'Один раз', sendContext(mention, 'k2'))).toMatchObject({ remoteId: expect.stringContaining(replyRecordKey('2026-03-02T10:05:00.000Z', 'k2')) });
    expect(await channel.find(account(), target, 'Другой', sendContext(mention, 'k3'))).toBeNull();
    expect((await failureOf(channel.send(account(), target, 'Один раз', sendContext(mention, 'k2')))).code).toBe('REJECTED');
  });

  it('explains the PDS’s refusals: app password, deleted post, too long, rate limit', async () => {
    const fresh = new BlueskyChannel({ timeoutMs: 500, now: () => NOW });
    expect(await failureOf(fresh.send(account('wrong'), { uri: PARENT, repo: 'did:plc:olga', rkey: '3kparent' }, 'x', sendContext(mention)))).toMatchObject({
      code: 'TOKEN_INVALID',
      message: expect.stringContaining('AuthenticationRequired'),
    });
    expect(await failureOf(channel.send(account(), { uri: 'at://did:plc:olga/app.bsky.feed.post/gone', repo: 'did:plc:olga', rkey: 'gone' }, 'x', sendContext(mention)))).toMatchObject({ code: 'POST_DELETED' });
    expect(await failureOf(channel.send(account(), { uri: PARENT, repo: 'did:plc:olga', rkey: '3kparent' }, 'я'.repeat(301), sendContext(mention)))).toMatchObject({ code: 'TEXT_REJECTED' });
    pds.state.rateLimitedUntil = NOW / 1000 + 45;
    expect(await failureOf(fresh.send(account(), { uri: PARENT, repo: 'did:plc:olga', rkey: '3kparent' }, 'x', sendContext(mention)))).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 45 });
  });
});
