export { createRssConnectors, RssFeedConnector, rssEnvSchema, rssHttpOptions, type RssCheckpoint, type RssConnectorOptions, type RssEnv } from './rss-feed.connector.js';
export { FeedParseError, parseFeed, type FeedEntry, type ParsedFeed } from './feed.parser.js';
