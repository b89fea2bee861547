import type { SqlExecutor } from '../../database/sql-client.port.js';

/** One author rollup cell: a day (daily table) or a Monday (weekly table). */
export interface AuthorRollupRow {
  topic_id: string;
  period: string;
  source: string;
  author_id: string;
  sentiment_label: string;
  mentions: number;
}

const ORDER = 'ORDER BY 1, 2, 3, 4, 5';

/** What the triggers maintain, every row (a zero left behind would show). */
export async function storedAuthorRollups(db: SqlExecutor): Promise<{ daily: AuthorRollupRow[]; weekly: AuthorRollupRow[] }> {
  return {
    daily: await db.query<AuthorRollupRow>(`SELECT topic_id, day::text AS period, source, author_id, sentiment_label, mentions FROM author_rollups ${ORDER}`),
    weekly: await db.query<AuthorRollupRow>(`SELECT topic_id, week::text AS period, source, author_id, sentiment_label, mentions FROM author_week_rollups ${ORDER}`),
  };
}

/**
 * The same rows recounted from the mentions, written independently of the triggers (weeks
 * through date_trunc on UTC wall-clock time rather than the trigger's day arithmetic).
 */
export async function recountAuthorRollups(db: SqlExecutor): Promise<{ daily: AuthorRollupRow[]; weekly: AuthorRollupRow[] }> {
  const recount = (period: string) =>
    db.query<AuthorRollupRow>(
      `SELECT t.topic_id, ${period} AS period, m.source, m.author_id,
              mention_topic_tone(m.payload, m.sentiment_label, t.topic_id) AS sentiment_label, count(*)::int AS mentions
       FROM mentions m CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(m.topic_ids || ''::text) AS x) AS t(topic_id)
       WHERE m.listed GROUP BY 1, 2, 3, 4, 5 ${ORDER}`,
    );
  return {
    daily: await recount(`(m.published_at AT TIME ZONE 'UTC')::date::text`),
    weekly: await recount(`date_trunc('week', m.published_at AT TIME ZONE 'UTC')::date::text`),
  };
}
