import type { ScoredMention } from '@pulse/contracts';
import { ReplyFailure, type PostedReply } from '../reply.model.js';
import { asRecord, asString, channelFetch, serverError, type ChannelHttpOptions, type ChannelResponse } from './channel-http.js';
import { secretValue, type AccountOf, type ChannelClient, type TargetResult } from './channel.port.js';

export interface TelegramTarget {
  chatId: string;
  messageId: number;
}

export const TELEGRAM_MAX_LENGTH = 4096;

/**
 * Telegram Bot API: `sendMessage` with `reply_parameters.message_id`, in chats the bot is a
 * member of (the collector's bot connector: sourceId `{chatId}_{messageId}`). Posts read from a
 * channel's public web preview (`{channel}/{id}`) have no bot in them: not repliable.
 *
 * The Bot API reads no chat history, so an attempt whose answer was lost cannot be checked:
 * the agent looks in the chat (reconciliation `none`).
 */
export class TelegramChannel implements ChannelClient<'telegram', TelegramTarget> {
  readonly source = 'telegram' as const;
  readonly reconciliation = 'none' as const;

  constructor(
    private readonly apiUrl: string,
    private readonly http: ChannelHttpOptions,
  ) {}

  target(mention: ScoredMention): TargetResult<TelegramTarget> {
    const bot = /^(-?\d+)_(\d+)$/.exec(mention.sourceId);
    if (bot) return { ok: true, target: { chatId: bot[1]!, messageId: Number(bot[2]) } };
    if (/^[A-Za-z0-9_]+\/\d+$/.test(mention.sourceId)) {
      return {
        ok: false,
        reason:
          'this post was read from the channel’s public web preview (t.me/s/…), and the Bot API can only answer in chats the bot is a member of: reply in Telegram, then mark it answered elsewhere',
      };
    }
    return { ok: false, reason: `"${mention.sourceId}" is not a Telegram message the bot received` };
  }

  async send(account: AccountOf<'telegram'>, target: TelegramTarget, text: string): Promise<PostedReply> {
    if ([...text].length > TELEGRAM_MAX_LENGTH) throw new ReplyFailure('TEXT_REJECTED', `Telegram messages are limited to ${TELEGRAM_MAX_LENGTH} characters: shorten the reply.`);
    const token = secretValue(account, () => account.botToken.value());
    const what = 'Telegram sendMessage';
    const body = { chat_id: target.chatId, text, reply_parameters: { message_id: target.messageId, allow_sending_without_reply: false } };
    const res = await channelFetch(what, `${this.apiUrl}/bot${token}/sendMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, { ...this.http, posting: true });
    if (res.status >= 500) throw serverError(what, res, true);
    const envelope = asRecord(res.json);
    if (envelope['ok'] !== true) throw telegramFailure(res);
    const message = asRecord(envelope['result']);
    const id = message['message_id'];
    if (typeof id !== 'number') throw new ReplyFailure('OUTCOME_UNKNOWN', `${what}: unexpected answer; the reply may have been posted.`, null, { cause: res.text });
    const chat = asRecord(message['chat']);
    return { remoteId: `${target.chatId}_${id}`, url: messageUrl(asString(chat['username']), target.chatId, id) };
  }
}

/** Public chats by username; supergroups by the members-only t.me/c link; private chats have none. */
function messageUrl(username: string | undefined, chatId: string, messageId: number): string | null {
  if (username) return `https://t.me/${username}/${messageId}`;
  if (chatId.startsWith('-100')) return `https://t.me/c/${chatId.slice(4)}/${messageId}`;
  return null;
}

/** `{"ok": false, "error_code", "description", "parameters": {"retry_after"}}` in our terms. */
function telegramFailure(res: ChannelResponse): ReplyFailure {
  const body = asRecord(res.json);
  const code = typeof body['error_code'] === 'number' ? body['error_code'] : res.status;
  const description = asString(body['description']) ?? res.text.slice(0, 300);
  const said = `Telegram said: ${code} ${description}`;
  const lower = description.toLowerCase();
  const cause = res.text;
  if (code === 429) {
    const wait = Number(asRecord(body['parameters'])['retry_after']) || 30;
    return new ReplyFailure('RATE_LIMITED', `Telegram asks the bot to wait ${wait} s. ${said}`, wait, { cause });
  }
  if (code === 401 || code === 404) return new ReplyFailure('TOKEN_INVALID', `Telegram rejected the bot token (revoked or wrong): take a new one from @BotFather. ${said}`, null, { cause });
  if (/message to be replied not found|message to reply not found/.test(lower)) return new ReplyFailure('POST_DELETED', `The message was deleted from the chat. ${said}`, null, { cause });
  if (code === 403 || /chat not found|not enough rights|have no rights|bot is not a member/.test(lower)) {
    return new ReplyFailure('TOKEN_LACKS_PERMISSION', `The bot is not in this chat any more, or may not write there: add it back or give it the right to send messages. ${said}`, null, { cause });
  }
  if (/message is too long|text must be non-empty|can't parse entities/.test(lower)) return new ReplyFailure('TEXT_REJECTED', `Telegram refused the text. ${said}`, null, { cause });
  return new ReplyFailure('REJECTED', `Telegram refused the reply. ${said}`, null, { cause });
}
