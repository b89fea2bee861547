import type { RawMentionInput } from '@pulse/contracts';
import { z } from 'zod';
import { abortableSleep, SourceHttpError } from '../core/http.client.js';
import type { SourceBatch, SourceConnector, SourceContext } from '../core/source.port.js';
import { clampToSearchWindow, maxTweetId, resetDelayMs, tweetsToMentions, X_EXPANSIONS, X_TWEET_FIELDS, X_USER_FIELDS, XApi, type XApiConfig } from './x-api.client.js';
import { buildXQueries, type XQueryOptions } from './x-query.builder.js';

export interface XStreamOptions extends XApiConfig, XQueryOptions {
  /** Flush a batch at this many tweets… */
  flushItems: number;
  /** …or this long after its first tweet, whichever comes first. */
  flushMs: number;
  /** X sends a keep-alive newline every 20 s; this long without any byte means a dead connection. */
  stallMs: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Fill the gap since the last streamed tweet with recent search on (re)connect. */
  catchUp: boolean;
  fetch?: typeof fetch;
}

export interface XStreamCheckpoint {
  /** Newest tweet id delivered: the catch-up search after a restart starts after it. */
  lastId?: string;
}

/** Rules we own carry this tag prefix; other rules on the same app are left alone. */
export const X_RULE_TAG_PREFIX = 'pulse:';

const rulesSchema = z.object({
  data: z.array(z.object({ id: z.string(), value: z.string(), tag: z.string().optional() })).default([]),
  errors: z.array(z.unknown()).optional(),
  meta: z.unknown().optional(),
});

const lineSchema = z
  .object({
    data: z.unknown().optional(),
    includes: z.object({ users: z.array(z.unknown()).default([]) }).loose().optional(),
    errors: z.array(z.unknown()).optional(),
  })
  .loose();

class StreamEnded extends Error {}

/** Credentials or access level do not allow the stream: reconnecting will not help. */
export class XStreamRefusedError extends Error {
  override name = 'XStreamRefusedError';
}

/**
 * The filtered stream: rules are synced from the topics (ours tagged `pulse:<topic id>`),
 * then one long-lived response delivers matching tweets as newline-delimited JSON with
 * blank keep-alive lines. `collect` yields a batch every `flushItems` tweets or `flushMs`,
 * reconnects with backoff when the stream ends, stalls or fails, and returns only when
 * `ctx.signal` aborts. After a restart or reconnect, recent search fills the gap since the
 * last delivered tweet (the stream itself cannot resume on Basic and Pro tiers).
 */
export class XStreamConnector implements SourceConnector<XStreamCheckpoint> {
  readonly name = 'x-stream';
  readonly source = 'twitter' as const;
  // The stream never "catches up": the runner only calls again after a failure.
  readonly pollIntervalMs = 1000;
  private readonly api: XApi;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;
  private rulesSignature = '';

  constructor(private readonly options: XStreamOptions) {
    this.api = new XApi(options);
    this.sleep = options.sleep ?? abortableSleep;
    this.now = options.now ?? Date.now;
  }

  async *collect(checkpoint: XStreamCheckpoint | undefined, ctx: SourceContext): AsyncIterable<SourceBatch<XStreamCheckpoint>> {
    const state: XStreamCheckpoint = { ...checkpoint };
    let backoff = this.options.initialBackoffMs;
    while (!ctx.signal.aborted) {
      let waitMs = backoff;
      // Verify the rules on every (re)connect: someone may have changed them on the app meanwhile.
      this.rulesSignature = '';
      try {
        await this.syncRules(ctx);
        const res = await this.connect(ctx);
        if (res.ok && res.body) {
          backoff = this.options.initialBackoffMs;
          yield* this.catchUp(state, ctx);
          yield* this.read(res.body, state, ctx);
        } else {
          const body = await res.text().catch(() => '');
          // Auth and permission problems do not heal by reconnecting: let the runner report and back off.
          if (res.status === 401 || res.status === 403) throw new XStreamRefusedError(`X stream refused (HTTP ${res.status}): ${body.slice(0, 300)}`);
          ctx.logger.warn({ status: res.status, body: body.slice(0, 300) }, 'X stream connection refused; reconnecting');
          if (res.status === 429) waitMs = Math.max(resetDelayMs(res.headers, this.now) ?? 60_000, backoff);
        }
      } catch (error) {
        if (ctx.signal.aborted) return;
        if (error instanceof XStreamRefusedError || (error instanceof SourceHttpError && (error.status === 401 || error.status === 403))) throw error;
        ctx.logger.warn({ err: error, retryInMs: waitMs }, 'X stream interrupted; reconnecting');
      }
      try {
        await this.sleep(waitMs, ctx.signal);
      } catch {
        return;
      }
      backoff = Math.min(backoff * 2, this.options.maxBackoffMs);
    }
  }

  /** Adds the rules the topics need and deletes our rules they no longer need. */
  private async syncRules(ctx: SourceContext): Promise<void> {
    const { queries, dropped } = buildXQueries(ctx.topics(), this.options);
    if (dropped.length > 0) ctx.logger.warn({ dropped, maxLength: this.options.maxLength }, 'X keywords longer than a whole rule were left out');
    const desired = new Map(queries.map((q) => [q.query, `${X_RULE_TAG_PREFIX}${q.topicId}`]));
    const signature = JSON.stringify([...desired]);
    if (signature === this.rulesSignature) return;
    const rulesUrl = this.api.url('/2/tweets/search/stream/rules');
    const current = await this.api.json(ctx, rulesUrl, rulesSchema);
    const ours = current.data.filter((r) => r.tag?.startsWith(X_RULE_TAG_PREFIX));
    const stale = ours.filter((r) => desired.get(r.value) !== r.tag).map((r) => r.id);
    const have = new Set(ours.filter((r) => desired.get(r.value) === r.tag).map((r) => r.value));
    const add = [...desired].filter(([value]) => !have.has(value)).map(([value, tag]) => ({ value, tag }));
    const post = async (body: unknown) => {
      const res = await this.api.json(ctx, rulesUrl, rulesSchema, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      if (res.errors?.length) ctx.logger.warn({ errors: res.errors.slice(0, 5) }, 'X refused some stream rule changes');
    };
    if (stale.length > 0) await post({ delete: { ids: stale } });
    if (add.length > 0) await post({ add });
    ctx.logger.info({ rules: desired.size, added: add.length, deleted: stale.length }, 'X stream rules synced');
    this.rulesSignature = signature;
  }

  private async connect(ctx: SourceContext): Promise<Response> {
    const url = this.api.url('/2/tweets/search/stream', { 'tweet.fields': X_TWEET_FIELDS, expansions: X_EXPANSIONS, 'user.fields': X_USER_FIELDS });
    // Not through HttpClient: its request timeout would cut a response meant to last for hours.
    return (this.options.fetch ?? fetch)(url, { headers: { ...this.api.headers, accept: 'application/json' }, signal: ctx.signal });
  }

  private async *catchUp(state: XStreamCheckpoint, ctx: SourceContext): AsyncGenerator<SourceBatch<XStreamCheckpoint>> {
    if (!this.options.catchUp || !state.lastId) return;
    const { queries } = buildXQueries(ctx.topics(), this.options);
    let newest = state.lastId;
    // A tweet matching several topics' queries comes out once.
    const seen = new Set<string>();
    for (const q of queries) {
      // The checkpoint stays at the old id until every query caught up: a crash midway redoes the catch-up.
      for await (const page of this.api.searchRecent(ctx, q.query, clampToSearchWindow({ sinceId: state.lastId }, this.now(), ctx, q.query))) {
        newest = maxTweetId(newest, page.newestId) ?? newest;
        const items = page.items.filter((i) => !seen.has(i.sourceId) && seen.add(i.sourceId));
        if (items.length > 0) yield { items, checkpoint: { ...state } };
      }
    }
    state.lastId = newest;
    yield { items: [], checkpoint: { ...state } };
  }

  private async *read(body: ReadableStream<Uint8Array>, state: XStreamCheckpoint, ctx: SourceContext): AsyncGenerator<SourceBatch<XStreamCheckpoint>> {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let pending: RawMentionInput[] = [];
    let firstPendingAt = 0;
    let lastDataAt = Date.now();
    // A read may fail (abort, reset) while the generator is suspended at a yield; it is awaited later.
    const read = () => {
      const promise = reader.read();
      promise.catch(() => undefined);
      return promise;
    };
    let next = read();
    const flush = (): SourceBatch<XStreamCheckpoint> => {
      const batch = { items: pending, checkpoint: { ...state } };
      pending = [];
      return batch;
    };
    try {
      for (;;) {
        const deadline = pending.length > 0 ? Math.min(firstPendingAt + this.options.flushMs, lastDataAt + this.options.stallMs) : lastDataAt + this.options.stallMs;
        const chunk = await withTimeout(next, deadline - Date.now());
        if (chunk === TIMED_OUT) {
          if (pending.length > 0) yield flush();
          if (Date.now() - lastDataAt >= this.options.stallMs) throw new StreamEnded(`no data for ${this.options.stallMs} ms`);
          await this.syncRules(ctx);
          continue;
        }
        if (chunk.done) {
          if (pending.length > 0) yield flush();
          throw new StreamEnded('X closed the stream');
        }
        next = read();
        lastDataAt = Date.now();
        buffer += chunk.value;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        let flushed = false;
        for (const text of lines) {
          const mentions = this.parseLine(text.trim(), state, ctx);
          if (mentions.length > 0 && pending.length === 0) firstPendingAt = Date.now();
          pending.push(...mentions);
          if (pending.length >= this.options.flushItems) {
            yield flush();
            flushed = true;
          }
        }
        // Between batches is a cheap moment to follow topic changes; rules apply to the open stream.
        if (flushed) await this.syncRules(ctx);
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  }

  private parseLine(line: string, state: XStreamCheckpoint, ctx: SourceContext): RawMentionInput[] {
    if (!line) return []; // keep-alive
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      ctx.skipped('x stream line is not JSON', line.slice(0, 200));
      return [];
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) {
      ctx.skipped('x stream line malformed', line.slice(0, 200));
      return [];
    }
    if (parsed.data.data === undefined) {
      if (parsed.data.errors) ctx.logger.warn({ errors: parsed.data.errors.slice(0, 5) }, 'X stream reported errors');
      return [];
    }
    const { items, newestId } = tweetsToMentions([parsed.data.data], parsed.data.includes?.users ?? [], ctx);
    state.lastId = maxTweetId(state.lastId, newestId);
    return items;
  }
}

const TIMED_OUT = Symbol('timed out');

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, ms))))]);
  } finally {
    clearTimeout(timer);
  }
}
