import { describe, expect, it } from 'vitest';
import { configuredConnectors, sourcesEnvSchema } from './source.catalog.js';

describe('configuredConnectors', () => {
  it('runs nothing on a bare install', () => {
    expect(configuredConnectors(sourcesEnvSchema.parse({}))).toEqual([]);
  });

  it('enables each connector by its settings, sharing one HTTP client per API token', () => {
    const env = sourcesEnvSchema.parse({
      VK_ACCESS_TOKEN: 'vk-token',
      VK_COMMUNITIES: 'beeline',
      TELEGRAM_CHANNELS: 'mts_news',
      RSS_FEEDS: 'https://example.com/feed.xml',
      BLUESKY_ENABLED: 'true',
    });
    const configured = configuredConnectors(env);
    expect(configured.map((c) => c.connector.name).sort()).toEqual(['bluesky-jetstream', 'rss', 'telegram-channels', 'vk-newsfeed', 'vk-wall']);
    const vk = configured.filter((c) => c.connector.source === 'vk');
    expect(new Set(vk.map((c) => c.httpKey)).size).toBe(1);
    expect(new Set(configured.map((c) => c.connector.name)).size).toBe(configured.length);
  });
});
