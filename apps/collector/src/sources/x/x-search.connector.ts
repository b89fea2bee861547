import { SourceHttpError } from '../core/http.client.js';
import type { SourceBatch, SourceConnector, SourceContext } from '../core/source.port.js';
import { clampToSearchWindow, maxTweetId, XApi, type XApiConfig } from './x-api.client.js';
import { buildXQueries, type XQuery, type XQueryOptions } from './x-query.builder.js';

export interface XSearchOptions extends XApiConfig, XQueryOptions {
  pollIntervalMs: number;
  /** How far back a new query looks on its first run (capped at the API's 7 days). */
  lookbackMs: number;
}

interface QueryState {
  /** Newest tweet id collected: the next poll asks for tweets after it. */
  sinceId?: string;
  /** Before any tweet was found: where the next poll starts. */
  startTime?: string;
  /** Paging in progress (newest first): the page to ask for next, and what `sinceId` becomes once done. */
  paging?: { nextToken: string; newestId?: string; sinceId?: string; startTime?: string };
}

export interface XSearchCheckpoint {
  queries: Record<string, QueryState>;
}

// Tweets reach the search index a few seconds late: a poll that found nothing resumes a
// little before it ran, and since nothing was found there, this adds no duplicates.
const INDEX_LAG_MS = 60_000;

/**
 * X API v2 recent search, one or more queries per topic (see buildXQueries). Results come
 * newest first; the newest id of a query's first page becomes its `since_id` only once every
 * page was read, and the checkpoint carries the `next_token` meanwhile, so a restart
 * continues where it stopped: no gap, no duplicate.
 */
export class XSearchConnector implements SourceConnector<XSearchCheckpoint> {
  readonly name = 'x-search';
  readonly source = 'twitter' as const;
  readonly pollIntervalMs: number;
  private readonly api: XApi;
  private readonly now: () => number;

  constructor(private readonly options: XSearchOptions) {
    this.pollIntervalMs = options.pollIntervalMs;
    this.api = new XApi(options);
    this.now = options.now ?? Date.now;
  }

  async *collect(checkpoint: XSearchCheckpoint | undefined, ctx: SourceContext): AsyncIterable<SourceBatch<XSearchCheckpoint>> {
    const { queries, dropped } = buildXQueries(ctx.topics(), this.options);
    if (dropped.length > 0) ctx.logger.warn({ dropped, maxLength: this.options.maxLength }, 'X keywords longer than a whole query were left out');
    if (queries.length === 0) return;
    const state: XSearchCheckpoint = { queries: {} };
    // Entries of vanished queries are dropped: they are past the 7-day window long before they could be useful again.
    for (const q of queries) {
      const saved = checkpoint?.queries[q.key];
      if (saved) state.queries[q.key] = structuredClone(saved);
    }
    // A tweet matching several topics' queries comes out once per pass.
    const seen = new Set<string>();
    for (const query of queries) {
      for await (const batch of this.collectQuery(query, state, ctx)) {
        yield { ...batch, items: batch.items.filter((i) => !seen.has(i.sourceId) && seen.add(i.sourceId)) };
      }
    }
  }

  private async *collectQuery(query: XQuery, state: XSearchCheckpoint, ctx: SourceContext): AsyncGenerator<SourceBatch<XSearchCheckpoint>> {
    const saved = state.queries[query.key] ?? {};
    const startedAt = this.now();
    const from = saved.paging ?? clampToSearchWindow(saved.sinceId ? { sinceId: saved.sinceId } : { startTime: saved.startTime ?? new Date(startedAt - this.options.lookbackMs).toISOString() }, startedAt, ctx, query.query);
    let newestId = saved.paging?.newestId;
    try {
      for await (const page of this.api.searchRecent(ctx, query.query, { sinceId: from.sinceId, startTime: from.startTime }, saved.paging?.nextToken)) {
        newestId = maxTweetId(newestId, page.newestId);
        if (page.nextToken) state.queries[query.key] = { paging: { nextToken: page.nextToken, newestId, sinceId: from.sinceId, startTime: from.startTime } };
        else if (newestId ?? from.sinceId) state.queries[query.key] = { sinceId: (newestId ?? from.sinceId)! };
        else state.queries[query.key] = { startTime: new Date(Math.max(Date.parse(from.startTime ?? '') || 0, startedAt - INDEX_LAG_MS)).toISOString() };
        yield { items: page.items, checkpoint: structuredClone(state) };
      }
    } catch (error) {
      // A saved next_token can expire; X answers 400. Start the query over from its since_id instead of wedging.
      if (saved.paging && error instanceof SourceHttpError && error.status === 400) {
        ctx.logger.warn({ query: query.query, err: error }, 'X rejected the saved next_token; restarting the query');
        const { paging } = saved;
        state.queries[query.key] = paging.sinceId ? { sinceId: paging.sinceId } : { startTime: paging.startTime };
        yield* this.collectQuery(query, state, ctx);
        return;
      }
      throw error;
    }
  }
}
