import { MAX_TEXT_LENGTH, mentionId, type Author, type RawMentionInput } from '@pulse/contracts';
import { z } from 'zod';
import { RetryableSourceError } from '../core/http.client.js';
import type { SourceBatch, SourceConnector, SourceContext } from '../core/source.port.js';

export const TELEGRAM_ALLOWED_UPDATES = ['message', 'channel_post', 'edited_message', 'edited_channel_post'] as const;

export interface TelegramBotOptions {
  token: string;
  /** Bot API base, `https://api.telegram.org` unless proxied. */
  apiUrl: string;
  pollIntervalMs: number;
  /** Long-poll wait in seconds; must stay below the HTTP client's timeout. */
  longPollSeconds: number;
}

export interface TelegramBotCheckpoint {
  /** Next `offset` for getUpdates: the last update_id handled + 1. */
  offset: number;
}

const userSchema = z.object({ id: z.number(), first_name: z.string().default(''), last_name: z.string().optional(), username: z.string().optional() }).loose();
const chatSchema = z.object({ id: z.number(), title: z.string().optional(), username: z.string().optional(), first_name: z.string().optional(), last_name: z.string().optional() }).loose();
const messageSchema = z
  .object({
    message_id: z.number().int(),
    date: z.number().int().positive(),
    chat: chatSchema,
    from: userSchema.optional(),
    sender_chat: chatSchema.optional(),
    text: z.string().optional(),
    caption: z.string().optional(),
    reply_to_message: z.object({ message_id: z.number().int() }).loose().optional(),
  })
  .loose();
type TelegramMessage = z.infer<typeof messageSchema>;

const updatesResponseSchema = z.object({
  ok: z.boolean(),
  result: z.array(z.unknown()).optional(),
  error_code: z.number().optional(),
  description: z.string().optional(),
  parameters: z.object({ retry_after: z.number().optional() }).loose().optional(),
});

const updateIdSchema = z.object({ update_id: z.number().int() }).loose();

export function telegramMessageSourceId(chatId: number, messageId: number): string {
  return `${chatId}_${messageId}`;
}

function authorOf(msg: TelegramMessage): Author {
  // With sender_chat set (channel posts, anonymous admins) `from` is a placeholder bot: the chat is the author.
  if (msg.sender_chat) {
    const c = msg.sender_chat;
    const handle = c.username ?? String(c.id);
    return { id: String(c.id), handle, name: c.title ?? handle, url: c.username ? `https://t.me/${c.username}` : null };
  }
  const u = msg.from!;
  const handle = u.username ?? String(u.id);
  return { id: String(u.id), handle, name: [u.first_name, u.last_name].filter(Boolean).join(' ') || handle, url: u.username ? `https://t.me/${u.username}` : null };
}

export function telegramMessageToMention(msg: TelegramMessage): RawMentionInput | undefined {
  const text = (msg.text ?? msg.caption ?? '').trim().slice(0, MAX_TEXT_LENGTH);
  if (!text || (!msg.from && !msg.sender_chat)) return undefined;
  return {
    source: 'telegram',
    sourceId: telegramMessageSourceId(msg.chat.id, msg.message_id),
    url: msg.chat.username ? `https://t.me/${msg.chat.username}/${msg.message_id}` : null,
    text,
    author: authorOf(msg),
    publishedAt: new Date(msg.date * 1000).toISOString(),
    ...(msg.reply_to_message ? { parentId: mentionId('telegram', telegramMessageSourceId(msg.chat.id, msg.reply_to_message.message_id)) } : {}),
  };
}

/**
 * Bot API `getUpdates` for chats where our bot is a member (groups need privacy mode off or
 * admin rights to see every message; channels need the bot as admin). Telegram keeps
 * unconfirmed updates for 24 hours and confirms them when asked with a higher offset, so
 * saving `offset` only after a batch is published makes restarts lossless.
 */
export class TelegramBotConnector implements SourceConnector<TelegramBotCheckpoint> {
  readonly name = 'telegram-bot';
  readonly source = 'telegram' as const;
  readonly pollIntervalMs: number;

  constructor(private readonly options: TelegramBotOptions) {
    this.pollIntervalMs = options.pollIntervalMs;
  }

  async *collect(checkpoint: TelegramBotCheckpoint | undefined, ctx: SourceContext): AsyncIterable<SourceBatch<TelegramBotCheckpoint>> {
    let offset = checkpoint?.offset;
    for (;;) {
      const asked = offset;
      const updates = await this.getUpdates(offset, ctx);
      if (updates.length === 0) return;
      const items: RawMentionInput[] = [];
      for (const raw of updates) {
        const head = updateIdSchema.safeParse(raw);
        if (!head.success) {
          ctx.skipped('telegram update without update_id', raw);
          continue;
        }
        offset = Math.max(offset ?? 0, head.data.update_id + 1);
        const update = raw as Record<string, unknown>;
        const key = TELEGRAM_ALLOWED_UPDATES.find((k) => update[k] !== undefined);
        if (!key) continue;
        const msg = messageSchema.safeParse(update[key]);
        if (!msg.success) {
          ctx.skipped('telegram message malformed', { update_id: head.data.update_id, issues: msg.error.issues.slice(0, 3) });
          continue;
        }
        const mention = telegramMessageToMention(msg.data);
        if (mention) items.push(mention);
        else ctx.logger.debug({ update_id: head.data.update_id }, 'Telegram message without text');
      }
      // Only updates without an id: nothing to confirm, and asking again would loop.
      if (offset === undefined || offset === asked) return;
      yield { items, checkpoint: { offset } };
    }
  }

  private async getUpdates(offset: number | undefined, ctx: SourceContext): Promise<unknown[]> {
    const url = new URL(`${this.options.apiUrl.replace(/\/+$/, '')}/bot${this.options.token}/getUpdates`);
    if (offset !== undefined) url.searchParams.set('offset', String(offset));
    url.searchParams.set('limit', '100');
    url.searchParams.set('timeout', String(this.options.longPollSeconds));
    url.searchParams.set('allowed_updates', JSON.stringify(TELEGRAM_ALLOWED_UPDATES));
    try {
      return await ctx.http.request({
        url,
        signal: ctx.signal,
        parse: async (res) => {
          const body = updatesResponseSchema.parse(await res.json());
          if (!body.ok) throw new Error(`Telegram getUpdates failed: ${body.error_code ?? '?'} ${body.description ?? ''}`);
          return body.result ?? [];
        },
      });
    } catch (error) {
      throw redactToken(error, this.options.token);
    }
  }
}

/** The bot token is part of every Bot API URL, and HttpClient errors quote URLs: keep it out of logs. */
function redactToken(error: unknown, token: string): unknown {
  if (error instanceof Error) {
    error.message = error.message.replaceAll(token, '<TELEGRAM_BOT_TOKEN>');
    if (error.stack) error.stack = error.stack.replaceAll(token, '<TELEGRAM_BOT_TOKEN>');
    if ('body' in error && typeof error.body === 'string') Object.defineProperty(error, 'body', { value: error.body.replaceAll(token, '<TELEGRAM_BOT_TOKEN>') });
  }
  return error;
}

/**
 * Bot API throttling arrives as HTTP 429 with `parameters.retry_after` (seconds) in the body,
 * which HttpClient does not read; this fetch turns it into a RetryableSourceError with that
 * wait so HttpClient backs off exactly as long as Telegram asks.
 */
export function telegramBotFetch(inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init);
    if (res.status !== 429) return res;
    const body = (await res.json().catch(() => undefined)) as { parameters?: { retry_after?: unknown } } | undefined;
    const seconds = Number(body?.parameters?.retry_after ?? res.headers.get('retry-after'));
    throw new RetryableSourceError('Telegram Bot API: too many requests', Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined);
  };
}
