import type { RawMentionInput, TrackedTopic } from '@pulse/contracts';
import { envPositiveInt } from '@pulse/runtime';
import { z } from 'zod';
import { SourceHttpError, type HttpClientOptions } from '../core/http.client.js';
import type { SourceBatch, SourceConnector, SourceContext } from '../core/source.port.js';

const idList = (pattern: RegExp, message: string) =>
  z
    .string()
    .optional()
    .transform((v) => [...new Set((v ?? '').split(',').map((s) => s.trim()).filter(Boolean))])
    .pipe(z.array(z.string().regex(pattern, message)));

/** `VAR=` (compose files, empty secrets) means unset, so defaults apply instead of failing validation. */
const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

export const youtubeEnvSchema = z.object({
  /** A Data API v3 key; with channel or video ids it turns the connector on. */
  YOUTUBE_API_KEY: blank(z.string().min(1).optional()),
  YOUTUBE_API_URL: blank(z.url().default('https://www.googleapis.com')),
  /** Comment threads on all videos of these channels (allThreadsRelatedToChannelId). */
  YOUTUBE_CHANNEL_IDS: idList(/^UC[\w-]{22}$/, 'channel ids look like UC + 22 characters'),
  YOUTUBE_VIDEO_IDS: idList(/^[\w-]{11}$/, 'video ids are 11 characters'),
  /** Units per UTC day this connector may spend (commentThreads.list costs 1). Keep under the project's quota. */
  YOUTUBE_DAILY_QUOTA: blank(envPositiveInt.default(10_000)),
  YOUTUBE_POLL_INTERVAL_MS: blank(envPositiveInt.default(15 * 60_000)),
  /** Pages of up to 100 threads per (target, term) and run. */
  YOUTUBE_MAX_PAGES: blank(envPositiveInt.default(5)),
});
export type YoutubeEnv = z.infer<typeof youtubeEnvSchema>;

/** The connector's HttpClient: the Data API limits by daily quota, not rate; few retries, since Google bills each. */
export function youtubeHttpOptions(_env: YoutubeEnv): HttpClientOptions {
  return { ratePerSecond: 5, timeoutMs: 30_000, retries: 2, initialBackoffMs: 2_000, maxBackoffMs: 60_000 };
}

export interface YoutubePosition {
  /** Newest top-level comment `publishedAt` seen (ISO). */
  publishedAt: string;
  /** Comment ids at exactly that instant, for ties. */
  ids: string[];
}
export interface YoutubeCursor extends YoutubePosition {
  /**
   * A walk back to this cursor that was cut short (daily budget, crash): where it got to
   * and what it already published, so the next run walks the same pages again without
   * publishing them twice.
   */
  partial?: { newest: YoutubePosition; published: string[] };
}
export interface YoutubeCheckpoint {
  quota: { day: string; used: number; exhausted: boolean };
  /** Per `channel:<id>|<term>` or `video:<id>|<term>`. */
  cursors: Record<string, YoutubeCursor>;
}

export interface YoutubeConnectorOptions {
  now?: () => number;
}

interface Target {
  kind: 'channel' | 'video';
  id: string;
}

const threadSchema = z.object({
  id: z.string().min(1),
  snippet: z.object({
    videoId: z.string().optional(),
    channelId: z.string().optional(),
    totalReplyCount: z.number().int().nonnegative().optional(),
    topLevelComment: z.object({
      id: z.string().min(1),
      snippet: z.object({
        textOriginal: z.string().optional(),
        textDisplay: z.string().optional(),
        authorDisplayName: z.string().min(1),
        authorChannelUrl: z.string().optional(),
        authorChannelId: z.object({ value: z.string().min(1) }).optional(),
        publishedAt: z.iso.datetime({ offset: true }),
        likeCount: z.number().int().nonnegative().optional(),
        videoId: z.string().optional(),
      }),
    }),
  }),
});
type Thread = z.infer<typeof threadSchema>;

const pageSchema = z.object({ items: z.array(z.unknown()).default([]), nextPageToken: z.string().optional() });

/**
 * YouTube comment threads on configured channels and videos, filtered server-side by each
 * tracked keyword (`searchTerms`), newest first. Quota, not rate, is the limit: every call
 * is counted per UTC day in the checkpoint, and collection stops at the budget or at the
 * first `quotaExceeded` until the day turns. A (target, term) cursor only moves once its
 * walk back to the previous cursor is complete; until then the checkpoint carries the
 * partial walk, so stopping half-way neither loses the older comments nor repeats the newer.
 */
export class YoutubeCommentsConnector implements SourceConnector<YoutubeCheckpoint> {
  readonly name = 'youtube-comments';
  readonly source = 'youtube' as const;
  readonly pollIntervalMs: number;
  private readonly now: () => number;
  private readonly apiUrl: string;
  /** Also kept here: a run that fails after spending units must not forget them. */
  private quota: YoutubeCheckpoint['quota'] | undefined;
  private loggedStopFor: string | undefined;

  constructor(
    private readonly env: YoutubeEnv & { YOUTUBE_API_KEY: string },
    options: YoutubeConnectorOptions = {},
  ) {
    this.pollIntervalMs = env.YOUTUBE_POLL_INTERVAL_MS;
    this.now = options.now ?? Date.now;
    this.apiUrl = env.YOUTUBE_API_URL.replace(/\/+$/, '');
  }

  private get targets(): Target[] {
    return [...this.env.YOUTUBE_CHANNEL_IDS.map((id) => ({ kind: 'channel' as const, id })), ...this.env.YOUTUBE_VIDEO_IDS.map((id) => ({ kind: 'video' as const, id }))];
  }

  async *collect(checkpoint: YoutubeCheckpoint | undefined, ctx: SourceContext): AsyncIterable<SourceBatch<YoutubeCheckpoint>> {
    const day = new Date(this.now()).toISOString().slice(0, 10);
    // Yesterday's spending does not count; today's is the larger of what was saved and what this process spent.
    const today = [checkpoint?.quota, this.quota].filter((q): q is YoutubeCheckpoint['quota'] => q?.day === day);
    const quota = { day, used: Math.max(0, ...today.map((q) => q.used)), exhausted: today.some((q) => q.exhausted) };
    const terms = searchTerms(ctx.topics());
    const keys = this.targets.flatMap((t) => terms.map((term) => ({ target: t, term, key: `${t.kind}:${t.id}|${term}` })));
    const state: YoutubeCheckpoint = { quota, cursors: {} };
    this.quota = state.quota;
    // Keywords no longer tracked drop out of the checkpoint.
    for (const { key } of keys) {
      const cursor = checkpoint?.cursors[key];
      if (cursor) state.cursors[key] = cursor;
    }
    const unavailable = new Set<string>();

    for (const { target, term, key } of keys) {
      if (unavailable.has(target.id)) continue;
      const saved = state.cursors[key];
      const cursor: YoutubePosition | undefined = saved && { publishedAt: saved.publishedAt, ids: saved.ids };
      let newest = saved?.partial?.newest ?? cursor;
      const published = new Set(saved?.partial?.published);
      let pageToken: string | undefined;
      const maxPages = cursor ? this.env.YOUTUBE_MAX_PAGES : 1;
      for (let page = 1; ; page++) {
        if (ctx.signal.aborted) return;
        if (this.outOfQuota(state, ctx)) {
          yield { items: [], checkpoint: structuredClone(state) };
          return;
        }
        state.quota.used++;
        let result: z.infer<typeof pageSchema>;
        try {
          result = await this.fetchPage(target, term, pageToken, ctx);
        } catch (error) {
          const reasons = error instanceof SourceHttpError ? googleErrorReasons(error.body) : [];
          if (error instanceof SourceHttpError && error.status === 403 && reasons.some((r) => r === 'quotaExceeded' || r === 'dailyLimitExceeded')) {
            state.quota.exhausted = true;
            this.outOfQuota(state, ctx);
            yield { items: [], checkpoint: structuredClone(state) };
            return;
          }
          if (error instanceof SourceHttpError && (error.status === 404 || (error.status === 403 && reasons.includes('commentsDisabled')))) {
            ctx.logger.warn({ target, reasons }, 'youtube: comments of this channel/video are unavailable; skipping it this run');
            unavailable.add(target.id);
            yield { items: [], checkpoint: structuredClone(state) };
            break;
          }
          throw error;
        }
        const items: RawMentionInput[] = [];
        let reachedCursor = false;
        for (const raw of result.items) {
          const parsed = threadSchema.safeParse(raw);
          if (!parsed.success) {
            ctx.skipped('malformed youtube comment thread', { key, issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) });
            continue;
          }
          const thread = parsed.data;
          const comment = thread.snippet.topLevelComment;
          const at = new Date(comment.snippet.publishedAt).toISOString();
          if (cursor && (at < cursor.publishedAt || (at === cursor.publishedAt && cursor.ids.includes(comment.id)))) {
            reachedCursor = true;
            continue;
          }
          newest = advance(newest, at, comment.id);
          if (published.has(comment.id)) continue;
          published.add(comment.id);
          const item = toMention(thread, at);
          if (item) items.push(item);
          else ctx.skipped('youtube comment without text', { key, id: comment.id });
        }
        pageToken = result.nextPageToken;
        const finished = reachedCursor || !pageToken || page >= maxPages;
        if (!reachedCursor && pageToken && page >= maxPages && cursor) {
          ctx.logger.warn({ key, pages: page }, 'youtube: more new comments than the page limit; older ones in between are not collected');
        }
        if (finished && newest) state.cursors[key] = newest;
        else if (cursor && newest) state.cursors[key] = { ...cursor, partial: { newest, published: [...published] } };
        yield { items, checkpoint: structuredClone(state) };
        if (finished) break;
      }
    }
  }

  /** True when no unit may be spent today; says so once per day. */
  private outOfQuota(state: YoutubeCheckpoint, ctx: SourceContext): boolean {
    const out = state.quota.exhausted || state.quota.used >= this.env.YOUTUBE_DAILY_QUOTA;
    if (out && this.loggedStopFor !== state.quota.day) {
      this.loggedStopFor = state.quota.day;
      ctx.logger.warn(
        { day: state.quota.day, used: state.quota.used, budget: this.env.YOUTUBE_DAILY_QUOTA, quotaExceeded: state.quota.exhausted },
        'youtube: daily quota spent; collection resumes after midnight UTC',
      );
    }
    return out;
  }

  private async fetchPage(target: Target, term: string, pageToken: string | undefined, ctx: SourceContext): Promise<z.infer<typeof pageSchema>> {
    const url = new URL(`${this.apiUrl}/youtube/v3/commentThreads`);
    url.searchParams.set('part', 'snippet');
    url.searchParams.set(target.kind === 'channel' ? 'allThreadsRelatedToChannelId' : 'videoId', target.id);
    url.searchParams.set('searchTerms', term);
    url.searchParams.set('maxResults', '100');
    url.searchParams.set('order', 'time');
    url.searchParams.set('textFormat', 'plainText');
    if (pageToken) url.searchParams.set('pageToken', pageToken);
    url.searchParams.set('key', this.env.YOUTUBE_API_KEY);
    return ctx.http.request({
      url,
      init: { headers: { accept: 'application/json' } },
      signal: ctx.signal,
      parse: async (res) => {
        const parsed = pageSchema.safeParse(await res.json());
        if (!parsed.success) throw new Error(`youtube commentThreads answered an unexpected shape: ${parsed.error.issues[0]?.message ?? ''}`);
        return parsed.data;
      },
    });
  }
}

/** One search per distinct keyword: searchTerms has no OR. */
export function searchTerms(topics: readonly TrackedTopic[]): string[] {
  const byLower = new Map<string, string>();
  for (const keyword of topics.flatMap((t) => t.keywords)) {
    const term = keyword.trim();
    if (term && !byLower.has(term.toLowerCase())) byLower.set(term.toLowerCase(), term);
  }
  return [...byLower.values()];
}

function advance(cursor: YoutubePosition | undefined, at: string, id: string): YoutubePosition {
  if (!cursor || at > cursor.publishedAt) return { publishedAt: at, ids: [id] };
  if (at === cursor.publishedAt && !cursor.ids.includes(id)) return { publishedAt: at, ids: [...cursor.ids, id] };
  return cursor;
}

function googleErrorReasons(body: string): string[] {
  try {
    const parsed = z.object({ error: z.object({ errors: z.array(z.object({ reason: z.string() })).optional() }) }).safeParse(JSON.parse(body));
    return parsed.success ? (parsed.data.error.errors ?? []).map((e) => e.reason) : [];
  } catch {
    return [];
  }
}

function toMention(thread: Thread, publishedAt: string): RawMentionInput | undefined {
  const comment = thread.snippet.topLevelComment;
  const s = comment.snippet;
  const text = (s.textOriginal ?? s.textDisplay ?? '').trim();
  if (!text) return undefined;
  const videoId = thread.snippet.videoId ?? s.videoId;
  const channelId = thread.snippet.channelId;
  const authorUrl = s.authorChannelUrl && /^https?:\/\//.test(s.authorChannelUrl) ? s.authorChannelUrl : null;
  return {
    source: 'youtube',
    sourceId: comment.id,
    url: videoId
      ? `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}&lc=${encodeURIComponent(comment.id)}`
      : channelId
        ? `https://www.youtube.com/channel/${encodeURIComponent(channelId)}`
        : null,
    text,
    author: {
      id: s.authorChannelId?.value ?? `name:${s.authorDisplayName}`,
      handle: s.authorDisplayName,
      name: s.authorDisplayName.replace(/^@/, ''),
      url: authorUrl,
    },
    publishedAt,
    engagement: { likes: s.likeCount ?? 0, reposts: 0, comments: thread.snippet.totalReplyCount ?? 0 },
  };
}

export function createYoutubeConnectors(env: YoutubeEnv, options: YoutubeConnectorOptions = {}): SourceConnector[] {
  const key = env.YOUTUBE_API_KEY;
  if (!key) return [];
  if (env.YOUTUBE_CHANNEL_IDS.length === 0 && env.YOUTUBE_VIDEO_IDS.length === 0) {
    throw new Error('youtube: YOUTUBE_API_KEY is set but there is nothing to watch: set YOUTUBE_CHANNEL_IDS and/or YOUTUBE_VIDEO_IDS');
  }
  return [new YoutubeCommentsConnector({ ...env, YOUTUBE_API_KEY: key }, options)];
}
