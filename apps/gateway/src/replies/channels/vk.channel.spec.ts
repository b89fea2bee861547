import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountOf } from './channel.port.js';
import { refusedUrl } from './testing/fake-api.js';
import { startFakeVk, type FakeVk } from './testing/fake-vk.api.js';
import { failureOf, inlineSecret, sendContext, sourceMention } from '../testing/reply-fixtures.js';
import { VkChannel } from './vk.channel.js';

const TOKEN = 'vk1.a.community-token';
const account = (token = TOKEN, groupId = 42): AccountOf<'vk'> => ({ id: 'mts-vk', name: 'МТС', source: 'vk', topics: ['mts'], groupId, token: inlineSecret(token) });

describe('VK channel (wall.createComment against a fake VK API)', () => {
  let vk: FakeVk;
  let channel: VkChannel;
  const post = sourceMention('vk', '-42_7');
  const comment = sourceMention('vk', '-42_7_55');

  beforeAll(async () => {
    vk = await startFakeVk({ token: TOKEN, groupId: 42 });
    channel = new VkChannel(vk.url, { timeoutMs: 500 });
  });
  afterAll(() => vk.close());
  beforeEach(() => {
    vk.requests.length = 0;
    vk.state.posts.clear();
    vk.state.posts.set('-42_7', { comments: [{ id: 55, fromId: 9, text: 'нет интернета' }] });
    vk.state.flood = false;
  });

  it('reads posts and comments from the collector’s sourceIds, and says when an item is not a wall post', () => {
    expect(channel.target(post)).toEqual({ ok: true, target: { ownerId: -42, postId: 7 } });
    expect(channel.target(comment)).toEqual({ ok: true, target: { ownerId: -42, postId: 7, commentId: 55 } });
    expect(channel.target(sourceMention('vk', 'market-42_1'))).toMatchObject({ ok: false, reason: expect.stringContaining('not a wall post') });
  });

  it('posts a comment as the community under a post and under a comment, in VK’s documented request shape', async () => {
    const onPost = await channel.send(account(), { ownerId: -42, postId: 7 }, 'Иван, здравствуйте!', sendContext(post));
    expect(onPost).toEqual({ remoteId: '100', url: 'https://vk.com/wall-42_7?reply=100' });
    const onComment = await channel.send(account(), { ownerId: -42, postId: 7, commentId: 55 }, 'Ответ в ветке', sendContext(comment, 'key-2'));
    expect(onComment.remoteId).toBe('101');

    const [first, second] = vk.requests;
    expect(first).toMatchObject({ method: 'POST', path: '/wall.createComment', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(Object.fromEntries(first!.form)).toEqual({
      owner_id: '-42',
      post_id: '7',
      from_group: '42',
      message: 'Иван, здравствуйте!',
      guid: expect.stringMatching(/^[0-9a-f]{32}$/),
      access_token: TOKEN,
      v: '5.199',
    });
    expect(first!.query.toString()).toBe('');
    expect(second!.form.get('reply_to_comment')).toBe('55');
    expect(vk.state.posts.get('-42_7')!.comments.map((c) => [c.fromId, c.text])).toContainEqual([-42, 'Ответ в ветке']);
  });

  it('sends the same guid on every attempt of one reply, so a retry after a lost answer does not comment twice', async () => {
    vk.state.afterStore = 'hang-up';
    expect(await failureOf(channel.send(account(), { ownerId: -42, postId: 7 }, 'Здравствуйте', sendContext(post, 'same-key')))).toMatchObject({ code: 'OUTCOME_UNKNOWN' });
    const retried = await channel.send(account(), { ownerId: -42, postId: 7 }, 'Здравствуйте', sendContext(post, 'same-key'));
    expect(vk.requests[0]!.form.get('guid')).toBe(vk.requests[1]!.form.get('guid'));
    expect(vk.state.posts.get('-42_7')!.comments.filter((c) => c.text === 'Здравствуйте')).toHaveLength(1);
    expect(retried.remoteId).toBe(String(vk.state.posts.get('-42_7')!.comments.at(-1)!.id));

    vk.state.afterStore = 'internal-error';
    expect((await failureOf(channel.send(account(), { ownerId: -42, postId: 7 }, 'Ещё', sendContext(post, 'k3')))).code).toBe('OUTCOME_UNKNOWN');
  });

  it('explains VK’s refusals with our codes: token, permission, deleted post, closed comments, links, flood control', async () => {
    const send = (over: { token?: string; groupId?: number; postId?: number; commentId?: number; text?: string } = {}) =>
      failureOf(channel.send(account(over.token, over.groupId), { ownerId: -42, postId: over.postId ?? 7, ...(over.commentId ? { commentId: over.commentId } : {}) }, over.text ?? 'Текст', sendContext(post)));
    expect(await send({ token: 'revoked' })).toMatchObject({ code: 'TOKEN_INVALID', message: expect.stringContaining('VK error 5') });
    expect(await send({ groupId: 43 })).toMatchObject({ code: 'TOKEN_LACKS_PERMISSION', message: expect.stringContaining('VK error 15') });
    expect(await send({ postId: 8 })).toMatchObject({ code: 'POST_DELETED', message: expect.stringContaining('VK error 210') });
    expect(await send({ commentId: 56 })).toMatchObject({ code: 'POST_DELETED', message: expect.stringContaining('VK error 211') });
    vk.state.posts.get('-42_7')!.closed = true;
    expect(await send()).toMatchObject({ code: 'REPLIES_CLOSED', message: expect.stringContaining('VK error 212') });
    vk.state.posts.get('-42_7')!.closed = false;
    expect(await send({ text: 'см. https://example.com' })).toMatchObject({ code: 'TEXT_REJECTED', message: expect.stringContaining('links') });
    vk.state.flood = true;
    expect(await send()).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 60 });
    // Nothing was posted by any of these.
    expect(vk.state.posts.get('-42_7')!.comments).toHaveLength(1);
  });

  it('says CHANNEL_UNAVAILABLE (nothing posted) when VK cannot be reached at all', async () => {
    const down = new VkChannel(await refusedUrl(), { timeoutMs: 500 });
    expect(await failureOf(down.send(account(), { ownerId: -42, postId: 7 }, 'x', sendContext(post)))).toMatchObject({ code: 'CHANNEL_UNAVAILABLE', message: expect.stringContaining('nothing was posted') });
  });
});
