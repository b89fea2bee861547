import type { RawMentionInput, TrackedTopic } from '@pulse/contracts';
import { z } from 'zod';
import type { SourceBatch, SourceConnector, SourceContext } from '../core/source.port.js';
import { callVk, type VkApiConfig } from './vk-api.client.js';
import { VkAuthors, vkPostSchema, vkPostToMention } from './vk.mapper.js';

/** newsfeed.search never returns more than this many posts for one query, however it is paged. */
export const VK_SEARCH_CAP = 1000;
const PAGE_SIZE = 200;
// Checkpoints of queries that disappeared (topic paused, keyword removed) are kept this long
// so re-enabling them soon resumes instead of re-collecting the lookback window.
const STALE_QUERY_SECONDS = 30 * 24 * 3600;

export interface VkNewsfeedOptions extends VkApiConfig {
  pollIntervalMs: number;
  /** How far back the first run of a new query looks. */
  lookbackSeconds: number;
  /** Windows end this far before now: VK indexes posts for search with a delay. */
  indexLagSeconds: number;
  now?: () => number;
}

interface QueryState {
  /** Every post dated ≤ `until` (unix seconds) has been collected for this query. */
  until: number;
  /** A window [start, end] being paged when the last batch was saved. */
  pending?: { start: number; end: number; nextFrom: string; fetched: number };
}

export interface VkNewsfeedCheckpoint {
  queries: Record<string, QueryState>;
}

interface VkQuery {
  key: string;
  q: string;
}

const searchResponseSchema = z.object({
  items: z.array(z.unknown()).default([]),
  profiles: z.array(z.unknown()).default([]),
  groups: z.array(z.unknown()).default([]),
  count: z.number().optional(),
  total_count: z.number().optional(),
  next_from: z.string().optional(),
});

/**
 * One query per keyword rather than OR-joined: newsfeed.search documents no OR operator, and
 * the 1,000-result cap then applies per keyword instead of to the whole topic.
 */
export function vkQueries(topics: readonly TrackedTopic[]): VkQuery[] {
  const seen = new Set<string>();
  const queries: VkQuery[] = [];
  for (const topic of topics) {
    for (const keyword of topic.keywords) {
      const word = keyword.replace(/"/g, '').trim();
      if (!word) continue;
      const q = /\s/.test(word) ? `"${word}"` : word;
      const key = `${topic.id}:${q}`;
      if (seen.has(key)) continue;
      seen.add(key);
      queries.push({ key, q });
    }
  }
  return queries;
}

/**
 * Global VK search (`newsfeed.search`) for every keyword of every active topic. Each query
 * walks contiguous time windows: [until + 1, now − index lag]. Posts inside a window are
 * paged newest first with `next_from`; a window whose `total_count` exceeds the 1,000 cap is
 * halved (oldest half first) until each part fits, so busy keywords lose nothing. Only after
 * a window is fully paged does `until` move to its end, which makes restarts gap-free and,
 * because windows never overlap, duplicate-free.
 */
export class VkNewsfeedConnector implements SourceConnector<VkNewsfeedCheckpoint> {
  readonly name = 'vk-newsfeed';
  readonly source = 'vk' as const;
  readonly pollIntervalMs: number;
  private readonly now: () => number;

  constructor(private readonly options: VkNewsfeedOptions) {
    this.pollIntervalMs = options.pollIntervalMs;
    this.now = options.now ?? Date.now;
  }

  async *collect(checkpoint: VkNewsfeedCheckpoint | undefined, ctx: SourceContext): AsyncIterable<SourceBatch<VkNewsfeedCheckpoint>> {
    const queries = vkQueries(ctx.topics());
    // Before the topics stream has been read there is nothing to search for.
    if (queries.length === 0) return;
    const nowSec = Math.floor(this.now() / 1000);
    const end = nowSec - this.options.indexLagSeconds;
    const state: VkNewsfeedCheckpoint = { queries: {} };
    const current = new Set(queries.map((q) => q.key));
    for (const [key, saved] of Object.entries(checkpoint?.queries ?? {})) {
      if (current.has(key) || saved.until > nowSec - STALE_QUERY_SECONDS) state.queries[key] = saved;
    }

    for (const query of queries) {
      const saved = state.queries[query.key];
      if (saved?.pending) {
        const { start, end: pendingEnd, nextFrom, fetched } = saved.pending;
        yield* this.window(query, start, pendingEnd, state, ctx, { nextFrom, fetched });
      }
      const until = state.queries[query.key]?.until ?? end - this.options.lookbackSeconds;
      if (until >= end) continue;
      yield* this.window(query, until + 1, end, state, ctx);
    }
  }

  private async *window(
    query: VkQuery,
    start: number,
    end: number,
    state: VkNewsfeedCheckpoint,
    ctx: SourceContext,
    resume?: { nextFrom: string; fetched: number },
  ): AsyncGenerator<SourceBatch<VkNewsfeedCheckpoint>> {
    let nextFrom = resume?.nextFrom;
    let fetched = resume?.fetched ?? 0;
    for (;;) {
      const page = await callVk(ctx, this.options, 'newsfeed.search', { q: query.q, extended: 1, count: PAGE_SIZE, start_time: start, end_time: end, start_from: nextFrom, fields: 'screen_name,followers_count,members_count' }, searchResponseSchema);
      const total = page.total_count ?? page.count ?? 0;
      if (nextFrom === undefined && total > VK_SEARCH_CAP && end > start) {
        const mid = Math.floor((start + end) / 2);
        yield* this.window(query, start, mid, state, ctx);
        yield* this.window(query, mid + 1, end, state, ctx);
        return;
      }
      const authors = new VkAuthors(page.profiles, page.groups);
      const items: RawMentionInput[] = [];
      for (const raw of page.items) {
        const post = vkPostSchema.safeParse(raw);
        if (!post.success) {
          ctx.skipped('vk post malformed', { query: query.q, issues: post.error.issues.slice(0, 3) });
          continue;
        }
        // VK's own boundary inclusiveness is undocumented: our windows decide.
        if (post.data.date < start || post.data.date > end) continue;
        const mention = vkPostToMention(post.data, authors);
        if (mention) items.push(mention);
      }
      fetched += page.items.length;
      const more = page.next_from !== undefined && page.next_from !== '' && page.items.length > 0 && fetched < VK_SEARCH_CAP;
      if (!more && fetched >= VK_SEARCH_CAP && page.next_from) {
        ctx.logger.warn({ query: query.q, start, end, total }, 'VK search window still above the 1,000 cap at one-second width; the rest is unreachable');
      }
      state.queries[query.key] = more ? { until: start - 1, pending: { start, end, nextFrom: page.next_from!, fetched } } : { until: end };
      yield { items, checkpoint: structuredClone(state) };
      if (!more) return;
      nextFrom = page.next_from;
    }
  }
}
