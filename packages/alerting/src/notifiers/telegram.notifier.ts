import type { Alert } from '../alerts/alert.schema.js';
import { viewAlert } from './alert.formatter.js';
import { HttpStatusError, postJson, type FetchLike } from './http.transport.js';
import { DeliveryError, type Notifier } from './notifier.port.js';

export interface TelegramNotifierOptions {
  name?: string;
  botToken: string;
  /** A numeric chat id or an `@channel` username. */
  chatId: string;
  /** Default https://api.telegram.org; a local Bot API server or a test double otherwise. */
  apiBase?: string;
  timeoutMs?: number;
  fetch?: FetchLike;
}

const MAX_MESSAGE = 4096;

/** Telegram's HTML mode rejects a message with any unescaped `<`, `>` or `&`. */
export function escapeTelegramHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

export function telegramText(alert: Alert): string {
  const view = viewAlert(alert);
  const head = [`<b>${escapeTelegramHtml(view.title)}</b>`, ...view.fields.map((f) => `<b>${escapeTelegramHtml(f.label)}:</b> ${escapeTelegramHtml(f.value)}`)];
  if (view.link) head.push(`<a href="${escapeTelegramHtml(view.link)}">Open the mention</a>`);
  const text = head.join('\n');
  if (!view.quote) return text;
  // Only the quote is shortened, so the tags around it stay balanced.
  const room = MAX_MESSAGE - text.length - '\n<blockquote></blockquote>'.length;
  let quote = escapeTelegramHtml(view.quote);
  if (quote.length > room) quote = `${quote.slice(0, Math.max(0, room - 1)).replace(/&[a-z]*$/, '')}…`;
  return `${text}\n<blockquote>${quote}</blockquote>`;
}

interface TelegramReply {
  ok?: boolean;
  description?: string;
  parameters?: { retry_after?: number };
}

export class TelegramNotifier implements Notifier {
  readonly name: string;

  constructor(private readonly options: TelegramNotifierOptions) {
    this.name = options.name ?? 'telegram';
  }

  async send(alert: Alert): Promise<void> {
    const base = (this.options.apiBase ?? 'https://api.telegram.org').replace(/\/+$/, '');
    try {
      const { text } = await postJson({
        channel: this.name,
        url: `${base}/bot${this.options.botToken}/sendMessage`,
        body: JSON.stringify({ chat_id: this.options.chatId, text: telegramText(alert), parse_mode: 'HTML', disable_web_page_preview: true }),
        timeoutMs: this.options.timeoutMs ?? 10_000,
        fetch: this.options.fetch,
      });
      const reply = parseReply(text);
      if (reply?.ok !== true) throw new DeliveryError(`${this.name}: Bot API did not confirm (${reply?.description ?? 'unreadable reply'})`);
    } catch (error) {
      // The Bot API says how long to wait on 429 in the body, not always in a header.
      if (error instanceof HttpStatusError && error.status === 429 && error.retryAfterMs === undefined) {
        const seconds = parseReply(error.body)?.parameters?.retry_after;
        if (seconds !== undefined) throw new DeliveryError(error.message, { status: 429, retryAfterMs: seconds * 1000, cause: error });
      }
      throw error;
    }
  }
}

function parseReply(text: string): TelegramReply | null {
  try {
    return JSON.parse(text) as TelegramReply;
  } catch {
    return null;
  }
}
