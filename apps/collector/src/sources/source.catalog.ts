import { z } from 'zod';
import { blueskyEnvSchema, createBlueskyConnectors } from './bluesky/index.js';
import type { HttpClientOptions } from './core/http.client.js';
import type { SourceConnector } from './core/source.port.js';
import { createMastodonConnectors, mastodonEnvSchema, mastodonHttpOptions } from './mastodon/index.js';
import { createRedditConnectors, redditEnvSchema, redditHttpOptions } from './reddit/index.js';
import { createRssConnectors, rssEnvSchema, rssHttpOptions } from './rss/index.js';
import { createTelegramConnectors, telegramEnvSchema, telegramHttpOptions } from './telegram/telegram.connectors.js';
import { createVkConnectors, vkEnvSchema, vkHttpOptions } from './vk/vk.connectors.js';
import { createXConnectors, xEnvSchema, xHttpOptions } from './x/x.connectors.js';
import { createYoutubeConnectors, youtubeEnvSchema, youtubeHttpOptions } from './youtube/index.js';

/** Every connector's settings in one schema, so a bad variable anywhere is reported with the rest. */
export const sourcesEnvSchema = z.object({
  ...vkEnvSchema.shape,
  ...telegramEnvSchema.shape,
  ...xEnvSchema.shape,
  ...redditEnvSchema.shape,
  ...mastodonEnvSchema.shape,
  ...youtubeEnvSchema.shape,
  ...blueskyEnvSchema.shape,
  ...rssEnvSchema.shape,
});
export type SourcesEnv = z.infer<typeof sourcesEnvSchema>;

export interface ConfiguredConnector {
  connector: SourceConnector;
  /** Connectors with the same key share one HTTP client, i.e. one rate limit (one API token). */
  httpKey: string;
  http: HttpClientOptions;
}

/** The connectors whose credentials or settings are present; none for a bare install. */
export function configuredConnectors(env: SourcesEnv): ConfiguredConnector[] {
  const group = (connectors: SourceConnector[], httpKey: string | ((c: SourceConnector) => string), http: (c: SourceConnector) => HttpClientOptions): ConfiguredConnector[] =>
    connectors.map((connector) => ({ connector, httpKey: typeof httpKey === 'string' ? httpKey : httpKey(connector), http: http(connector) }));
  return [
    ...group(createVkConnectors(env), 'vk', () => vkHttpOptions(env)),
    ...group(createTelegramConnectors(env), (c) => c.name, (c) => telegramHttpOptions(env, c.name)),
    ...group(createXConnectors(env), 'x', () => xHttpOptions(env)),
    ...group(createRedditConnectors(env), 'reddit', () => redditHttpOptions(env)),
    ...group(createMastodonConnectors(env), 'mastodon', () => mastodonHttpOptions(env)),
    ...group(createYoutubeConnectors(env), 'youtube', () => youtubeHttpOptions(env)),
    // Jetstream is a WebSocket: its HTTP client is never used, the options only satisfy the runner.
    ...group(createBlueskyConnectors(env), 'bluesky', () => ({ ratePerSecond: 1 })),
    ...group(createRssConnectors(env), 'rss', () => rssHttpOptions(env)),
  ];
}
