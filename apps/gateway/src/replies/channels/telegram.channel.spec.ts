import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountOf } from './channel.port.js';
import { startFakeTelegram, type FakeTelegram } from './testing/fake-telegram.api.js';
import { failureOf, inlineSecret, sourceMention } from '../testing/reply-fixtures.js';
import { TelegramChannel } from './telegram.channel.js';

const TOKEN = '123456:AAH-bot-token';
const CHAT = '-1001234567890';
const account = (token = TOKEN): AccountOf<'telegram'> => ({ id: 'mts-tg', name: 'МТС бот', source: 'telegram', topics: ['mts'], botToken: inlineSecret(token) });

describe('Telegram channel (Bot API sendMessage against a fake Bot API)', () => {
  let tg: FakeTelegram;
  let channel: TelegramChannel;

  beforeAll(async () => {
    tg = await startFakeTelegram({ token: TOKEN, botUsername: 'mts_support_bot' });
    channel = new TelegramChannel(tg.url, { timeoutMs: 500 });
  });
  afterAll(() => tg.close());
  beforeEach(() => {
    tg.requests.length = 0;
    tg.state.chats.clear();
    tg.state.chats.set(CHAT, { username: 'mts_clients', messages: new Map([[42, { text: 'МТС, где мой интернет?' }]]) });
    tg.state.retryAfter = null;
  });

  it('answers messages the bot received; says why channel previews read over the web are not repliable', () => {
    expect(channel.target(sourceMention('telegram', `${CHAT}_42`))).toEqual({ ok: true, target: { chatId: CHAT, messageId: 42 } });
    const preview = channel.target(sourceMention('telegram', 'mts_news/1234'));
    expect(preview).toMatchObject({ ok: false, reason: expect.stringContaining('public web preview') });
    expect(preview.ok === false && preview.reason).toContain('Bot API can only answer in chats the bot is a member of');
  });

  it('sends the reply with reply_parameters to the chat, in the documented shape', async () => {
    const posted = await channel.send(account(), { chatId: CHAT, messageId: 42 }, 'Здравствуйте! Проверяем.');
    expect(posted).toEqual({ remoteId: `${CHAT}_500`, url: 'https://t.me/mts_clients/500' });
    const [req] = tg.requests;
    expect(req).toMatchObject({ method: 'POST', path: `/bot${TOKEN}/sendMessage`, headers: { 'content-type': 'application/json' } });
    expect(req!.json).toEqual({ chat_id: CHAT, text: 'Здравствуйте! Проверяем.', reply_parameters: { message_id: 42, allow_sending_without_reply: false } });
    tg.state.chats.get(CHAT)!.username = undefined;
    expect((await channel.send(account(), { chatId: CHAT, messageId: 42 }, 'Ещё')).url).toBe('https://t.me/c/1234567890/501');
  });

  it('explains the Bot API’s refusals: token, bot removed, unknown chat, deleted message, too long, flood wait', async () => {
    const send = (over: { token?: string; chatId?: string; messageId?: number; text?: string } = {}) =>
      failureOf(channel.send(account(over.token), { chatId: over.chatId ?? CHAT, messageId: over.messageId ?? 42 }, over.text ?? 'Ответ'));
    expect(await send({ token: '1:revoked' })).toMatchObject({ code: 'TOKEN_INVALID', message: expect.stringContaining('401 Unauthorized') });
    expect(await send({ chatId: '-1009' })).toMatchObject({ code: 'TOKEN_LACKS_PERMISSION', message: expect.stringContaining('chat not found') });
    expect(await send({ messageId: 43 })).toMatchObject({ code: 'POST_DELETED', message: expect.stringContaining('message to be replied not found') });
    expect(await send({ text: 'я'.repeat(4097) })).toMatchObject({ code: 'TEXT_REJECTED' });
    tg.state.chats.get(CHAT)!.botRemoved = true;
    expect(await send()).toMatchObject({ code: 'TOKEN_LACKS_PERMISSION', message: expect.stringContaining('not a member') });
    tg.state.chats.get(CHAT)!.botRemoved = false;
    tg.state.retryAfter = 17;
    expect(await send()).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 17 });
  });

  it('a lost answer is OUTCOME_UNKNOWN and never leaks the bot token into the message', async () => {
    tg.state.afterStore = 'hang-up';
    const failure = await failureOf(channel.send(account(), { chatId: CHAT, messageId: 42 }, 'Ответ'));
    expect(failure.code).toBe('OUTCOME_UNKNOWN');
    expect(failure.message).not.toContain(TOKEN);
    expect(channel.reconciliation).toBe('none');
  });
});
