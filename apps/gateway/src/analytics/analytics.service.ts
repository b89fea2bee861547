import { GatewayError, storeCall } from '../errors/gateway.errors.js';
import { parseMentionFilter } from '../mentions/mention-filter.js';
import { rollupAnswers } from '../mentions/mention-filter.sql.js';
import type { AuthorStats, RollupWindow, SourceStats, TimeInterval, TimelineBucket, TopicVolume } from './analytics.model.js';
import type { AnalyticsRepository } from './analytics.repository.js';

export const MAX_TOP_AUTHORS = 100;
/** A year of hours is 8,760: enough for any chart, small enough to answer fast. */
export const MAX_BUCKETS = 10_000;
const INTERVAL_MS: Record<TimeInterval, number> = { HOUR: 3_600_000, DAY: 86_400_000, WEEK: 604_800_000 };

export interface WindowArgs {
  topicIds?: string[] | null;
  from: string;
  to: string;
}

export interface ShareOfVoice extends TopicVolume {
  /** total / sum of totals over the compared topics; 0 when nobody spoke. */
  share: number;
}

export interface NegativeShareBucket {
  start: string;
  negative: number;
  total: number;
  /** negative / total, null for an empty bucket (no data is not 0 %). */
  share: number | null;
}

/**
 * Analyst questions. Timeline, share of voice and negative share read the hourly rollups
 * (listed mentions only: the same ones default queries show); top authors and source
 * breakdown take the full mention filter and query mentions through the indexes.
 */
export class AnalyticsService {
  constructor(
    private readonly store: AnalyticsRepository,
    private readonly activeTopicIds: () => Promise<string[]>,
  ) {}

  sentimentTimeline(args: WindowArgs, interval: TimeInterval): Promise<TimelineBucket[]> {
    const window = this.window(args, interval);
    return storeCall(() => this.store.sentimentTimeline(window, interval));
  }

  async negativeShare(args: WindowArgs, interval: TimeInterval): Promise<NegativeShareBucket[]> {
    const buckets = await this.sentimentTimeline(args, interval);
    return buckets.map((b) => ({ start: b.start, negative: b.negative, total: b.total, share: b.total === 0 ? null : b.negative / b.total }));
  }

  /**
   * Tone per bucket over the mentions a filter selects, each counted once (several topics taken
   * together), with the filter's tone (toward its topic when it names one). Read from the
   * rollups when they hold the answer, else from the mentions; either way the same figures.
   */
  filteredTimeline(filterInput: Record<string, unknown>, interval: TimeInterval): Promise<TimelineBucket[]> {
    const filter = parseMentionFilter(filterInput);
    if (filter.from === undefined || filter.to === undefined) throw new GatewayError('INVALID_ARGUMENT', 'filter.from and filter.to are required', { field: 'filter.from' });
    const window = this.window({ topicIds: filter.topicIds ?? null, from: filter.from, to: filter.to }, interval);
    if (rollupAnswers(filter)) return storeCall(() => this.store.sentimentTimeline(window, interval));
    return storeCall(() => this.store.filteredTimeline({ ...filter, from: window.from, to: window.to }, interval));
  }

  /** Without topicIds: every active topic. */
  async shareOfVoice(args: WindowArgs): Promise<ShareOfVoice[]> {
    const window = this.window(args);
    const topicIds = window.topicIds?.length ? window.topicIds : await storeCall(this.activeTopicIds);
    const volumes = await storeCall(() => this.store.topicVolumes({ ...window, topicIds }));
    const all = volumes.reduce((sum, v) => sum + v.total, 0);
    return volumes.map((v) => ({ ...v, share: all === 0 ? 0 : v.total / all })).sort((a, b) => b.total - a.total || a.topicId.localeCompare(b.topicId));
  }

  topAuthors(filterInput: Record<string, unknown> | null | undefined, limit: number | null | undefined): Promise<AuthorStats[]> {
    const size = limit ?? 10;
    if (!Number.isInteger(size) || size < 1 || size > MAX_TOP_AUTHORS) {
      throw new GatewayError('INVALID_ARGUMENT', `limit must be between 1 and ${MAX_TOP_AUTHORS}`, { field: 'limit' });
    }
    const filter = parseMentionFilter(filterInput);
    return storeCall(() => this.store.topAuthors(filter, size));
  }

  sourceBreakdown(filterInput: Record<string, unknown> | null | undefined): Promise<SourceStats[]> {
    const filter = parseMentionFilter(filterInput);
    return storeCall(() => this.store.sourceBreakdown(filter));
  }

  private window(args: WindowArgs, interval?: TimeInterval): RollupWindow {
    const from = Date.parse(args.from);
    const to = Date.parse(args.to);
    if (Number.isNaN(from)) throw new GatewayError('INVALID_ARGUMENT', 'from must be an ISO 8601 date-time', { field: 'from' });
    if (Number.isNaN(to)) throw new GatewayError('INVALID_ARGUMENT', 'to must be an ISO 8601 date-time', { field: 'to' });
    if (from >= to) throw new GatewayError('INVALID_ARGUMENT', 'from must be earlier than to', { field: 'from' });
    if (interval && (to - from) / INTERVAL_MS[interval] > MAX_BUCKETS) {
      throw new GatewayError('INVALID_ARGUMENT', `at most ${MAX_BUCKETS} buckets: use a longer interval or a shorter window`, { field: 'interval' });
    }
    const topicIds = args.topicIds ?? undefined;
    if (topicIds && (topicIds.length > 500 || topicIds.some((t) => t.length === 0))) {
      throw new GatewayError('INVALID_ARGUMENT', 'topicIds: up to 500 non-empty ids', { field: 'topicIds' });
    }
    return { topicIds, from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  }

}
