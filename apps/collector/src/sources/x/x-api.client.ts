import type { RawMentionInput } from '@pulse/contracts';
import { z } from 'zod';
import { abortableSleep, RetryableSourceError } from '../core/http.client.js';
import type { SourceContext } from '../core/source.port.js';
import { tweetToMention, XUsers, xTweetSchema } from './x.mapper.js';

export const X_TWEET_FIELDS = 'created_at,public_metrics,lang,conversation_id,in_reply_to_user_id,referenced_tweets,author_id,note_tweet';
export const X_EXPANSIONS = 'author_id';
export const X_USER_FIELDS = 'username,name,public_metrics';
/** Recent search only reaches back this far. */
export const X_SEARCH_WINDOW_MS = 7 * 24 * 3600_000;
// Requests right at the 7-day edge are refused; stay a little inside it.
const WINDOW_MARGIN_MS = 5 * 60_000;
const TWITTER_EPOCH_MS = 1288834974657n;

export interface XApiConfig {
  apiUrl: string;
  bearerToken: string;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** When a tweet id was minted (snowflake ids carry their creation time). */
export function tweetIdTime(id: string): number {
  return Number((BigInt(id) >> 22n) + TWITTER_EPOCH_MS);
}

export function maxTweetId(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return BigInt(a) >= BigInt(b) ? a : b;
}

/**
 * X rate limits are per 15-minute window and announced in `x-rate-limit-*` headers; a 429
 * carries `x-rate-limit-reset` (epoch seconds) but no Retry-After, which is all HttpClient
 * reads. This fetch turns such a 429 into a RetryableSourceError that waits until the reset.
 */
export function xRateLimitFetch(inner: typeof fetch = fetch, now: () => number = Date.now): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init);
    if (res.status !== 429) return res;
    await res.body?.cancel();
    throw new RetryableSourceError(`X API: rate limit reached (${res.headers.get('x-rate-limit-limit') ?? '?'} per window)`, resetDelayMs(res.headers, now) ?? undefined);
  };
}

export function resetDelayMs(headers: Headers, now: () => number = Date.now): number | undefined {
  const reset = Number(headers.get('x-rate-limit-reset'));
  // One second past the reset: X's clock and ours differ by a little.
  return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - now() + 1000) : undefined;
}

/**
 * A resume point X will accept: a since_id older than the 7-day window is refused, so it
 * becomes the window's start (what lies before that is out of reach anyway).
 */
export function clampToSearchWindow(from: { sinceId?: string; startTime?: string }, now: number, ctx: SourceContext, query: string): { sinceId?: string; startTime?: string } {
  const windowStart = now - X_SEARCH_WINDOW_MS + WINDOW_MARGIN_MS;
  if (from.sinceId && tweetIdTime(from.sinceId) >= windowStart) return { sinceId: from.sinceId };
  if (from.sinceId) ctx.logger.warn({ query, sinceId: from.sinceId }, 'X search checkpoint older than the 7-day window; resuming from the window start');
  const start = from.startTime ? Date.parse(from.startTime) : windowStart;
  return { startTime: new Date(Math.max(start, windowStart)).toISOString() };
}

/** Calls to one X endpoint family; waits out an exhausted window before asking again. */
export class XApi {
  private resumeAt = 0;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly config: XApiConfig) {
    this.now = config.now ?? Date.now;
    this.sleep = config.sleep ?? abortableSleep;
  }

  get headers(): Record<string, string> {
    return { authorization: `Bearer ${this.config.bearerToken}` };
  }

  url(path: string, params: Record<string, string | undefined> = {}): URL {
    const url = new URL(`${this.config.apiUrl.replace(/\/+$/, '')}${path}`);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
    return url;
  }

  async json<T>(ctx: SourceContext, url: URL, schema: z.ZodType<T>, init: RequestInit = {}): Promise<T> {
    const wait = this.resumeAt - this.now();
    if (wait > 0) {
      ctx.logger.info({ waitMs: wait }, 'X rate-limit window exhausted; waiting for its reset');
      await this.sleep(wait, ctx.signal);
    }
    return ctx.http.request({
      url,
      signal: ctx.signal,
      init: { ...init, headers: { ...this.headers, ...init.headers } },
      parse: async (res) => {
        if (res.headers.get('x-rate-limit-remaining') === '0') this.resumeAt = this.now() + (resetDelayMs(res.headers, this.now) ?? 0);
        const parsed = schema.safeParse(await res.json());
        if (!parsed.success) throw new Error(`X API ${url.pathname}: unexpected answer shape: ${parsed.error.message}`);
        return parsed.data;
      },
    });
  }

  /**
   * Recent search for one query, newest first, page by page, after a tweet id or, when there
   * is none yet, from a start time.
   */
  async *searchRecent(ctx: SourceContext, query: string, from: { sinceId?: string; startTime?: string }, nextToken?: string): AsyncGenerator<XSearchPage> {
    const { sinceId, startTime } = clampToSearchWindow(from, this.now(), ctx, query);
    let token = nextToken;
    for (;;) {
      const url = this.url('/2/tweets/search/recent', {
        query,
        max_results: '100',
        'tweet.fields': X_TWEET_FIELDS,
        expansions: X_EXPANSIONS,
        'user.fields': X_USER_FIELDS,
        since_id: sinceId,
        start_time: sinceId ? undefined : startTime,
        next_token: token,
      });
      const body = await this.json(ctx, url, searchResponseSchema);
      const page = toPage(body, ctx);
      yield page;
      if (!page.nextToken) return;
      token = page.nextToken;
    }
  }
}

const searchResponseSchema = z.object({
  data: z.array(z.unknown()).default([]),
  includes: z.object({ users: z.array(z.unknown()).default([]) }).loose().default({ users: [] }),
  meta: z.object({ newest_id: z.string().optional(), oldest_id: z.string().optional(), result_count: z.number().optional(), next_token: z.string().optional() }).loose().default({}),
  errors: z.array(z.unknown()).optional(),
});

export interface XSearchPage {
  items: RawMentionInput[];
  newestId?: string;
  nextToken?: string;
}

/** Tweets of one answer (search page or stream line) as mentions; malformed ones counted and dropped. */
export function tweetsToMentions(tweets: readonly unknown[], users: readonly unknown[], ctx: SourceContext): { items: RawMentionInput[]; newestId?: string } {
  const known = new XUsers(users);
  const items: RawMentionInput[] = [];
  let newestId: string | undefined;
  for (const raw of tweets) {
    const tweet = xTweetSchema.safeParse(raw);
    if (!tweet.success) {
      ctx.skipped('x tweet malformed', { issues: tweet.error.issues.slice(0, 3) });
      continue;
    }
    newestId = maxTweetId(newestId, tweet.data.id);
    const mention = tweetToMention(tweet.data, known);
    if (mention) items.push(mention);
  }
  return { items, newestId };
}

function toPage(body: z.infer<typeof searchResponseSchema>, ctx: SourceContext): XSearchPage {
  const { items, newestId } = tweetsToMentions(body.data, body.includes.users, ctx);
  return { items, newestId: maxTweetId(body.meta.newest_id, newestId), nextToken: body.meta.next_token };
}
