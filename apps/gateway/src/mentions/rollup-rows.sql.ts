import { assertTimestamp, type Params } from '../database/sql.helpers.js';

const DAY_MS = 86_400_000;

/**
 * True when the instant does not depend on the session time zone (an explicit Z or offset), so
 * Date.parse reads it as PostgreSQL does. The API only passes such values; anything else keeps
 * to the plain path.
 */
export const zoned = (value: string | undefined): boolean => value === undefined || /[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(value.trim());

export interface RollupRowsWindow {
  /** '' is the "every listed mention once" row (see 0002-analytics). */
  topics: readonly string[];
  /** Inclusive, rounded down to the hour; absent: unbounded. */
  from?: string;
  /** Exclusive, rounded up to the hour; absent: unbounded. */
  to?: string;
}

/**
 * The hourly rollup rows of a window (`mention_rollups`: topic, hour bucket, source, tone,
 * mentions), as a FROM item `rollups` with the same columns — read as whole UTC days from
 * `mention_day_rollups` where they fit (see 0008-day-rollups) and as hours only at the edges.
 * Sums over it (by topic, source, tone, or any period of whole days: day and week buckets) equal
 * the same sums over the hourly rows, which the triggers keep it consistent with. A bucket is
 * then a day's midnight or an hour: do not group by hour over it.
 *
 * The days are [first UTC midnight at or after `from`, last at or before `to`): every hour in
 * them is at or after the hour `from` rounds down to, and before `to`, so the hourly branch's
 * own conditions, which stay exactly the old ones, only lose the hours the days cover.
 */
export function rollupRows(params: Params, window: RollupRowsWindow): string {
  const topics = window.topics.length === 1 ? `topic_id = ${params.add(window.topics[0])}` : `topic_id = ANY(${params.add(window.topics)}::text[])`;
  const hourly = [topics];
  if (window.from !== undefined) {
    assertTimestamp('from', window.from);
    hourly.push(`bucket >= date_trunc('hour', ${params.add(window.from)}::timestamptz, 'UTC')`);
  }
  if (window.to !== undefined) {
    assertTimestamp('to', window.to);
    hourly.push(`bucket < ${params.add(window.to)}::timestamptz`);
  }
  // Date.parse drops digits below the millisecond, which can only move these bounds inside the same hour.
  const daysFrom = window.from === undefined ? undefined : Math.ceil(Date.parse(window.from) / DAY_MS) * DAY_MS;
  const daysTo = window.to === undefined ? undefined : Math.floor(Date.parse(window.to) / DAY_MS) * DAY_MS;
  const columns = 'topic_id, bucket, source, sentiment_label, mentions';
  if ((daysFrom !== undefined && daysTo !== undefined && daysTo <= daysFrom) || !zoned(window.from) || !zoned(window.to)) {
    return `(SELECT ${columns} FROM mention_rollups WHERE ${hourly.join(' AND ')}) AS rollups`;
  }
  const daily = [topics];
  const outside: string[] = [];
  if (daysFrom !== undefined) {
    const at = params.add(new Date(daysFrom).toISOString());
    daily.push(`bucket >= ${at}::timestamptz`);
    outside.push(`bucket < ${at}::timestamptz`);
  }
  if (daysTo !== undefined) {
    const at = params.add(new Date(daysTo).toISOString());
    daily.push(`bucket < ${at}::timestamptz`);
    outside.push(`bucket >= ${at}::timestamptz`);
  }
  const days = `SELECT ${columns} FROM mention_day_rollups WHERE ${daily.join(' AND ')}`;
  // Unbounded on both sides: every hour is inside a day.
  if (outside.length === 0) return `(${days}) AS rollups`;
  return `(${days}
    UNION ALL
    SELECT ${columns} FROM mention_rollups WHERE ${hourly.join(' AND ')} AND (${outside.join(' OR ')})) AS rollups`;
}
