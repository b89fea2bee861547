import type { RawMentionInput, TrackedTopic } from '@pulse/contracts';
import { envBoolean, envPositiveInt } from '@pulse/runtime';
import { z } from 'zod';
import { abortableSleep, SourceHttpError, type HttpClientOptions } from '../core/http.client.js';
import type { SourceBatch, SourceConnector, SourceContext } from '../core/source.port.js';

const list = z
  .string()
  .optional()
  .transform((v) => [...new Set((v ?? '').split(',').map((s) => s.trim().replace(/^\/?r\//, '')).filter(Boolean))]);

/** `VAR=` (compose files, empty secrets) means unset, so defaults apply instead of failing validation. */
const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

export const redditEnvSchema = z.object({
  /** Unset: on when OAuth credentials are given. `true` alone uses the public JSON API. */
  REDDIT_ENABLED: blank(envBoolean.optional()),
  REDDIT_CLIENT_ID: blank(z.string().min(1).optional()),
  REDDIT_CLIENT_SECRET: blank(z.string().min(1).optional()),
  /** Default: https://oauth.reddit.com with credentials, https://www.reddit.com without. */
  REDDIT_API_URL: blank(z.url().optional()),
  /** Where client-credentials tokens come from. */
  REDDIT_AUTH_URL: blank(z.url().default('https://www.reddit.com')),
  /** Reddit throttles generic agents hard; name the app and a contact. */
  REDDIT_USER_AGENT: blank(z.string().min(1).default('node:pulse-collector:0.1.0 (open-source social listening)')),
  /** Comma-separated subreddits to search within (restrict_sr); empty searches all of Reddit. */
  REDDIT_SUBREDDITS: list.pipe(z.array(z.string().regex(/^[A-Za-z0-9_]{2,21}$/, 'subreddit names are 2-21 letters, digits or _'))),
  REDDIT_POLL_INTERVAL_MS: blank(envPositiveInt.default(60_000)),
  /** Pages of 100 per query and run; search listings end around 1000 results anyway. */
  REDDIT_MAX_PAGES: blank(envPositiveInt.max(10).default(10)),
});
export type RedditEnv = z.infer<typeof redditEnvSchema>;

/** The connector's HttpClient: 60 requests/min on the public API, 100/min with OAuth. */
export function redditHttpOptions(env: RedditEnv): HttpClientOptions {
  const oauth = Boolean(env.REDDIT_CLIENT_ID && env.REDDIT_CLIENT_SECRET);
  return { ratePerSecond: oauth ? 100 / 60 : 1, userAgent: env.REDDIT_USER_AGENT, timeoutMs: 30_000, retries: 5, initialBackoffMs: 2_000, maxBackoffMs: 120_000 };
}

export interface RedditPosition {
  /** Newest `created_utc` seen for the query. */
  createdUtc: number;
  /** Fullnames seen at exactly that second, so a tie is neither lost nor re-published. */
  names: string[];
}
export interface RedditCursor extends RedditPosition {
  /** A walk back to this cursor that was interrupted: how far it got and what it published. */
  partial?: { newest: RedditPosition; published: string[] };
}
export interface RedditCheckpoint {
  queries: Record<string, RedditCursor>;
}

export interface RedditConnectorOptions {
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

const MAX_QUERY_LENGTH = 512;

const listingSchema = z.object({
  data: z.object({ children: z.array(z.unknown()), after: z.string().nullable().optional() }),
});
const postSchema = z.object({
  kind: z.literal('t3'),
  data: z.object({
    id: z.string().min(1),
    name: z.string().regex(/^t3_\w+$/),
    title: z.string(),
    selftext: z.string().optional().default(''),
    author: z.string().min(1),
    author_fullname: z.string().optional(),
    created_utc: z.number().positive(),
    permalink: z.string().startsWith('/'),
    ups: z.number().optional(),
    num_comments: z.number().optional(),
    num_crossposts: z.number().optional(),
    subreddit: z.string().optional(),
  }),
});
type RedditPost = z.infer<typeof postSchema>['data'];

interface Listing {
  children: unknown[];
  after: string | undefined;
  /** From x-ratelimit-*: when the window is spent, wait for its reset before the next call. */
  pauseMs: number | undefined;
}

/**
 * Reddit search, newest first, one query per tracked topic (keywords OR-ed). Each run pages
 * back until it reaches the posts the previous run saw. The query's cursor only moves once
 * that walk is complete; until then the checkpoint carries the partial walk, so a crash
 * half-way re-reads the same pages without re-publishing them instead of skipping the
 * older half.
 */
export class RedditSearchConnector implements SourceConnector<RedditCheckpoint> {
  readonly name = 'reddit-search';
  readonly source = 'reddit' as const;
  readonly pollIntervalMs: number;
  private readonly apiUrl: string;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;
  private token: { value: string; expiresAt: number } | undefined;
  private pauseUntil = 0;

  constructor(
    private readonly env: RedditEnv,
    options: RedditConnectorOptions = {},
  ) {
    this.pollIntervalMs = env.REDDIT_POLL_INTERVAL_MS;
    this.apiUrl = (env.REDDIT_API_URL ?? (this.oauth ? 'https://oauth.reddit.com' : 'https://www.reddit.com')).replace(/\/+$/, '');
    this.sleep = options.sleep ?? abortableSleep;
    this.now = options.now ?? Date.now;
  }

  private get oauth(): boolean {
    return Boolean(this.env.REDDIT_CLIENT_ID && this.env.REDDIT_CLIENT_SECRET);
  }

  async *collect(checkpoint: RedditCheckpoint | undefined, ctx: SourceContext): AsyncIterable<SourceBatch<RedditCheckpoint>> {
    const queries = redditQueries(ctx.topics());
    // Queries of topics no longer tracked drop out, so the checkpoint does not grow forever.
    const state: RedditCheckpoint = { queries: {} };
    for (const { key } of queries) {
      const cursor = checkpoint?.queries[key];
      if (cursor) state.queries[key] = cursor;
    }
    for (const { key, q } of queries) {
      const saved = state.queries[key];
      const cursor: RedditPosition | undefined = saved && { createdUtc: saved.createdUtc, names: saved.names };
      let newest = saved?.partial?.newest ?? cursor;
      const published = new Set(saved?.partial?.published);
      let after: string | undefined;
      // A query never run before takes the latest page only: "from now on", plus a little context.
      const maxPages = cursor ? this.env.REDDIT_MAX_PAGES : 1;
      for (let page = 1; ; page++) {
        if (ctx.signal.aborted) return;
        const listing = await this.search(q, after, ctx);
        const items: RawMentionInput[] = [];
        let reachedCursor = false;
        for (const child of listing.children) {
          const parsed = postSchema.safeParse(child);
          if (!parsed.success) {
            ctx.skipped('malformed reddit post', { query: key, issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) });
            continue;
          }
          const post = parsed.data.data;
          if (cursor && (post.created_utc < cursor.createdUtc || (post.created_utc === cursor.createdUtc && cursor.names.includes(post.name)))) {
            reachedCursor = true;
            continue;
          }
          newest = advance(newest, post);
          if (published.has(post.name)) continue;
          published.add(post.name);
          items.push(toMention(post));
        }
        after = listing.after;
        const done = reachedCursor || !after || listing.children.length === 0;
        if (!done && page >= maxPages && cursor) {
          ctx.logger.warn({ query: key, pages: page }, 'reddit: more new posts than the page limit; older ones in between are not collected');
        }
        const finished = done || page >= maxPages;
        if (finished && newest) state.queries[key] = newest;
        else if (cursor && newest) state.queries[key] = { ...cursor, partial: { newest, published: [...published] } };
        yield { items, checkpoint: structuredClone(state) };
        if (finished) break;
      }
    }
  }

  private async search(q: string, after: string | undefined, ctx: SourceContext): Promise<Listing> {
    const subreddits = this.env.REDDIT_SUBREDDITS;
    const url = new URL(`${this.apiUrl}${subreddits.length > 0 ? `/r/${subreddits.join('+')}` : ''}/search.json`);
    url.searchParams.set('q', q);
    url.searchParams.set('sort', 'new');
    url.searchParams.set('t', 'all');
    url.searchParams.set('type', 'link');
    url.searchParams.set('limit', '100');
    // Without raw_json Reddit HTML-escapes text fields ("&amp;").
    url.searchParams.set('raw_json', '1');
    if (subreddits.length > 0) url.searchParams.set('restrict_sr', '1');
    if (after) url.searchParams.set('after', after);

    for (let attempt = 0; ; attempt++) {
      const wait = this.pauseUntil - this.now();
      if (wait > 0) {
        ctx.logger.info({ waitMs: wait }, 'reddit rate-limit window spent; waiting for its reset');
        await this.sleep(wait, ctx.signal);
      }
      const headers: Record<string, string> = { 'user-agent': this.env.REDDIT_USER_AGENT, accept: 'application/json' };
      if (this.oauth) headers.authorization = `Bearer ${await this.accessToken(ctx)}`;
      try {
        const listing = await ctx.http.request<Listing>({
          url,
          init: { headers },
          signal: ctx.signal,
          parse: async (res) => {
            const body: unknown = await res.json();
            const parsed = listingSchema.safeParse(body);
            if (!parsed.success) throw new Error(`reddit search answered something that is not a listing: ${parsed.error.issues[0]?.message ?? ''}`);
            return { children: parsed.data.data.children, after: parsed.data.data.after ?? undefined, pauseMs: rateLimitPause(res.headers) };
          },
        });
        if (listing.pauseMs !== undefined) this.pauseUntil = this.now() + listing.pauseMs;
        return listing;
      } catch (error) {
        // An expired or revoked token: fetch a new one once, then give up to the runner's backoff.
        if (error instanceof SourceHttpError && error.status === 401 && this.oauth && attempt === 0) {
          this.token = undefined;
          continue;
        }
        throw error;
      }
    }
  }

  private async accessToken(ctx: SourceContext): Promise<string> {
    if (this.token && this.token.expiresAt > this.now()) return this.token.value;
    const basic = Buffer.from(`${this.env.REDDIT_CLIENT_ID}:${this.env.REDDIT_CLIENT_SECRET}`).toString('base64');
    const token = await ctx.http.request({
      url: `${this.env.REDDIT_AUTH_URL.replace(/\/+$/, '')}/api/v1/access_token`,
      init: {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', 'user-agent': this.env.REDDIT_USER_AGENT },
        body: 'grant_type=client_credentials',
      },
      signal: ctx.signal,
      parse: async (res) => {
        const body = z.object({ access_token: z.string().min(1), expires_in: z.number().positive().optional() }).safeParse(await res.json());
        if (!body.success) throw new Error('reddit token endpoint answered without an access_token (check REDDIT_CLIENT_ID / REDDIT_CLIENT_SECRET)');
        return body.data;
      },
    });
    // Renew a minute early so a token never expires between check and use.
    this.token = { value: token.access_token, expiresAt: this.now() + ((token.expires_in ?? 3600) - 60) * 1000 };
    return token.access_token;
  }
}

/** One or more search queries per topic: keywords OR-ed, split where Reddit's 512-char limit demands. */
export function redditQueries(topics: readonly TrackedTopic[]): { key: string; q: string }[] {
  const queries: { key: string; q: string }[] = [];
  for (const topic of topics) {
    const terms = [...new Set(topic.keywords.map((k) => k.trim()).filter(Boolean))].map((k) => (/^[\p{L}\p{N}_-]+$/u.test(k) ? k : `"${k.replace(/"/g, '')}"`));
    let current: string[] = [];
    const chunks: string[][] = [];
    for (const term of terms) {
      if (current.length > 0 && [...current, term].join(' OR ').length > MAX_QUERY_LENGTH) {
        chunks.push(current);
        current = [];
      }
      current.push(term.slice(0, MAX_QUERY_LENGTH));
    }
    if (current.length > 0) chunks.push(current);
    chunks.forEach((chunk, i) => queries.push({ key: i === 0 ? topic.id : `${topic.id}#${i + 1}`, q: chunk.join(' OR ') }));
  }
  return queries;
}

function advance(cursor: RedditPosition | undefined, post: RedditPost): RedditPosition {
  if (!cursor || post.created_utc > cursor.createdUtc) return { createdUtc: post.created_utc, names: [post.name] };
  if (post.created_utc === cursor.createdUtc && !cursor.names.includes(post.name)) return { createdUtc: cursor.createdUtc, names: [...cursor.names, post.name] };
  return cursor;
}

function rateLimitPause(headers: Headers): number | undefined {
  const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN);
  const reset = Number(headers.get('x-ratelimit-reset') ?? Number.NaN);
  if (Number.isNaN(remaining) || Number.isNaN(reset) || remaining >= 1) return undefined;
  return Math.max(0, reset) * 1000;
}

function toMention(post: RedditPost): RawMentionInput {
  const deleted = post.author === '[deleted]';
  const body = post.selftext === '[removed]' || post.selftext === '[deleted]' ? '' : post.selftext.trim();
  return {
    source: 'reddit',
    sourceId: post.name,
    url: `https://www.reddit.com${post.permalink}`,
    text: body ? `${post.title}\n\n${body}` : post.title,
    author: {
      id: post.author_fullname ?? `u/${post.author}`,
      handle: post.author,
      name: post.author,
      url: deleted ? null : `https://www.reddit.com/user/${encodeURIComponent(post.author)}`,
    },
    publishedAt: new Date(post.created_utc * 1000).toISOString(),
    engagement: { likes: Math.max(0, Math.trunc(post.ups ?? 0)), reposts: Math.max(0, Math.trunc(post.num_crossposts ?? 0)), comments: Math.max(0, Math.trunc(post.num_comments ?? 0)) },
  };
}

export function createRedditConnectors(env: RedditEnv, options: RedditConnectorOptions = {}): SourceConnector[] {
  if (Boolean(env.REDDIT_CLIENT_ID) !== Boolean(env.REDDIT_CLIENT_SECRET)) {
    throw new Error('reddit: set both REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET (or neither, for the public API)');
  }
  const enabled = env.REDDIT_ENABLED ?? Boolean(env.REDDIT_CLIENT_ID);
  return enabled ? [new RedditSearchConnector(env, options)] : [];
}
