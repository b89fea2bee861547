import type { Migration } from './migration.model.js';

export const initMigration: Migration = {
  version: 1,
  name: 'init',
  sql: /* sql */ `
    CREATE TABLE mentions (
      -- C collation: the id is the keyset tie-breaker, so its order must be byte order on every server, whatever the cluster locale.
      id              text COLLATE "C" PRIMARY KEY,
      source          text        NOT NULL,
      source_id       text        NOT NULL,
      language        text        NOT NULL,
      published_at    timestamptz NOT NULL,
      collected_at    timestamptz NOT NULL,
      scored_at       timestamptz NOT NULL,
      author_id       text        NOT NULL,
      author_handle   text        NOT NULL,
      sentiment_label text        NOT NULL,
      sentiment_score double precision NOT NULL,
      topic_ids       text[]      NOT NULL DEFAULT '{}',
      text            text        NOT NULL,
      url             text,
      model_id        text        NOT NULL,
      model_version   text        NOT NULL,
      -- The mention exactly as received: reads return it, so columns only need to exist for filtering.
      payload         jsonb       NOT NULL,
      stored_at       timestamptz NOT NULL DEFAULT now(),
      updated_at      timestamptz NOT NULL DEFAULT now(),
      -- The 'russian' configuration stems Cyrillic words with the Russian stemmer and ASCII words with
      -- english_stem, so one configuration covers both languages. Concatenating a second 'english' vector
      -- and OR-ing two queries breaks exclusions ("-сбой" would still match "сбоя" through the unstemmed branch).
      tsv             tsvector GENERATED ALWAYS AS (to_tsvector('russian'::regconfig, text)) STORED
    );

    CREATE INDEX mentions_published_idx ON mentions (published_at DESC, id DESC);
    CREATE INDEX mentions_tsv_idx ON mentions USING gin (tsv);
    CREATE INDEX mentions_topic_ids_idx ON mentions USING gin (topic_ids);
    -- Filters are always combined with the newest-first order, so each leads a (…, published_at, id) index.
    CREATE INDEX mentions_sentiment_published_idx ON mentions (sentiment_label, published_at DESC, id DESC);
    CREATE INDEX mentions_source_published_idx ON mentions (source, published_at DESC, id DESC);
    CREATE INDEX mentions_language_published_idx ON mentions (language, published_at DESC, id DESC);
    CREATE INDEX mentions_author_published_idx ON mentions (lower(author_handle), published_at DESC, id DESC);

    CREATE TABLE topics (
      id         text PRIMARY KEY,
      name       text        NOT NULL,
      keywords   text[]      NOT NULL,
      status     text        NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      payload    jsonb       NOT NULL
    );
  `,
};
