import { envPositiveInt } from '@pulse/runtime';
import { z } from 'zod';
import type { HttpClientOptions } from '../core/http.client.js';
import type { SourceConnector } from '../core/source.port.js';
import { VkNewsfeedConnector } from './vk-newsfeed.connector.js';
import { VkWallConnector } from './vk-wall.connector.js';

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined);

/** VK settings; every one optional: without VK_ACCESS_TOKEN no VK connector runs. */
export const vkEnvSchema = z.object({
  VK_ACCESS_TOKEN: optionalString,
  VK_API_URL: z.url().default('https://api.vk.com/method'),
  /** Comma-separated community screen names or ids whose walls and comments are collected. */
  VK_COMMUNITIES: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((c) => c.trim()).filter(Boolean)),
  /** VK allows 3 requests/s per user token (20 for service tokens with the right app). */
  VK_RATE_PER_SECOND: z.coerce.number().positive().max(100).default(3),
  VK_POLL_INTERVAL_MS: envPositiveInt.default(60_000),
  /** How far back a new search query or community looks on its first run. */
  VK_LOOKBACK_HOURS: envPositiveInt.default(24),
  /** Search windows end this many seconds before now (VK's search index lags). */
  VK_SEARCH_LAG_SECONDS: z.coerce.number().int().nonnegative().default(60),
  /** New comments are collected under posts younger than this. */
  VK_COMMENT_WINDOW_HOURS: envPositiveInt.default(72),
  VK_WALL_MAX_PAGES: envPositiveInt.default(10),
});
export type VkEnv = z.infer<typeof vkEnvSchema>;

/**
 * VK connectors for the configured token: newsfeed search over topic keywords always, wall
 * watching when VK_COMMUNITIES is set. Both use the same token, hence the same VK rate limit:
 * give them one shared HttpClient built from `vkHttpOptions`.
 */
export function createVkConnectors(env: VkEnv): SourceConnector[] {
  if (!env.VK_ACCESS_TOKEN) return [];
  const api = { apiUrl: env.VK_API_URL, accessToken: env.VK_ACCESS_TOKEN };
  const lookbackSeconds = env.VK_LOOKBACK_HOURS * 3600;
  const connectors: SourceConnector[] = [
    new VkNewsfeedConnector({ ...api, pollIntervalMs: env.VK_POLL_INTERVAL_MS, lookbackSeconds, indexLagSeconds: env.VK_SEARCH_LAG_SECONDS }),
  ];
  if (env.VK_COMMUNITIES.length > 0) {
    connectors.push(
      new VkWallConnector({
        ...api,
        communities: env.VK_COMMUNITIES,
        pollIntervalMs: env.VK_POLL_INTERVAL_MS,
        lookbackSeconds,
        commentWindowSeconds: env.VK_COMMENT_WINDOW_HOURS * 3600,
        maxPages: env.VK_WALL_MAX_PAGES,
      }),
    );
  }
  return connectors;
}

/** HttpClient settings for the VK connectors (one client per token). */
export function vkHttpOptions(env: VkEnv): HttpClientOptions {
  return { ratePerSecond: env.VK_RATE_PER_SECOND, timeoutMs: 30_000, retries: 5, initialBackoffMs: 1000, maxBackoffMs: 60_000 };
}
