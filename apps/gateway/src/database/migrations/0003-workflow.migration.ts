import type { Migration } from './migration.model.js';

/**
 * The support workflow: per-mention status, assignee, tags and reaction timestamps; an
 * append-only history; rules; the typical-answer base; tone corrections; stored alerts.
 *
 * Workflow columns live on `mentions` (not a side table) because every listing filters on
 * them together with the mention's own columns and the newest-first keyset.
 */
export const workflowMigration: Migration = {
  version: 3,
  name: 'workflow',
  sql: /* sql */ `
    ALTER TABLE mentions
      ADD COLUMN intent text GENERATED ALWAYS AS (payload #>> '{intent,label}') STORED,
      ADD COLUMN reply_needed boolean GENERATED ALWAYS AS (coalesce((payload #>> '{intent,replyNeeded}')::boolean, false)) STORED,
      ADD COLUMN status text NOT NULL DEFAULT 'new',
      ADD COLUMN assignee text,
      ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
      -- The typical-answer category matched when the mention arrived (coverage counts these).
      ADD COLUMN answer_category_id text,
      ADD COLUMN first_response_at timestamptz,
      ADD COLUMN resolved_at timestamptz,
      ADD COLUMN workflow_updated_at timestamptz,
      -- Set once rules and answers ran; a batch redelivered after a crash re-triages only what was missed.
      ADD COLUMN triaged_at timestamptz;

    -- Small flags, e.g. whether the default answer base was seeded (so deleting every category sticks).
    CREATE TABLE workflow_settings (key text PRIMARY KEY, value text NOT NULL);

    CREATE INDEX mentions_status_published_idx ON mentions (status, published_at DESC, id DESC);
    CREATE INDEX mentions_assignee_published_idx ON mentions (lower(assignee), published_at DESC, id DESC) WHERE assignee IS NOT NULL;
    CREATE INDEX mentions_tags_idx ON mentions USING gin (tags);
    CREATE INDEX mentions_intent_published_idx ON mentions (intent, published_at DESC, id DESC);
    CREATE INDEX mentions_reply_collected_idx ON mentions (collected_at) WHERE reply_needed OR status <> 'new';

    CREATE TABLE mention_events (
      id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      mention_id text COLLATE "C" NOT NULL REFERENCES mentions (id) ON DELETE CASCADE,
      at         timestamptz NOT NULL,
      -- The API key's name, or "rule:<id>" for automatic actions.
      actor      text NOT NULL,
      kind       text NOT NULL,
      data       jsonb NOT NULL
    );
    CREATE INDEX mention_events_mention_idx ON mention_events (mention_id, id);

    CREATE TABLE workflow_rules (
      id         text PRIMARY KEY,
      position   integer     NOT NULL,
      definition jsonb       NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE answer_categories (
      id         text PRIMARY KEY,
      position   integer     NOT NULL,
      definition jsonb       NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );

    -- Training data for the next model: kept after retention deletes the mention, so the
    -- text and context are copied here. One row per (mention, topic); '' is the overall tone.
    CREATE TABLE tone_feedback (
      mention_id     text NOT NULL,
      topic_id       text NOT NULL,
      label          text NOT NULL,
      previous_label text NOT NULL,
      comment        text,
      actor          text NOT NULL,
      at             timestamptz NOT NULL,
      text           text NOT NULL,
      language       text NOT NULL,
      source         text NOT NULL,
      -- The terms that matched the topic, so a trainer can mark the brand as the model expects.
      terms          text[] NOT NULL DEFAULT '{}',
      model_id       text NOT NULL,
      model_version  text NOT NULL,
      PRIMARY KEY (mention_id, topic_id)
    );
    CREATE INDEX tone_feedback_at_idx ON tone_feedback (at);

    CREATE TABLE alerts (
      id         text PRIMARY KEY,
      kind       text        NOT NULL,
      severity   text        NOT NULL,
      raised_at  timestamptz NOT NULL,
      topic_ids  text[]      NOT NULL,
      payload    jsonb       NOT NULL
    );
    CREATE INDEX alerts_raised_idx ON alerts (raised_at DESC, id DESC);
    CREATE INDEX alerts_topic_ids_idx ON alerts USING gin (topic_ids);
  `,
};
