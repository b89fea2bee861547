import type { HourlyCount } from '@pulse/alerting';
import type { SqlClient } from '../database/sql-client.port.js';

/**
 * Reads per-topic hourly counts from the store's rollups (the analytics tables, read only here):
 * the history spike baselines are seeded from. The rollups count what the detector counts
 * (listed mentions: no spam, no copies; the tone toward each topic), so a seeded baseline
 * matches a learned one.
 */
export class BaselineHistoryRepository {
  constructor(private readonly db: SqlClient) {}

  /** Complete hours in [from, to), every topic (the all-topics row excluded), oldest first. */
  async hourlyCounts(from: string, to: string): Promise<HourlyCount[]> {
    const rows = await this.db.query<{ topic_id: string; hour_start: number | string; total: number | string; negative: number | string }>(
      `SELECT topic_id, (extract(epoch FROM bucket) * 1000)::float8 AS hour_start,
              sum(mentions)::int AS total,
              coalesce(sum(mentions) FILTER (WHERE sentiment_label = 'negative'), 0)::int AS negative
       FROM mention_rollups
       WHERE topic_id <> '' AND bucket >= $1::timestamptz AND bucket < $2::timestamptz
       GROUP BY topic_id, bucket
       ORDER BY topic_id, bucket`,
      [from, to],
    );
    return rows.map((r) => ({ topicId: r.topic_id, hourStart: Number(r.hour_start), total: Number(r.total), negative: Number(r.negative) }));
  }
}
