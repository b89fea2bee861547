import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPICS, type ScoredMention } from '@pulse/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_ADMIN_KEY as ADMIN_KEY, gql, startTestGateway, waitFor, type TestGateway } from '../testing/gateway-test-kit.js';
import { startFakeTelegram, type FakeTelegram } from './channels/testing/fake-telegram.api.js';
import { startFakeVk, type FakeVk } from './channels/testing/fake-vk.api.js';
import { startFakeX, type FakeX } from './channels/testing/fake-x.api.js';
import { sourceMention } from './testing/reply-fixtures.js';

const T0 = Date.parse('2026-03-02T10:00:00.000Z');
const VK_TOKEN = 'vk1.a.community-token-for-mts';
const TG_TOKEN = '123:bot-token';
const X_TOKEN = 'x-user-token';

const REPLY = `mutation($id: ID!, $text: String!, $account: ID!, $key: String) {
  replyToMention(id: $id, text: $text, account: $account, idempotencyKey: $key) {
    reply { id status kind text remoteId url by attempts idempotencyKey account { id name source handle } error { code message retryAfterSeconds } }
    error { code message retryAfterSeconds }
    mention { id workflow { status firstResponseAt } replies { id status } history { kind actor message replyId url } }
  }
}`;

interface ReplyResult {
  reply: { id: string; status: string; remoteId: string | null; url: string | null; by: string; attempts: number; idempotencyKey: string; account: { id: string; name: string; handle: string | null } | null } | null;
  error: { code: string; message: string; retryAfterSeconds: number | null } | null;
  mention: { id: string; workflow: { status: string; firstResponseAt: string | null }; replies: { id: string; status: string }[]; history: { kind: string; actor: string; message: string; replyId: string | null; url: string | null }[] };
}

describe('replies through the gateway (fake VK, Telegram and X APIs)', () => {
  let now = T0;
  let gateway: TestGateway;
  let url: string;
  let analystKey: string;
  let viewerKey: string;
  let vk: FakeVk;
  let tg: FakeTelegram;
  let x: FakeX;
  const secrets = mkdtempSync(join(tmpdir(), 'pulse-reply-secrets-'));
  const vkSecret = join(secrets, 'vk-token');

  const vkPost = sourceMention('vk', '-42_7', { url: 'https://vk.com/wall-42_7', author: { id: '9', handle: 'ivan', name: 'Иван', url: null } });
  const vkComment = sourceMention('vk', '-42_7_55');
  const rss = sourceMention('rss', 'https://news.example/post-1', { url: 'https://news.example/post-1' });
  const tgMessage = sourceMention('telegram', '-1001_42');
  const tgPreview = sourceMention('telegram', 'mts_news/77');
  const xPost = sourceMention('twitter', '1850000000000000001');
  const beelineVk = sourceMention('vk', '-43_1', { topicIds: ['beeline'], matches: [{ topicId: 'beeline', terms: ['Билайн'] }] });

  const reply = async (key: string | undefined, vars: { id: string; text: string; account: string; key?: string }) => {
    const res = await gql<{ replyToMention: ReplyResult }>(url, key, REPLY, vars);
    expect(res.errors).toBeUndefined();
    return res.data!.replyToMention;
  };

  beforeAll(async () => {
    writeFileSync(vkSecret, VK_TOKEN);
    const tgSecret = join(secrets, 'tg-token');
    writeFileSync(tgSecret, TG_TOKEN);
    const xSecret = join(secrets, 'x-token');
    writeFileSync(xSecret, X_TOKEN);
    vk = await startFakeVk({ token: VK_TOKEN, groupId: 42 });
    tg = await startFakeTelegram({ token: TG_TOKEN, botUsername: 'mts_bot' });
    x = await startFakeX({ writeToken: X_TOKEN, readToken: 'r', user: { id: '777', username: 'mts_support' } });
    gateway = await startTestGateway({
      clock: () => now,
      env: {
        REPLY_ACCOUNTS: JSON.stringify([
          { id: 'mts-vk', name: 'МТС ВКонтакте', source: 'vk', topics: ['mts'], groupId: 42, token: `file:${vkSecret}` },
          { id: 'mts-tg', name: 'МТС бот', source: 'telegram', topics: ['*'], botToken: `file:${tgSecret}`, botUsername: 'mts_bot' },
          { id: 'mts-x', name: 'МТС в X', source: 'x', topics: ['mts'], token: `file:${xSecret}`, handle: 'mts_support' },
        ]),
        REPLY_VK_API_URL: vk.url,
        REPLY_TELEGRAM_API_URL: tg.url,
        REPLY_X_API_URL: x.url,
        REPLY_TIMEOUT_MS: '1000',
      },
    });
    url = gateway.url;
    const keys = await gql<{ a: { key: string }; v: { key: string } }>(
      url,
      ADMIN_KEY,
      `mutation { a: createApiKey(input: { name: "anna (support)", role: analyst }) { key } v: createApiKey(input: { name: "board", role: viewer }) { key } }`,
    );
    analystKey = keys.data!.a.key;
    viewerKey = keys.data!.v.key;
    expect((await gql(url, ADMIN_KEY, `mutation { createTopic(input: { name: "МТС", keywords: ["МТС"] }) { id } }`)).errors).toBeUndefined();
    const all: ScoredMention[] = [vkPost, vkComment, rss, tgMessage, tgPreview, xPost, beelineVk];
    await gateway.bus.publish(TOPICS.scoredMentions, all);
    await waitFor('mentions stored', async () => (await gql<{ mention: unknown }>(url, analystKey, 'query($id: ID!) { mention(id: $id) { id } }', { id: beelineVk.id })).data?.mention ?? undefined);
  });

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([vk?.close(), tg?.close(), x?.close()]);
    rmSync(secrets, { recursive: true, force: true });
  });

  beforeEach(() => {
    now += 60_000;
    vk.state.posts.set('-42_7', { comments: [{ id: 55, fromId: 9, text: 'нет интернета' }] });
    vk.requests.length = 0;
  });

  it('tells in advance whether a mention can be answered there and from which accounts, never showing credentials', async () => {
    const options = await gql<{ v: unknown; r: unknown; p: unknown; b: unknown; accounts: unknown }>(
      url,
      viewerKey,
      `query($v: ID!, $r: ID!, $p: ID!, $b: ID!) {
        v: mention(id: $v) { replyOptions { repliable reason accounts { id name source handle topicIds } } }
        r: mention(id: $r) { replyOptions { repliable reason accounts { id } } }
        p: mention(id: $p) { replyOptions { repliable reason } }
        b: mention(id: $b) { replyOptions { repliable reason } }
        accounts: replyAccounts { id name source handle }
      }`,
      { v: vkPost.id, r: rss.id, p: tgPreview.id, b: beelineVk.id },
    );
    expect(options.data?.v).toEqual({ replyOptions: { repliable: true, reason: null, accounts: [{ id: 'mts-vk', name: 'МТС ВКонтакте', source: 'vk', handle: 'club42', topicIds: ['mts'] }] } });
    expect(options.data?.r).toMatchObject({ replyOptions: { repliable: false, reason: expect.stringContaining('RSS feeds have no reply API'), accounts: [] } });
    expect(options.data?.p).toMatchObject({ replyOptions: { repliable: false, reason: expect.stringContaining('public web preview') } });
    expect(options.data?.b).toMatchObject({ replyOptions: { repliable: false, reason: expect.stringContaining('no brand account on vk') } });
    expect(JSON.stringify(options)).not.toContain(VK_TOKEN);
    expect(options.data?.accounts).toHaveLength(3);
  });

  it('posts the reply to VK, stores it with VK’s id and URL, stamps the first response and records who sent what', async () => {
    const result = await reply(analystKey, { id: vkPost.id, text: 'Иван, здравствуйте! Проверим.', account: 'mts-vk' });
    expect(result.error).toBeNull();
    expect(result.reply).toMatchObject({ status: 'sent', remoteId: '100', url: 'https://vk.com/wall-42_7?reply=100', by: 'anna (support)', attempts: 1, account: { id: 'mts-vk', name: 'МТС ВКонтакте' } });
    expect(vk.requests).toHaveLength(1);
    expect(Object.fromEntries(vk.requests[0]!.form)).toMatchObject({ owner_id: '-42', post_id: '7', from_group: '42', message: 'Иван, здравствуйте! Проверим.', access_token: VK_TOKEN });
    expect(result.mention.workflow).toEqual({ status: 'in_progress', firstResponseAt: new Date(now).toISOString() });
    expect(result.mention.replies).toEqual([{ id: result.reply!.id, status: 'sent' }]);
    expect(result.mention.history.map((e) => [e.kind, e.actor])).toEqual([['status', 'anna (support)'], ['reply', 'anna (support)']]);
    expect(result.mention.history[1]).toMatchObject({ replyId: result.reply!.id, url: 'https://vk.com/wall-42_7?reply=100', message: expect.stringContaining('replied on vk as МТС ВКонтакте') });

    // The client retries (its answer was lost): the same reply comes back, VK is not called again.
    now += 5_000;
    const again = await reply(analystKey, { id: vkPost.id, text: 'Иван, здравствуйте! Проверим.', account: 'mts-vk' });
    expect(again.reply?.id).toBe(result.reply!.id);
    expect(vk.requests).toHaveLength(1);
    expect(again.mention.history.filter((e) => e.kind === 'reply')).toHaveLength(1);
    expect(again.mention.workflow.firstResponseAt).toBe(result.mention.workflow.firstResponseAt);
  });

  it('a retry after a timeout sends the same guid: VK keeps one comment and the reply ends sent', async () => {
    vk.state.afterStore = 'hang-up';
    const first = await reply(analystKey, { id: vkComment.id, text: 'Ответ в ветке', account: 'mts-vk', key: 'client-key-1' });
    expect(first.error).toMatchObject({ code: 'OUTCOME_UNKNOWN' });
    expect(first.reply).toMatchObject({ status: 'pending', idempotencyKey: 'client-key-1' });
    expect(first.mention.workflow.firstResponseAt).toBeNull();
    const retried = await reply(analystKey, { id: vkComment.id, text: 'Ответ в ветке', account: 'mts-vk', key: 'client-key-1' });
    expect(retried).toMatchObject({ error: null, reply: { id: first.reply!.id, status: 'sent', attempts: 2 } });
    expect(vk.requests.map((r) => r.form.get('guid'))).toEqual([vk.requests[0]!.form.get('guid'), vk.requests[0]!.form.get('guid')]);
    expect(vk.state.posts.get('-42_7')!.comments.filter((c) => c.text === 'Ответ в ветке')).toHaveLength(1);
    expect(retried.mention.workflow.firstResponseAt).toBe(new Date(now).toISOString());
  });

  it('explains refusals with our codes, keeps the reply as failed, and a fixed secret file works on the next try', async () => {
    writeFileSync(vkSecret, 'vk1.a.revoked');
    const refused = await reply(analystKey, { id: vkComment.id, text: 'Новый токен?', account: 'mts-vk' });
    expect(refused.error).toMatchObject({ code: 'TOKEN_INVALID', message: expect.stringContaining('VK error 5') });
    expect(refused.reply).toMatchObject({ status: 'failed', error: { code: 'TOKEN_INVALID' } });
    writeFileSync(vkSecret, VK_TOKEN);
    const fixed = await reply(analystKey, { id: vkComment.id, text: 'Новый токен?', account: 'mts-vk' });
    expect(fixed).toMatchObject({ error: null, reply: { id: refused.reply!.id, status: 'sent' } });

    vk.state.posts.get('-42_7')!.closed = true;
    expect((await reply(analystKey, { id: vkPost.id, text: 'Закрыто', account: 'mts-vk' })).error).toMatchObject({ code: 'REPLIES_CLOSED' });
    vk.state.flood = true;
    vk.state.posts.get('-42_7')!.closed = false;
    expect((await reply(analystKey, { id: vkPost.id, text: 'Флуд', account: 'mts-vk' })).error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 60 });
    vk.state.flood = false;
    expect((await reply(analystKey, { id: rss.id, text: 'x', account: 'mts-vk' })).error).toMatchObject({ code: 'NOT_REPLIABLE' });
    expect((await reply(analystKey, { id: beelineVk.id, text: 'x', account: 'mts-vk' })).error).toMatchObject({ code: 'NO_ACCOUNT', message: expect.stringContaining('does not answer') });
    expect((await reply(analystKey, { id: vkPost.id, text: 'x', account: 'nope' })).error).toMatchObject({ code: 'NO_ACCOUNT' });

    const bad = await gql(url, analystKey, REPLY, { id: vkPost.id, text: '   ', account: 'mts-vk' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'text' });
    const reused = await gql(url, analystKey, REPLY, { id: vkPost.id, text: 'другой текст', account: 'mts-vk', key: 'client-key-1' });
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'idempotencyKey' });
    const viewer = await gql(url, viewerKey, REPLY, { id: vkPost.id, text: 'x', account: 'mts-vk' });
    expect(viewer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const missing = await gql(url, analystKey, REPLY, { id: 'vk:nope', text: 'x', account: 'mts-vk' });
    expect(missing.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });

  it('two requests with one key at once: one posts, the other is told to wait', async () => {
    vk.state.delayMs = 300;
    const [a, b] = await Promise.all([
      reply(analystKey, { id: vkPost.id, text: 'Одновременно', account: 'mts-vk', key: 'double-click' }),
      reply(analystKey, { id: vkPost.id, text: 'Одновременно', account: 'mts-vk', key: 'double-click' }),
    ]);
    vk.state.delayMs = 0;
    expect([a.error?.code ?? 'sent', b.error?.code ?? 'sent'].sort()).toEqual(['IN_PROGRESS', 'sent']);
    expect([a, b].find((r) => r.error)?.error?.retryAfterSeconds).toBeGreaterThan(0);
    expect(vk.requests).toHaveLength(1);
  });

  it('Telegram: a lost answer cannot be checked, so a retry does not post again and says what to do', async () => {
    tg.state.chats.set('-1001', { messages: new Map([[42, { text: 'МТС?' }]]) });
    tg.state.afterStore = 'hang-up';
    const first = await reply(analystKey, { id: tgMessage.id, text: 'Здравствуйте', account: 'mts-tg' });
    expect(first.error?.code).toBe('OUTCOME_UNKNOWN');
    const retry = await reply(analystKey, { id: tgMessage.id, text: 'Здравствуйте', account: 'mts-tg' });
    expect(retry.error).toMatchObject({ code: 'OUTCOME_UNKNOWN', message: expect.stringContaining('no way to check') });
    expect(tg.requests).toHaveLength(1);
  });

  it('X: after an unknown outcome the retry waits for the source to settle, then finds the post instead of posting twice', async () => {
    x.state.posts.set('1850000000000000001', { id: '1850000000000000001', text: 'МТС!', authorId: '5' });
    x.state.afterStore = 'hang-up';
    const first = await reply(analystKey, { id: xPost.id, text: 'Проверим связь', account: 'mts-x', key: 'x-1' });
    expect(first.error?.code).toBe('OUTCOME_UNKNOWN');
    const early = await reply(analystKey, { id: xPost.id, text: 'Проверим связь', account: 'mts-x', key: 'x-1' });
    expect(early.error).toMatchObject({ code: 'IN_PROGRESS', retryAfterSeconds: 30 });
    now += 31_000;
    const settled = await reply(analystKey, { id: xPost.id, text: 'Проверим связь', account: 'mts-x', key: 'x-1' });
    expect(settled).toMatchObject({ error: null, reply: { status: 'sent', url: expect.stringMatching(/^https:\/\/x\.com\/mts_support\/status\/\d+$/) } });
    expect(x.requests.filter((r) => r.path === '/2/tweets')).toHaveLength(1);
  });

  it('an answer given elsewhere is recorded with its link as the response', async () => {
    const res = await gql<{ markMentionAnsweredElsewhere: { workflow: { status: string; firstResponseAt: string }; replies: { kind: string; url: string; text: string; by: string }[]; history: { kind: string; message: string }[] } }>(
      url,
      analystKey,
      `mutation($id: ID!) { markMentionAnsweredElsewhere(id: $id, url: "https://news.example/post-1#comment-9", note: "ответили в комментариях на сайте") {
        workflow { status firstResponseAt } replies { kind url text by } history { kind message } } }`,
      { id: rss.id },
    );
    expect(res.errors).toBeUndefined();
    const m = res.data!.markMentionAnsweredElsewhere;
    expect(m.workflow).toEqual({ status: 'in_progress', firstResponseAt: new Date(now).toISOString() });
    expect(m.replies).toEqual([{ kind: 'elsewhere', url: 'https://news.example/post-1#comment-9', text: 'ответили в комментариях на сайте', by: 'anna (support)' }]);
    expect(m.history.at(-1)).toEqual({ kind: 'reply', message: 'answered elsewhere: https://news.example/post-1#comment-9' });
    const bad = await gql(url, analystKey, `mutation($id: ID!) { markMentionAnsweredElsewhere(id: $id, url: "javascript:alert(1)") { id } }`, { id: rss.id });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'url' });
  });
});
