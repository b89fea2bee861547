import { createHash } from 'node:crypto';
import type { RawMentionInput } from '@pulse/contracts';
import { envPositiveInt } from '@pulse/runtime';
import { z } from 'zod';
import { SourceHttpError, type HttpClientOptions } from '../core/http.client.js';
import type { SourceBatch, SourceConnector, SourceContext } from '../core/source.port.js';
import { parseFeed, type FeedEntry } from './feed.parser.js';

/** `VAR=` (compose files, empty secrets) means unset, so defaults apply instead of failing validation. */
const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

export const rssEnvSchema = z.object({
  /** Comma-separated feed URLs: news sites, Google News / Yandex search RSS, blogs. */
  RSS_FEEDS: z
    .string()
    .optional()
    .transform((v) => [...new Set((v ?? '').split(',').map((u) => u.trim()).filter(Boolean))])
    .pipe(z.array(z.url({ protocol: /^https?$/, message: 'each RSS feed must be an http(s) URL' }))),
  RSS_POLL_INTERVAL_MS: blank(envPositiveInt.default(5 * 60_000)),
  /** How many item ids per feed the checkpoint remembers, so re-listed items are not re-published. */
  RSS_SEEN_LIMIT: blank(envPositiveInt.default(500)),
});
export type RssEnv = z.infer<typeof rssEnvSchema>;

/** The connector's HttpClient: feeds are many hosts polled once per interval; this only stops a burst against one aggregator. */
export function rssHttpOptions(_env: RssEnv): HttpClientOptions {
  return { ratePerSecond: 2, timeoutMs: 20_000, retries: 2, initialBackoffMs: 1_000, maxBackoffMs: 30_000 };
}
const MAX_FEED_CHARS = 10 * 1024 * 1024;

export interface RssFeedState {
  etag?: string;
  lastModified?: string;
  /** Most recent first. */
  seen: string[];
}
export interface RssCheckpoint {
  feeds: Record<string, RssFeedState>;
}

export interface RssConnectorOptions {
  now?: () => number;
}

type FeedFetch = { status: 'not-modified' } | { status: 'ok'; body: string; etag: string | undefined; lastModified: string | undefined };

/**
 * Polls RSS 2.0 / RSS 1.0 / Atom feeds with conditional GETs (a 304 costs the publisher
 * nothing) and publishes items not seen before. One connector for all feeds, fetched in
 * turn: a broken feed is logged and skipped, and only all feeds failing counts as an error.
 */
export class RssFeedConnector implements SourceConnector<RssCheckpoint> {
  readonly name = 'rss';
  readonly source = 'rss' as const;
  readonly pollIntervalMs: number;
  private readonly now: () => number;

  constructor(
    private readonly feeds: readonly string[],
    private readonly seenLimit: number,
    pollIntervalMs: number,
    options: RssConnectorOptions = {},
  ) {
    this.pollIntervalMs = pollIntervalMs;
    this.now = options.now ?? Date.now;
  }

  async *collect(checkpoint: RssCheckpoint | undefined, ctx: SourceContext): AsyncIterable<SourceBatch<RssCheckpoint>> {
    // Feeds dropped from RSS_FEEDS lose their state here so the checkpoint does not grow forever.
    const state: RssCheckpoint = { feeds: {} };
    for (const feed of this.feeds) {
      const previous = checkpoint?.feeds[feed];
      if (previous) state.feeds[feed] = previous;
    }
    const failures: { feed: string; error: unknown }[] = [];
    for (const feed of this.feeds) {
      if (ctx.signal.aborted) return;
      try {
        const result = await this.collectFeed(feed, state.feeds[feed], ctx);
        if (!result) continue;
        state.feeds[feed] = result.state;
        yield { items: result.items, checkpoint: structuredClone(state) };
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        failures.push({ feed, error });
        ctx.logger.warn({ err: error, feed }, 'RSS feed failed; the other feeds continue');
      }
    }
    if (failures.length > 0 && failures.length === this.feeds.length) {
      throw new AggregateError(failures.map((f) => f.error), `all ${failures.length} RSS feeds failed`);
    }
  }

  private async collectFeed(feed: string, previous: RssFeedState | undefined, ctx: SourceContext): Promise<{ items: RawMentionInput[]; state: RssFeedState } | undefined> {
    const fetched = await this.fetchFeed(feed, previous, ctx);
    if (fetched.status === 'not-modified') return undefined;

    const parsed = parseFeed(fetched.body);
    const seen = new Set(previous?.seen ?? []);
    const current: string[] = [];
    const items: RawMentionInput[] = [];
    const feedHost = new URL(feed).host;
    for (const entry of parsed.entries) {
      if (!entry.link && !entry.title) {
        ctx.skipped('rss item has neither link nor title', { feed, id: entry.id });
        continue;
      }
      const sourceId = entry.id ?? entry.link ?? `title:${createHash('sha256').update(entry.title).digest('hex').slice(0, 32)}`;
      if (current.includes(sourceId)) continue;
      current.push(sourceId);
      if (seen.has(sourceId)) continue;
      const item = this.toMention(entry, sourceId, feed, feedHost, parsed.title, parsed.link);
      if (item) items.push(item);
      else ctx.skipped('rss item has no text', { feed, id: sourceId });
    }
    // Everything currently listed stays remembered even past the limit, or a long feed would re-publish its tail.
    const limit = Math.max(this.seenLimit, current.length);
    const remembered = [...current, ...(previous?.seen ?? []).filter((id) => !current.includes(id))].slice(0, limit);
    return {
      items,
      state: {
        ...(fetched.etag ? { etag: fetched.etag } : {}),
        ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}),
        seen: remembered,
      },
    };
  }

  private async fetchFeed(feed: string, previous: RssFeedState | undefined, ctx: SourceContext): Promise<FeedFetch> {
    const headers: Record<string, string> = { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5' };
    if (previous?.etag) headers['if-none-match'] = previous.etag;
    if (previous?.lastModified) headers['if-modified-since'] = previous.lastModified;
    try {
      return await ctx.http.request<FeedFetch>({
        url: feed,
        init: { headers },
        signal: ctx.signal,
        parse: async (res) => {
          const body = await res.text();
          if (body.length > MAX_FEED_CHARS) throw new Error(`feed is larger than ${MAX_FEED_CHARS} characters`);
          return { status: 'ok', body, etag: res.headers.get('etag') ?? undefined, lastModified: res.headers.get('last-modified') ?? undefined };
        },
      });
    } catch (error) {
      // HttpClient only hands 2xx to `parse`; a 304 surfaces as an "error" with its status.
      if (error instanceof SourceHttpError && error.status === 304) return { status: 'not-modified' };
      throw error;
    }
  }

  private toMention(entry: FeedEntry, sourceId: string, feed: string, feedHost: string, feedTitle: string | undefined, feedLink: string | undefined): RawMentionInput | undefined {
    const text = [entry.title, entry.summary].filter((part, i, parts) => part && (i === 0 || !parts[0]!.includes(part))).join('\n\n').trim();
    if (!text) return undefined;
    const published = entry.published ? Date.parse(entry.published) : Number.NaN;
    const publisherUrl = absoluteUrl(entry.publisher?.url, feed);
    const publisherHost = publisherUrl ? new URL(publisherUrl).host : feedHost;
    const siteUrl = publisherUrl ?? absoluteUrl(feedLink, feed) ?? new URL(feed).origin;
    return {
      source: 'rss',
      sourceId: sourceId.slice(0, 512),
      url: absoluteUrl(entry.link, feed) ?? null,
      text,
      author: {
        id: publisherHost,
        handle: publisherHost,
        name: (entry.author ?? entry.publisher?.name ?? feedTitle ?? publisherHost).slice(0, 512),
        url: siteUrl,
      },
      // An undated item is news as of now; the seen-set keeps it from being re-dated on the next poll.
      publishedAt: new Date(Number.isNaN(published) ? this.now() : published).toISOString(),
    };
  }
}

function absoluteUrl(link: string | undefined, base: string): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

export function createRssConnectors(env: RssEnv, options: RssConnectorOptions = {}): SourceConnector[] {
  if (env.RSS_FEEDS.length === 0) return [];
  return [new RssFeedConnector(env.RSS_FEEDS, env.RSS_SEEN_LIMIT, env.RSS_POLL_INTERVAL_MS, options)];
}
