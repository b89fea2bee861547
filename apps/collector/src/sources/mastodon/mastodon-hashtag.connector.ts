import type { RawMentionInput, TrackedTopic } from '@pulse/contracts';
import { envPositiveInt } from '@pulse/runtime';
import { z } from 'zod';
import { abortableSleep, type HttpClientOptions } from '../core/http.client.js';
import type { SourceBatch, SourceConnector, SourceContext } from '../core/source.port.js';
import { StreamBatches } from '../bluesky/stream-batches.js';
import { maxStatusId, statusIdSchema, statusToMention } from './mastodon-status.mapper.js';
import { readServerSentEvents } from './server-sent-events.js';

const hashtagList = z
  .string()
  .optional()
  .transform((v) => [...new Set((v ?? '').split(',').map((t) => t.trim().replace(/^#/, '').toLowerCase()).filter(Boolean))])
  .pipe(z.array(z.string().regex(/^[\p{L}\p{N}_]+$/u, 'hashtags are letters, digits and _ only')));

/** `VAR=` (compose files, empty secrets) means unset, so defaults apply instead of failing validation. */
const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

export const mastodonEnvSchema = z.object({
  /** e.g. https://mastodon.social; setting it turns the connector on. Any proxy URL works. */
  MASTODON_INSTANCE_URL: blank(z.url({ protocol: /^https?$/ }).optional()),
  /** Some instances (and most streaming endpoints) require a token: an app token with `read:statuses`. */
  MASTODON_ACCESS_TOKEN: blank(z.string().min(1).optional()),
  /** Comma-separated, without '#'. Unset: the single-word keywords of the tracked topics. */
  MASTODON_HASHTAGS: hashtagList,
  MASTODON_MODE: blank(z.enum(['poll', 'stream']).default('poll')),
  /** When the streaming API lives on another host (`urls.streaming_api` of /api/v1/instance). */
  MASTODON_STREAMING_URL: blank(z.url({ protocol: /^https?$/ }).optional()),
  MASTODON_POLL_INTERVAL_MS: blank(envPositiveInt.default(60_000)),
  MASTODON_PAGE_SIZE: blank(envPositiveInt.max(40).default(40)),
  /** Pages per hashtag and run; what is left waits for the next run (the cursor is saved per page). */
  MASTODON_MAX_PAGES: blank(envPositiveInt.default(20)),
  MASTODON_STREAM_BATCH_SIZE: blank(envPositiveInt.default(50)),
  MASTODON_STREAM_FLUSH_MS: blank(envPositiveInt.default(2_000)),
});
export type MastodonEnv = z.infer<typeof mastodonEnvSchema>;

/** The connector's HttpClient: Mastodon allows 300 requests per 5 minutes per account or IP, one a second. */
export function mastodonHttpOptions(_env: MastodonEnv): HttpClientOptions {
  return { ratePerSecond: 1, timeoutMs: 30_000, retries: 5, initialBackoffMs: 1_000, maxBackoffMs: 5 * 60_000 };
}

export interface MastodonCheckpoint {
  /** Per lower-case hashtag: the highest status id collected (a numeric string). */
  hashtags: Record<string, string>;
}

export interface MastodonConnectorOptions {
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  /** For the streaming connection, which bypasses the request/response HttpClient. */
  fetch?: typeof fetch;
  reconnectBackoffMs?: { initial: number; max: number };
}

interface TimelinePage {
  statuses: unknown[];
  /** `min_id` of the Link rel="prev" URL: where the next newer page starts. */
  prevMinId: string | undefined;
  pauseMs: number | undefined;
}

/**
 * Hashtag timelines of one Mastodon instance. Poll mode walks each tag forward with
 * `min_id` (oldest-new first page, then newer), saving the cursor after every page, so a
 * restart resumes exactly. Stream mode catches up the same way, then follows
 * `/api/v1/streaming/hashtag` until shutdown, catching up again after every reconnect.
 */
export class MastodonHashtagConnector implements SourceConnector<MastodonCheckpoint> {
  readonly name = 'mastodon-hashtags';
  readonly source = 'mastodon' as const;
  readonly pollIntervalMs: number;
  private readonly baseUrl: string;
  private readonly streamingUrl: string;
  private readonly host: string;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;
  private readonly fetchImpl: typeof fetch;
  private readonly reconnect: { initial: number; max: number };
  private pauseUntil = 0;

  constructor(
    private readonly env: MastodonEnv & { MASTODON_INSTANCE_URL: string },
    options: MastodonConnectorOptions = {},
  ) {
    this.baseUrl = env.MASTODON_INSTANCE_URL.replace(/\/+$/, '');
    this.streamingUrl = (env.MASTODON_STREAMING_URL ?? env.MASTODON_INSTANCE_URL).replace(/\/+$/, '');
    this.host = new URL(env.MASTODON_INSTANCE_URL).host;
    // A stream only returns on shutdown or failure; come back quickly either way.
    this.pollIntervalMs = env.MASTODON_MODE === 'stream' ? 1_000 : env.MASTODON_POLL_INTERVAL_MS;
    this.sleep = options.sleep ?? abortableSleep;
    this.now = options.now ?? Date.now;
    this.fetchImpl = options.fetch ?? fetch;
    this.reconnect = options.reconnectBackoffMs ?? { initial: 1_000, max: 60_000 };
  }

  hashtags(topics: readonly TrackedTopic[]): string[] {
    if (this.env.MASTODON_HASHTAGS.length > 0) return this.env.MASTODON_HASHTAGS;
    return hashtagsFromTopics(topics);
  }

  async *collect(checkpoint: MastodonCheckpoint | undefined, ctx: SourceContext): AsyncIterable<SourceBatch<MastodonCheckpoint>> {
    const tags = this.hashtags(ctx.topics());
    const state: MastodonCheckpoint = { hashtags: {} };
    // Tags no longer followed drop out of the checkpoint.
    for (const tag of tags) {
      const cursor = checkpoint?.hashtags[tag];
      if (cursor) state.hashtags[tag] = cursor;
    }
    if (tags.length === 0) {
      ctx.logger.debug('mastodon: no hashtags (set MASTODON_HASHTAGS or add single-word topic keywords)');
      return;
    }
    if (this.env.MASTODON_MODE === 'stream') {
      yield* this.stream(tags, state, ctx);
      return;
    }
    for (const tag of tags) yield* this.catchUp(tag, state, ctx);
  }

  private async *catchUp(tag: string, state: MastodonCheckpoint, ctx: SourceContext): AsyncGenerator<SourceBatch<MastodonCheckpoint>> {
    const start = state.hashtags[tag];
    // A tag never collected takes the latest page only: "from now on", not its whole history.
    const maxPages = start ? this.env.MASTODON_MAX_PAGES : 1;
    for (let page = 1; page <= maxPages; page++) {
      if (ctx.signal.aborted) return;
      const cursor = state.hashtags[tag];
      const result = await this.timeline(tag, cursor, ctx);
      const items: RawMentionInput[] = [];
      let newest = cursor;
      for (const raw of result.statuses) {
        const id = statusIdSchema.safeParse((raw as { id?: unknown } | null)?.id);
        if (id.success) {
          // A proxy or an old server ignoring min_id must not make us re-publish.
          if (cursor && BigInt(id.data) <= BigInt(cursor)) continue;
          newest = maxStatusId(newest, id.data);
        }
        const mapped = statusToMention(raw, this.host);
        if (mapped.ok) items.push(mapped.item);
        else ctx.skipped(mapped.reason, { hashtag: tag });
      }
      const next = maxStatusId(newest, result.prevMinId && cursor && BigInt(result.prevMinId) > BigInt(cursor) ? result.prevMinId : undefined);
      if (next) state.hashtags[tag] = next;
      yield { items: items.reverse(), checkpoint: structuredClone(state) };
      if (result.statuses.length < this.env.MASTODON_PAGE_SIZE || next === cursor) return;
    }
  }

  private async timeline(tag: string, minId: string | undefined, ctx: SourceContext): Promise<TimelinePage> {
    const wait = this.pauseUntil - this.now();
    if (wait > 0) {
      ctx.logger.info({ waitMs: wait }, 'mastodon rate-limit window spent; waiting for its reset');
      await this.sleep(wait, ctx.signal);
    }
    const url = new URL(`${this.baseUrl}/api/v1/timelines/tag/${encodeURIComponent(tag)}`);
    url.searchParams.set('limit', String(this.env.MASTODON_PAGE_SIZE));
    if (minId) url.searchParams.set('min_id', minId);
    const page = await ctx.http.request<TimelinePage>({
      url,
      init: { headers: this.headers('application/json') },
      signal: ctx.signal,
      parse: async (res) => {
        const body: unknown = await res.json();
        if (!Array.isArray(body)) throw new Error(`mastodon tag timeline answered ${typeof body}, not an array of statuses`);
        return { statuses: body, prevMinId: prevMinId(res.headers.get('link')), pauseMs: rateLimitPause(res.headers, this.now()) };
      },
    });
    if (page.pauseMs !== undefined) this.pauseUntil = this.now() + page.pauseMs;
    return page;
  }

  private async *stream(tags: string[], state: MastodonCheckpoint, ctx: SourceContext): AsyncGenerator<SourceBatch<MastodonCheckpoint>> {
    let backoff = this.reconnect.initial;
    const tagsKey = tags.join(',');
    while (!ctx.signal.aborted) {
      const connection = new AbortController();
      const signal = AbortSignal.any([ctx.signal, connection.signal]);
      const queue = new StreamBatches<{ tag: string; raw: unknown }>(this.env.MASTODON_STREAM_BATCH_SIZE, this.env.MASTODON_STREAM_FLUSH_MS);
      const readers: Promise<void>[] = [];
      try {
        // Open the streams first, then catch up: a status posted in between comes both ways (same id), never neither.
        for (const tag of tags) readers.push(this.follow(tag, signal, queue, ctx).catch((error: unknown) => queue.fail(error)));
        for (const tag of tags) yield* this.catchUp(tag, state, ctx);
        for await (const batch of queue.drain(ctx.signal)) {
          const items = new Map<string, RawMentionInput>();
          for (const { tag, raw } of batch) {
            const id = statusIdSchema.safeParse((raw as { id?: unknown } | null)?.id);
            const cursor = state.hashtags[tag];
            if (id.success && cursor && BigInt(id.data) <= BigInt(cursor)) continue;
            const mapped = statusToMention(raw, this.host);
            if (!mapped.ok) {
              ctx.skipped(mapped.reason, { hashtag: tag });
              continue;
            }
            if (id.success) state.hashtags[tag] = maxStatusId(cursor, id.data)!;
            // A status carrying two followed tags arrives on both streams.
            items.set(mapped.item.sourceId, mapped.item);
          }
          if (batch.length > 0) {
            backoff = this.reconnect.initial;
            yield { items: [...items.values()], checkpoint: structuredClone(state) };
          }
          if (this.hashtags(ctx.topics()).join(',') !== tagsKey) {
            ctx.logger.info('mastodon: followed hashtags changed; reconnecting');
            return;
          }
        }
        return;
      } catch (error) {
        if (ctx.signal.aborted) return;
        ctx.logger.warn({ err: error, retryInMs: backoff }, 'mastodon stream interrupted; reconnecting');
        await this.sleep(backoff, ctx.signal).catch(() => undefined);
        backoff = Math.min(backoff * 2, this.reconnect.max);
      } finally {
        connection.abort();
        await Promise.allSettled(readers);
      }
    }
  }

  private async follow(tag: string, signal: AbortSignal, queue: StreamBatches<{ tag: string; raw: unknown }>, ctx: SourceContext): Promise<void> {
    const url = new URL(`${this.streamingUrl}/api/v1/streaming/hashtag`);
    url.searchParams.set('tag', tag);
    const res = await this.fetchImpl(url, { headers: this.headers('text/event-stream'), signal });
    if (!res.ok || !res.body) throw new Error(`mastodon streaming answered HTTP ${res.status} for #${tag}`);
    for await (const event of readServerSentEvents(res.body)) {
      if (event.event !== 'update') continue;
      try {
        queue.push({ tag, raw: JSON.parse(event.data) });
      } catch {
        ctx.skipped('mastodon stream event is not JSON', { hashtag: tag });
      }
    }
    if (!signal.aborted) throw new Error(`mastodon stream for #${tag} closed by the server`);
  }

  private headers(accept: string): Record<string, string> {
    return { accept, ...(this.env.MASTODON_ACCESS_TOKEN ? { authorization: `Bearer ${this.env.MASTODON_ACCESS_TOKEN}` } : {}) };
  }
}

/** Hashtags cannot contain spaces or punctuation, so only single-word keywords qualify. */
export function hashtagsFromTopics(topics: readonly TrackedTopic[]): string[] {
  const tags = topics.flatMap((t) => t.keywords.map((k) => k.trim().replace(/^#/, '').toLowerCase())).filter((k) => /^[\p{L}\p{N}_]+$/u.test(k));
  return [...new Set(tags)];
}

function prevMinId(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?prev"?/.exec(part);
    if (!match) continue;
    try {
      const minId = new URL(match[1]!).searchParams.get('min_id') ?? undefined;
      return minId && statusIdSchema.safeParse(minId).success ? minId : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function rateLimitPause(headers: Headers, now: number): number | undefined {
  const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN);
  const reset = Date.parse(headers.get('x-ratelimit-reset') ?? '');
  if (Number.isNaN(remaining) || Number.isNaN(reset) || remaining >= 1) return undefined;
  return Math.max(0, reset - now);
}

export function createMastodonConnectors(env: MastodonEnv, options: MastodonConnectorOptions = {}): SourceConnector[] {
  const instance = env.MASTODON_INSTANCE_URL;
  if (!instance) return [];
  return [new MastodonHashtagConnector({ ...env, MASTODON_INSTANCE_URL: instance }, options)];
}
