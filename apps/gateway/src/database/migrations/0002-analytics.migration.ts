import { SPAM_THRESHOLD } from '@pulse/contracts';
import type { Migration } from './migration.model.js';

/**
 * Spam/duplicate columns, hourly rollups kept by triggers, and API keys.
 *
 * Rollups are maintained by statement-level triggers with transition tables rather than by
 * the upsert statement itself: the trigger sees the exact before-image of every row it
 * replaces (even when two transactions race on one id), and retention deletes and
 * TRUNCATE adjust them through the same path.
 *
 * The spam line comes from the contracts (0.5, the text this migration was first applied with);
 * changing that constant needs a new migration that redefines the `listed` column.
 */
export const analyticsMigration: Migration = {
  version: 2,
  name: 'analytics',
  sql: /* sql */ `
    -- Generated from the payload, like every other filter column, so they can never disagree with it.
    -- A mention is "listed" when default queries show it: spam score below SPAM_THRESHOLD and not a copy of another.
    ALTER TABLE mentions
      ADD COLUMN spam_score double precision
        GENERATED ALWAYS AS (coalesce((payload #>> '{spam,score}')::double precision, 0)) STORED,
      ADD COLUMN duplicate_of text GENERATED ALWAYS AS (payload ->> 'duplicateOf') STORED,
      ADD COLUMN author_name text GENERATED ALWAYS AS (payload #>> '{author,name}') STORED,
      ADD COLUMN author_followers integer GENERATED ALWAYS AS ((payload #>> '{author,followers}')::integer) STORED,
      ADD COLUMN listed boolean GENERATED ALWAYS AS (
        coalesce((payload #>> '{spam,score}')::double precision, 0) < ${SPAM_THRESHOLD} AND payload ->> 'duplicateOf' IS NULL
      ) STORED;

    -- The default listing (listed only, newest first) is the hottest query.
    CREATE INDEX mentions_listed_published_idx ON mentions (published_at DESC, id DESC) WHERE listed;
    CREATE INDEX mentions_duplicate_of_idx ON mentions (duplicate_of) WHERE duplicate_of IS NOT NULL;
    CREATE INDEX mentions_author_id_idx ON mentions (source, author_id);

    -- Counts of listed mentions per topic × hour × source × tone. topic_id '' counts every
    -- listed mention once (with or without topics), for questions about "all topics".
    CREATE TABLE mention_rollups (
      topic_id        text        NOT NULL,
      bucket          timestamptz NOT NULL,
      source          text        NOT NULL,
      sentiment_label text        NOT NULL,
      mentions        integer     NOT NULL,
      PRIMARY KEY (topic_id, bucket, source, sentiment_label)
    );
    CREATE INDEX mention_rollups_bucket_idx ON mention_rollups (bucket);

    CREATE FUNCTION mention_rollups_apply_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO mention_rollups AS r (topic_id, bucket, source, sentiment_label, mentions)
      SELECT t.topic_id, date_trunc('hour', n.published_at, 'UTC'), n.source, n.sentiment_label, count(*)
      FROM new_rows n
      CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(n.topic_ids || ''::text) AS x) AS t(topic_id)
      WHERE n.listed
      GROUP BY 1, 2, 3, 4
      ON CONFLICT (topic_id, bucket, source, sentiment_label) DO UPDATE SET mentions = r.mentions + excluded.mentions;
      RETURN NULL;
    END $fn$;

    -- A re-scored (or re-flagged) mention moves its counts: minus the old row, plus the new one.
    CREATE FUNCTION mention_rollups_apply_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO mention_rollups AS r (topic_id, bucket, source, sentiment_label, mentions)
      SELECT topic_id, bucket, source, sentiment_label, sum(delta)
      FROM (
        SELECT t.topic_id, date_trunc('hour', n.published_at, 'UTC') AS bucket, n.source, n.sentiment_label, 1 AS delta
        FROM new_rows n
        CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(n.topic_ids || ''::text) AS x) AS t(topic_id)
        WHERE n.listed
        UNION ALL
        SELECT t.topic_id, date_trunc('hour', o.published_at, 'UTC'), o.source, o.sentiment_label, -1
        FROM old_rows o
        CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(o.topic_ids || ''::text) AS x) AS t(topic_id)
        WHERE o.listed
      ) AS d
      GROUP BY 1, 2, 3, 4
      HAVING sum(delta) <> 0
      ON CONFLICT (topic_id, bucket, source, sentiment_label) DO UPDATE SET mentions = r.mentions + excluded.mentions;
      RETURN NULL;
    END $fn$;

    CREATE FUNCTION mention_rollups_apply_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      UPDATE mention_rollups AS r SET mentions = r.mentions - d.n
      FROM (
        SELECT t.topic_id, date_trunc('hour', o.published_at, 'UTC') AS bucket, o.source, o.sentiment_label, count(*)::int AS n
        FROM old_rows o
        CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(o.topic_ids || ''::text) AS x) AS t(topic_id)
        WHERE o.listed
        GROUP BY 1, 2, 3, 4
      ) AS d
      WHERE r.topic_id = d.topic_id AND r.bucket = d.bucket AND r.source = d.source AND r.sentiment_label = d.sentiment_label;
      RETURN NULL;
    END $fn$;

    CREATE FUNCTION mention_rollups_apply_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      DELETE FROM mention_rollups;
      RETURN NULL;
    END $fn$;

    CREATE TRIGGER mentions_rollup_insert AFTER INSERT ON mentions
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mention_rollups_apply_insert();
    CREATE TRIGGER mentions_rollup_update AFTER UPDATE ON mentions
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mention_rollups_apply_update();
    CREATE TRIGGER mentions_rollup_delete AFTER DELETE ON mentions
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mention_rollups_apply_delete();
    CREATE TRIGGER mentions_rollup_truncate AFTER TRUNCATE ON mentions
      FOR EACH STATEMENT EXECUTE FUNCTION mention_rollups_apply_truncate();

    -- Mentions stored before this migration.
    INSERT INTO mention_rollups (topic_id, bucket, source, sentiment_label, mentions)
    SELECT t.topic_id, date_trunc('hour', m.published_at, 'UTC'), m.source, m.sentiment_label, count(*)
    FROM mentions m
    CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(m.topic_ids || ''::text) AS x) AS t(topic_id)
    WHERE m.listed
    GROUP BY 1, 2, 3, 4;

    CREATE TABLE api_keys (
      id           text PRIMARY KEY,
      name         text        NOT NULL,
      role         text        NOT NULL,
      -- Only the hash is kept: a leaked database does not leak working keys.
      sha256       text        NOT NULL UNIQUE,
      revoked      boolean     NOT NULL DEFAULT false,
      created_at   timestamptz NOT NULL,
      updated_at   timestamptz NOT NULL,
      last_used_at timestamptz
    );
  `,
};
