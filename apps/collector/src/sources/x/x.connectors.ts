import { envBoolean, envPositiveInt } from '@pulse/runtime';
import { z } from 'zod';
import type { HttpClientOptions } from '../core/http.client.js';
import type { SourceConnector } from '../core/source.port.js';
import { xRateLimitFetch } from './x-api.client.js';
import { XSearchConnector } from './x-search.connector.js';
import { XStreamConnector } from './x-stream.connector.js';

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined);

/** X settings; every one optional: without X_BEARER_TOKEN no X connector runs. */
export const xEnvSchema = z.object({
  X_BEARER_TOKEN: optionalString,
  X_API_URL: z.url().default('https://api.x.com'),
  X_MODE: z.enum(['search', 'stream']).default('search'),
  /** Search polls; mind the tier: Basic allows 60 recent-search requests per 15 minutes per app. */
  X_POLL_INTERVAL_MS: envPositiveInt.default(5 * 60_000),
  /** First run of a new search query looks back this far (the API stops at 7 days). */
  X_LOOKBACK_HOURS: z.coerce.number().int().positive().max(168).default(24),
  /** Query and rule length limit of the access tier (512 on Basic and Pro for most endpoints). */
  X_MAX_QUERY_LENGTH: z.coerce.number().int().min(64).max(4096).default(512),
  X_INCLUDE_RETWEETS: envBoolean.default(false),
  X_RATE_PER_SECOND: z.coerce.number().positive().max(50).default(1),
  X_STREAM_FLUSH_ITEMS: envPositiveInt.default(50),
  X_STREAM_FLUSH_MS: envPositiveInt.default(1000),
  /** After a restart or reconnect, fill the gap since the last streamed tweet with recent search. */
  X_STREAM_CATCH_UP: envBoolean.default(true),
});
export type XEnv = z.infer<typeof xEnvSchema>;

export function createXConnectors(env: XEnv): SourceConnector[] {
  if (!env.X_BEARER_TOKEN) return [];
  const api = { apiUrl: env.X_API_URL, bearerToken: env.X_BEARER_TOKEN };
  const query = { maxLength: env.X_MAX_QUERY_LENGTH, includeRetweets: env.X_INCLUDE_RETWEETS };
  if (env.X_MODE === 'stream') {
    return [
      new XStreamConnector({
        ...api,
        ...query,
        flushItems: env.X_STREAM_FLUSH_ITEMS,
        flushMs: env.X_STREAM_FLUSH_MS,
        stallMs: 60_000,
        initialBackoffMs: 1000,
        maxBackoffMs: 5 * 60_000,
        catchUp: env.X_STREAM_CATCH_UP,
      }),
    ];
  }
  return [new XSearchConnector({ ...api, ...query, pollIntervalMs: env.X_POLL_INTERVAL_MS, lookbackMs: env.X_LOOKBACK_HOURS * 3600_000 })];
}

/**
 * HttpClient settings for the X connectors. The fetch turns a 429's `x-rate-limit-reset`
 * into the wait HttpClient honours; windows are 15 minutes, hence the long maximum backoff.
 */
export function xHttpOptions(env: XEnv): HttpClientOptions {
  return { ratePerSecond: env.X_RATE_PER_SECOND, timeoutMs: 30_000, retries: 3, initialBackoffMs: 2000, maxBackoffMs: 16 * 60_000, fetch: xRateLimitFetch() };
}
