import type { Migration } from './migration.model.js';

/** One statement's rows as hourly rollup deltas: each listed mention once per topic and once under '' (0002, 0004). */
const hourDeltas = (rows: string, sign: '1' | '-1'): string => /* sql */ `
  SELECT t.topic_id, date_trunc('hour', x.published_at, 'UTC') AS bucket, x.source,
         mention_topic_tone(x.payload, x.sentiment_label, t.topic_id) AS sentiment_label, ${sign} AS delta
  FROM ${rows} x
  CROSS JOIN LATERAL (SELECT DISTINCT y FROM unnest(x.topic_ids || ''::text) AS y) AS t(topic_id)
  WHERE x.listed`;

/**
 * Adds summed deltas to the hourly rollups and to their UTC-day sums in one statement, so the
 * per-topic tone is computed once per mention. Rows go in key order, hours before days, so two
 * gateways storing overlapping batches lock shared cells in the same order and cannot deadlock
 * on them (a day cell is shared by far more batches than an hour cell).
 */
const apply = (deltaRows: string): string => /* sql */ `
  WITH d AS (
    SELECT topic_id, bucket, source, sentiment_label, sum(delta)::int AS delta
    FROM (${deltaRows}) AS all_deltas
    GROUP BY 1, 2, 3, 4
    HAVING sum(delta) <> 0
  ), hourly AS (
    INSERT INTO mention_rollups AS r (topic_id, bucket, source, sentiment_label, mentions)
    SELECT topic_id, bucket, source, sentiment_label, delta FROM d
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (topic_id, bucket, source, sentiment_label) DO UPDATE SET mentions = r.mentions + excluded.mentions
  )
  INSERT INTO mention_day_rollups AS r (topic_id, bucket, source, sentiment_label, mentions)
  SELECT topic_id, date_trunc('day', bucket, 'UTC'), source, sentiment_label, sum(delta)::int
  FROM d
  GROUP BY 1, 2, 3, 4
  HAVING sum(delta) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (topic_id, bucket, source, sentiment_label) DO UPDATE SET mentions = r.mentions + excluded.mentions`;

/**
 * Issue 17: reads that were slow at 1 M mentions.
 *
 * Day rollups — `mention_rollups` summed per UTC day. Share of voice over 20 topics for 30 days
 * summed ~150,000 hourly rows (up to 18 source × tone cells per topic-hour); whole days read 24×
 * fewer rows. Readers take whole days from here and only the hours at a window's edges from the
 * hourly table (see mentions/rollup-rows.sql.ts), so every answer stays the hourly one. Kept by
 * the same statement-level triggers as the hourly rows (their functions now write both), so
 * re-scoring, spam flags, retention deletes and TRUNCATE move both alike. Cells that fall to zero
 * stay until retention sweeps them, as hourly ones do.
 *
 * Topic-day keys — a filtered search's exact count (topic + period + full text) picked its rows by
 * intersecting two big bitmaps: every mention of the topic (GIN on topic_ids, ~110,000 entries)
 * and every mention of the period (~70,000): ~35 of its ~57 ms. A GIN index over "topic@UTC day
 * number" keys of listed mentions finds the same rows (a few days' worth of the topic) in one
 * small lookup. An
 * expression index rather than a stored column: no table rewrite, no wider rows; the function
 * is pure arithmetic on the epoch (no time zone, no DateStyle), hence IMMUTABLE.
 */
export const dayRollupsMigration: Migration = {
  version: 8,
  name: 'day-rollups',
  sql: /* sql */ `
    CREATE TABLE mention_day_rollups (
      topic_id        text        NOT NULL,
      -- The UTC midnight starting the day, so readers can mix these rows with hourly buckets.
      bucket          timestamptz NOT NULL,
      source          text        NOT NULL,
      sentiment_label text        NOT NULL,
      mentions        integer     NOT NULL,
      PRIMARY KEY (topic_id, bucket, source, sentiment_label)
    );

    CREATE OR REPLACE FUNCTION mention_rollups_apply_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      ${apply(hourDeltas('new_rows', '1'))};
      RETURN NULL;
    END $fn$;

    CREATE OR REPLACE FUNCTION mention_rollups_apply_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      ${apply(`${hourDeltas('new_rows', '1')} UNION ALL ${hourDeltas('old_rows', '-1')}`)};
      RETURN NULL;
    END $fn$;

    CREATE OR REPLACE FUNCTION mention_rollups_apply_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      ${apply(hourDeltas('old_rows', '-1'))};
      RETURN NULL;
    END $fn$;

    CREATE OR REPLACE FUNCTION mention_rollups_apply_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      DELETE FROM mention_rollups;
      DELETE FROM mention_day_rollups;
      RETURN NULL;
    END $fn$;

    -- Mentions stored before this migration: their hourly rows, summed per day.
    INSERT INTO mention_day_rollups (topic_id, bucket, source, sentiment_label, mentions)
    SELECT topic_id, date_trunc('day', bucket, 'UTC'), source, sentiment_label, sum(mentions)::int
    FROM mention_rollups
    GROUP BY 1, 2, 3, 4
    HAVING sum(mentions) <> 0;

    -- "topic@day" for each of the mention's topics; the day is days since 1970-01-01 UTC.
    CREATE FUNCTION mention_topic_days(topic_ids text[], published_at timestamptz) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
      SELECT coalesce(array_agg(DISTINCT t || '@' || floor(extract(epoch FROM published_at) / 86400)::int), '{}')
      FROM unnest(topic_ids) AS t
    $fn$;
    -- Listed mentions only: the counts that read it are bounded by the rollups, which count only those.
    CREATE INDEX mentions_topic_days_idx ON mentions USING gin (mention_topic_days(topic_ids, published_at)) WHERE listed;
  `,
};
