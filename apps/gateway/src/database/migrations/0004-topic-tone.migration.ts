import type { Migration } from './migration.model.js';

/**
 * Per-topic rollups count the tone toward that topic. "МТС лучше Билайна" is good news for
 * MTS and bad news for Beeline: when the sentiment stage scored a mention per topic
 * (`sentiment.byTopic`), each topic's rollup row takes that topic's label; the all-topics
 * row ('') keeps the overall tone. Scans that answer the same questions for one topic use
 * the same function (see sql-mention.store.ts), so rollups and scans cannot disagree.
 */
export const topicToneMigration: Migration = {
  version: 4,
  name: 'topic-tone',
  sql: /* sql */ `
    CREATE FUNCTION mention_topic_tone(payload jsonb, overall text, topic text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
      SELECT CASE WHEN topic = '' THEN overall ELSE coalesce(
        (SELECT b ->> 'label' FROM jsonb_array_elements(coalesce(payload #> '{sentiment,byTopic}', '[]'::jsonb)) AS b
         WHERE b ->> 'topicId' = topic LIMIT 1),
        overall) END
    $fn$;

    -- "topic:tone" for each of the mention's topics, GIN-indexed: "negative toward Beeline" is then
    -- an index lookup (topic_tones && '{beeline:negative}') instead of a function call per row.
    CREATE FUNCTION mention_topic_tones(payload jsonb) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
      SELECT coalesce(array_agg(DISTINCT t.id || ':' || mention_topic_tone(payload, payload #>> '{sentiment,label}', t.id)), '{}')
      FROM jsonb_array_elements_text(coalesce(payload -> 'topicIds', '[]'::jsonb)) AS t(id)
    $fn$;

    ALTER TABLE mentions ADD COLUMN topic_tones text[] GENERATED ALWAYS AS (mention_topic_tones(payload)) STORED;
    CREATE INDEX mentions_topic_tones_idx ON mentions USING gin (topic_tones);

    CREATE OR REPLACE FUNCTION mention_rollups_apply_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO mention_rollups AS r (topic_id, bucket, source, sentiment_label, mentions)
      SELECT t.topic_id, date_trunc('hour', n.published_at, 'UTC'), n.source, mention_topic_tone(n.payload, n.sentiment_label, t.topic_id), count(*)
      FROM new_rows n
      CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(n.topic_ids || ''::text) AS x) AS t(topic_id)
      WHERE n.listed
      GROUP BY 1, 2, 3, 4
      ON CONFLICT (topic_id, bucket, source, sentiment_label) DO UPDATE SET mentions = r.mentions + excluded.mentions;
      RETURN NULL;
    END $fn$;

    CREATE OR REPLACE FUNCTION mention_rollups_apply_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO mention_rollups AS r (topic_id, bucket, source, sentiment_label, mentions)
      SELECT topic_id, bucket, source, sentiment_label, sum(delta)
      FROM (
        SELECT t.topic_id, date_trunc('hour', n.published_at, 'UTC') AS bucket, n.source,
               mention_topic_tone(n.payload, n.sentiment_label, t.topic_id) AS sentiment_label, 1 AS delta
        FROM new_rows n
        CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(n.topic_ids || ''::text) AS x) AS t(topic_id)
        WHERE n.listed
        UNION ALL
        SELECT t.topic_id, date_trunc('hour', o.published_at, 'UTC'), o.source, mention_topic_tone(o.payload, o.sentiment_label, t.topic_id), -1
        FROM old_rows o
        CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(o.topic_ids || ''::text) AS x) AS t(topic_id)
        WHERE o.listed
      ) AS d
      GROUP BY 1, 2, 3, 4
      HAVING sum(delta) <> 0
      ON CONFLICT (topic_id, bucket, source, sentiment_label) DO UPDATE SET mentions = r.mentions + excluded.mentions;
      RETURN NULL;
    END $fn$;

    CREATE OR REPLACE FUNCTION mention_rollups_apply_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      UPDATE mention_rollups AS r SET mentions = r.mentions - d.n
      FROM (
        SELECT t.topic_id, date_trunc('hour', o.published_at, 'UTC') AS bucket, o.source,
               mention_topic_tone(o.payload, o.sentiment_label, t.topic_id) AS sentiment_label, count(*)::int AS n
        FROM old_rows o
        CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(o.topic_ids || ''::text) AS x) AS t(topic_id)
        WHERE o.listed
        GROUP BY 1, 2, 3, 4
      ) AS d
      WHERE r.topic_id = d.topic_id AND r.bucket = d.bucket AND r.source = d.source AND r.sentiment_label = d.sentiment_label;
      RETURN NULL;
    END $fn$;

    -- Mentions stored before this migration, recounted with the per-topic tone.
    DELETE FROM mention_rollups;
    INSERT INTO mention_rollups (topic_id, bucket, source, sentiment_label, mentions)
    SELECT t.topic_id, date_trunc('hour', m.published_at, 'UTC'), m.source, mention_topic_tone(m.payload, m.sentiment_label, t.topic_id), count(*)
    FROM mentions m
    CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(m.topic_ids || ''::text) AS x) AS t(topic_id)
    WHERE m.listed
    GROUP BY 1, 2, 3, 4;
  `,
};
