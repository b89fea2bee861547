import { envPositiveInt } from '@pulse/runtime';
import { z } from 'zod';
import type { HttpClientOptions } from '../core/http.client.js';
import type { SourceConnector } from '../core/source.port.js';
import { TelegramBotConnector, telegramBotFetch } from './telegram-bot.connector.js';
import { TelegramChannelConnector } from './telegram-channel.connector.js';

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined);

/** `@name`, `name`, `t.me/name`, `https://t.me/s/name` → `name`. */
function channelName(value: string): string {
  return value
    .trim()
    .replace(/^(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me)\/(?:s\/)?/i, '')
    .replace(/^@/, '')
    .replace(/[/?#].*$/, '');
}

/** Telegram settings; every one optional: channels need TELEGRAM_CHANNELS, the bot needs TELEGRAM_BOT_TOKEN. */
export const telegramEnvSchema = z.object({
  /** Comma-separated public channel usernames (`durov`, `@durov` or `https://t.me/durov`). */
  TELEGRAM_CHANNELS: z
    .string()
    .optional()
    .transform((v) => [...new Set((v ?? '').split(',').map(channelName).filter(Boolean))])
    .pipe(z.array(z.string().regex(/^[A-Za-z0-9_]{4,64}$/, 'expected channel usernames (letters, digits, underscores)'))),
  TELEGRAM_WEB_URL: z.url().default('https://t.me'),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_URL: z.url().default('https://api.telegram.org'),
  TELEGRAM_POLL_INTERVAL_MS: envPositiveInt.default(60_000),
  /** Web preview requests per second: t.me is not an API, so stay polite. */
  TELEGRAM_WEB_RATE_PER_SECOND: z.coerce.number().positive().max(20).default(1),
  /** Pages of ~20 posts read on a channel's first run. */
  TELEGRAM_FIRST_RUN_PAGES: envPositiveInt.default(5),
  TELEGRAM_CATCH_UP_MAX_PAGES: envPositiveInt.default(50),
  /** getUpdates long-poll wait; below the HTTP timeout (30 s by default). */
  TELEGRAM_LONG_POLL_SECONDS: z.coerce.number().int().min(0).max(50).default(25),
});
export type TelegramEnv = z.infer<typeof telegramEnvSchema>;

export function createTelegramConnectors(env: TelegramEnv): SourceConnector[] {
  const connectors: SourceConnector[] = [];
  if (env.TELEGRAM_CHANNELS.length > 0) {
    connectors.push(
      new TelegramChannelConnector({
        channels: env.TELEGRAM_CHANNELS,
        webUrl: env.TELEGRAM_WEB_URL,
        pollIntervalMs: env.TELEGRAM_POLL_INTERVAL_MS,
        firstRunMaxPages: env.TELEGRAM_FIRST_RUN_PAGES,
        catchUpMaxPages: env.TELEGRAM_CATCH_UP_MAX_PAGES,
      }),
    );
  }
  if (env.TELEGRAM_BOT_TOKEN) {
    connectors.push(
      new TelegramBotConnector({
        token: env.TELEGRAM_BOT_TOKEN,
        apiUrl: env.TELEGRAM_API_URL,
        // Long polling already waits for news; a short pause between polls is enough.
        pollIntervalMs: 1000,
        longPollSeconds: env.TELEGRAM_LONG_POLL_SECONDS,
      }),
    );
  }
  return connectors;
}

/** HttpClient settings per Telegram connector name (`telegram-channels`, `telegram-bot`). */
export function telegramHttpOptions(env: TelegramEnv, connectorName: string): HttpClientOptions {
  if (connectorName === 'telegram-bot') {
    return { ratePerSecond: 20, timeoutMs: (env.TELEGRAM_LONG_POLL_SECONDS + 15) * 1000, retries: 5, initialBackoffMs: 1000, maxBackoffMs: 5 * 60_000, fetch: telegramBotFetch() };
  }
  return { ratePerSecond: env.TELEGRAM_WEB_RATE_PER_SECOND, timeoutMs: 30_000, retries: 5, initialBackoffMs: 2000, maxBackoffMs: 5 * 60_000 };
}
