import type { SqlClient } from '../database/sql-client.port.js';
import { Params, assertTimestamp, iso, whereClause } from '../database/sql.helpers.js';
import { filterConditions, rollupAnswers, toneCounts, toneExpression } from '../mentions/mention-filter.sql.js';
import { rollupRows } from '../mentions/rollup-rows.sql.js';
import type { MentionFilter } from '../mentions/mention.model.js';
import { TopAuthorsRepository } from './top-authors.repository.js';
import type { AuthorStats, RollupWindow, SourceStats, TimeInterval, TimelineBucket, TopicVolume } from './analytics.model.js';

const INTERVAL_UNITS: Record<TimeInterval, string> = { HOUR: 'hour', DAY: 'day', WEEK: 'week' };

const TONE_COLUMNS = `
  coalesce(sum(mentions) FILTER (WHERE sentiment_label = 'negative'), 0)::int AS negative,
  coalesce(sum(mentions) FILTER (WHERE sentiment_label = 'neutral'), 0)::int AS neutral,
  coalesce(sum(mentions) FILTER (WHERE sentiment_label = 'positive'), 0)::int AS positive,
  coalesce(sum(mentions), 0)::int AS total`;

/** Rollup rows for the window: '' is the "every listed mention once" row (see 0002-analytics). */
function rollupConditions(window: RollupWindow, params: Params): string[] {
  assertTimestamp('from', window.from);
  assertTimestamp('to', window.to);
  const topics = window.topicIds?.length ? window.topicIds : [''];
  return [
    `topic_id = ANY(${params.add(topics)}::text[])`,
    `bucket >= date_trunc('hour', ${params.add(window.from)}::timestamptz, 'UTC')`,
    `bucket < ${params.add(window.to)}::timestamptz`,
  ];
}

/** Analytics reads: rollups where they hold the answer (see 0002-analytics), the mentions table otherwise. */
export class AnalyticsRepository {
  private readonly authors: TopAuthorsRepository;

  constructor(private readonly db: SqlClient) {
    this.authors = new TopAuthorsRepository(db);
  }

  async sentimentTimeline(window: RollupWindow, interval: TimeInterval): Promise<TimelineBucket[]> {
    const params = new Params();
    const unit = params.add(INTERVAL_UNITS[interval]);
    // Days and weeks are sums of whole UTC days: read from the day rollups but at the window's edges.
    const source =
      interval === 'HOUR'
        ? `mention_rollups ${whereClause(rollupConditions(window, params))}`
        : rollupRows(params, { topics: window.topicIds?.length ? window.topicIds : [''], from: window.from, to: window.to });
    // Buckets are computed on UTC wall-clock time so days and weeks never shift with the session time zone.
    const rows = await this.db.query<{ start: Date; negative: number; neutral: number; positive: number; total: number }>(
      `WITH series AS (
         SELECT generate_series(
           date_trunc(${unit}, ${params.add(window.from)}::timestamptz AT TIME ZONE 'UTC'),
           (${params.add(window.to)}::timestamptz AT TIME ZONE 'UTC') - interval '1 microsecond',
           ('1 ' || ${unit})::interval) AS start
       ), counts AS (
         SELECT date_trunc(${unit}, bucket AT TIME ZONE 'UTC') AS start, ${TONE_COLUMNS}
         FROM ${source}
         GROUP BY 1
       )
       SELECT s.start AT TIME ZONE 'UTC' AS start,
         coalesce(c.negative, 0) AS negative, coalesce(c.neutral, 0) AS neutral,
         coalesce(c.positive, 0) AS positive, coalesce(c.total, 0) AS total
       FROM series s LEFT JOIN counts c ON c.start = s.start
       ORDER BY s.start`,
      params.values,
    );
    return rows.map((r) => ({ start: iso(r.start), negative: r.negative, neutral: r.neutral, positive: r.positive, total: r.total }));
  }

  /**
   * The timeline over mentions matching a filter (each once, with the filter's tone), for what the
   * rollups cannot answer: several topics taken together, or filters beyond topic/source/tone.
   * Buckets as in `sentimentTimeline`; the filter must bound the period (from and to).
   */
  async filteredTimeline(filter: MentionFilter & { from: string; to: string }, interval: TimeInterval): Promise<TimelineBucket[]> {
    const params = new Params();
    const unit = params.add(INTERVAL_UNITS[interval]);
    const seriesFrom = params.add(filter.from);
    const seriesTo = params.add(filter.to);
    const tone = toneExpression(filter, params);
    const where = whereClause(filterConditions(filter, params));
    const rows = await this.db.query<{ start: Date; negative: number; neutral: number; positive: number; total: number }>(
      `WITH series AS (
         SELECT generate_series(
           date_trunc(${unit}, ${seriesFrom}::timestamptz AT TIME ZONE 'UTC'),
           (${seriesTo}::timestamptz AT TIME ZONE 'UTC') - interval '1 microsecond',
           ('1 ' || ${unit})::interval) AS start
       ), counts AS (
         SELECT date_trunc(${unit}, published_at AT TIME ZONE 'UTC') AS start, ${toneCounts(tone)}
         FROM mentions ${where}
         GROUP BY 1
       )
       SELECT s.start AT TIME ZONE 'UTC' AS start,
         coalesce(c.negative, 0) AS negative, coalesce(c.neutral, 0) AS neutral,
         coalesce(c.positive, 0) AS positive, coalesce(c.total, 0) AS total
       FROM series s LEFT JOIN counts c ON c.start = s.start
       ORDER BY s.start`,
      params.values,
    );
    return rows.map((r) => ({ start: iso(r.start), negative: r.negative, neutral: r.neutral, positive: r.positive, total: r.total }));
  }

  async topicVolumes(window: RollupWindow & { topicIds: string[] }): Promise<TopicVolume[]> {
    if (window.topicIds.length === 0) return [];
    const params = new Params();
    const rows = await this.db.query<TopicVolume & { topic_id: string }>(
      `SELECT topic_id, ${TONE_COLUMNS} FROM ${rollupRows(params, { topics: window.topicIds, from: window.from, to: window.to })} GROUP BY topic_id`,
      params.values,
    );
    const byTopic = new Map(rows.map((r) => [r.topic_id, r]));
    return window.topicIds.map((topicId) => {
      const r = byTopic.get(topicId);
      return { topicId, negative: r?.negative ?? 0, neutral: r?.neutral ?? 0, positive: r?.positive ?? 0, total: r?.total ?? 0 };
    });
  }

  /** Rollups when the filter allows, else a scan: see top-authors.repository.ts. */
  topAuthors(filter: MentionFilter, limit: number): Promise<AuthorStats[]> {
    return this.authors.topAuthors(filter, limit);
  }

  async sourceBreakdown(filter: MentionFilter): Promise<SourceStats[]> {
    if (rollupAnswers(filter)) {
      // Same answer as the scan below, read from a few thousand rollup rows instead of every mention.
      const params = new Params();
      // Hour-aligned bounds (rollupAnswers), so the hourly rows' rounding changes nothing.
      const rows = rollupRows(params, { topics: [filter.topicIds?.[0] ?? ''], from: filter.from, to: filter.to });
      const conditions: string[] = [];
      if (filter.sources?.length) conditions.push(`source = ANY(${params.add(filter.sources)}::text[])`);
      if (filter.sentiments?.length) conditions.push(`sentiment_label = ANY(${params.add(filter.sentiments)}::text[])`);
      const stats = await this.db.query<SourceStats>(
        `SELECT source, ${TONE_COLUMNS} FROM ${rows} ${whereClause(conditions)} GROUP BY source HAVING sum(mentions) > 0 ORDER BY total DESC, source`,
        params.values,
      );
      return stats.map((r) => ({ source: r.source, negative: r.negative, neutral: r.neutral, positive: r.positive, total: r.total }));
    }
    const params = new Params();
    const where = whereClause(filterConditions(filter, params));
    const counts = toneCounts(toneExpression(filter, params));
    const rows = await this.db.query<SourceStats>(
      `SELECT source, ${counts} FROM mentions ${where} GROUP BY source ORDER BY total DESC, source`,
      params.values,
    );
    return rows.map((r) => ({ source: r.source, negative: r.negative, neutral: r.neutral, positive: r.positive, total: r.total }));
  }

}
