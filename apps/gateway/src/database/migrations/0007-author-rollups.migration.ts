import type { Migration } from './migration.model.js';

/** The deltas of one statement's rows: each listed mention once per topic and once under '' (see 0002-analytics). */
const deltas = (rows: string, sign: '1' | '-1'): string => /* sql */ `
  SELECT t.topic_id, (x.published_at AT TIME ZONE 'UTC')::date AS day, x.source, x.author_id,
         mention_topic_tone(x.payload, x.sentiment_label, t.topic_id) AS sentiment_label, ${sign} AS delta
  FROM ${rows} x
  CROSS JOIN LATERAL (SELECT DISTINCT y FROM unnest(x.topic_ids || ''::text) AS y) AS t(topic_id)
  WHERE x.listed`;

/**
 * Adds summed deltas to both tables in one statement. ISO weeks start on Monday; computed on the
 * date itself (not date_trunc on a timestamp) so the session time zone cannot move a day. Rows go
 * in key order, so two gateways storing overlapping batches lock shared cells in the same order
 * and cannot deadlock on them.
 */
const apply = (deltaRows: string): string => /* sql */ `
  WITH d AS (
    SELECT topic_id, day, source, author_id, sentiment_label, sum(delta)::int AS delta
    FROM (${deltaRows}) AS all_deltas
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(delta) <> 0
  ), daily AS (
    INSERT INTO author_rollups AS r (topic_id, day, source, author_id, sentiment_label, mentions)
    SELECT topic_id, day, source, author_id, sentiment_label, delta FROM d
    ORDER BY topic_id, day, source, author_id, sentiment_label
    ON CONFLICT (topic_id, day, source, author_id, sentiment_label) DO UPDATE SET mentions = r.mentions + excluded.mentions
  )
  INSERT INTO author_week_rollups AS r (topic_id, week, sentiment_label, source, author_id, mentions)
  SELECT topic_id, day - (extract(isodow FROM day)::int - 1), sentiment_label, source, author_id, sum(delta)::int
  FROM d
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(delta) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (topic_id, week, sentiment_label, source, author_id) DO UPDATE SET mentions = r.mentions + excluded.mentions`;

/** Rows that reached zero go: only keys of removed rows can, and an empty cell must not linger in rankings. */
const dropEmpty = /* sql */ `
  DELETE FROM author_rollups r
  USING (SELECT DISTINCT topic_id, day, source, author_id, sentiment_label FROM (${deltas('old_rows', '-1')}) AS o) AS k
  WHERE r.mentions = 0 AND r.topic_id = k.topic_id AND r.day = k.day AND r.source = k.source
    AND r.author_id = k.author_id AND r.sentiment_label = k.sentiment_label;
  DELETE FROM author_week_rollups r
  USING (SELECT DISTINCT topic_id, day - (extract(isodow FROM day)::int - 1) AS week, source, author_id, sentiment_label
         FROM (${deltas('old_rows', '-1')}) AS o) AS k
  WHERE r.mentions = 0 AND r.topic_id = k.topic_id AND r.week = k.week AND r.source = k.source
    AND r.author_id = k.author_id AND r.sentiment_label = k.sentiment_label`;

/**
 * Author rollups for `topAuthors` (issue 17): listed mentions per topic × UTC day × author ×
 * tone, with the same topic rows, '' row and per-topic tone as `mention_rollups`.
 *
 * Most authors post a few times a month, so per-day rows barely compress a month of mentions:
 * summing them for a 30-day ranking would still touch one row per mention. The weekly copy,
 * indexed by count within (topic, week, tone), lets the ranking read only each week's loudest
 * authors: their weekly counts bound every other author's total from above, so once the
 * ranking's last exact total beats that bound no one else can enter it (see
 * analytics/top-authors.sql.ts). The daily rows give the exact totals.
 *
 * Maintained like the topic rollups, by statement-level triggers over transition tables, so
 * re-scoring, spam flags, retention deletes and TRUNCATE adjust them through one path.
 */
export const authorRollupsMigration: Migration = {
  version: 7,
  name: 'author-rollups',
  sql: /* sql */ `
    CREATE TABLE author_rollups (
      topic_id        text    NOT NULL,
      day             date    NOT NULL,
      source          text    NOT NULL,
      author_id       text    NOT NULL,
      sentiment_label text    NOT NULL,
      mentions        integer NOT NULL,
      PRIMARY KEY (topic_id, day, source, author_id, sentiment_label)
    );
    -- Exact totals of a few candidate authors over a window.
    CREATE INDEX author_rollups_author_idx ON author_rollups (topic_id, source, author_id, day);

    CREATE TABLE author_week_rollups (
      topic_id        text    NOT NULL,
      week            date    NOT NULL,
      sentiment_label text    NOT NULL,
      source          text    NOT NULL,
      author_id       text    NOT NULL,
      mentions        integer NOT NULL,
      PRIMARY KEY (topic_id, week, sentiment_label, source, author_id)
    );
    -- The loudest authors of one week and tone, read in count order.
    CREATE INDEX author_week_rollups_rank_idx ON author_week_rollups (topic_id, week, sentiment_label, mentions DESC);

    -- Name, handle and followers shown for an author come from their latest mention: one index probe each.
    -- It also serves every lookup the (source, author_id) index did, which it replaces.
    CREATE INDEX mentions_author_latest_idx ON mentions (source, author_id, published_at DESC, id DESC);
    DROP INDEX mentions_author_id_idx;

    CREATE FUNCTION author_rollups_apply_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      ${apply(deltas('new_rows', '1'))};
      RETURN NULL;
    END $fn$;

    CREATE FUNCTION author_rollups_apply_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      ${apply(`${deltas('new_rows', '1')} UNION ALL ${deltas('old_rows', '-1')}`)};
      ${dropEmpty};
      RETURN NULL;
    END $fn$;

    CREATE FUNCTION author_rollups_apply_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      ${apply(deltas('old_rows', '-1'))};
      ${dropEmpty};
      RETURN NULL;
    END $fn$;

    CREATE FUNCTION author_rollups_apply_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      DELETE FROM author_rollups;
      DELETE FROM author_week_rollups;
      RETURN NULL;
    END $fn$;

    CREATE TRIGGER mentions_author_rollup_insert AFTER INSERT ON mentions
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION author_rollups_apply_insert();
    CREATE TRIGGER mentions_author_rollup_update AFTER UPDATE ON mentions
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION author_rollups_apply_update();
    CREATE TRIGGER mentions_author_rollup_delete AFTER DELETE ON mentions
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION author_rollups_apply_delete();
    CREATE TRIGGER mentions_author_rollup_truncate AFTER TRUNCATE ON mentions
      FOR EACH STATEMENT EXECUTE FUNCTION author_rollups_apply_truncate();

    -- Mentions stored before this migration.
    ${apply(deltas('mentions', '1'))};
  `,
};
