import type { Migration } from './migration.model.js';

/**
 * Replies posted in the source's own channel (or recorded as answered elsewhere), one row per
 * idempotency key. The row is written before the source's API is called, so a retry after a
 * timeout finds it and reconciles instead of posting twice.
 *
 * No foreign key to `mentions`: the row is also the audit record of what the brand said (who,
 * when, from which account), kept when retention deletes the mention, like tone feedback.
 */
export const repliesMigration: Migration = {
  version: 5,
  name: 'replies',
  sql: /* sql */ `
    CREATE TABLE mention_replies (
      id                  text PRIMARY KEY,
      idempotency_key     text        NOT NULL UNIQUE,
      mention_id          text COLLATE "C" NOT NULL,
      -- channel: posted through the source's API; elsewhere: the agent answered outside Pulse.
      kind                text        NOT NULL,
      source              text        NOT NULL,
      account_id          text,
      account_name        text,
      text                text        NOT NULL,
      -- pending (stored, outcome not known yet), sent, failed (the source refused: nothing posted).
      status              text        NOT NULL,
      remote_id           text,
      url                 text,
      error_code          text,
      error_message       text,
      retry_after_seconds integer,
      actor               text        NOT NULL,
      created_at          timestamptz NOT NULL,
      updated_at          timestamptz NOT NULL,
      sent_at             timestamptz,
      attempts            integer     NOT NULL DEFAULT 0,
      -- No attempt may start before this: one is running, or a timed-out one is settling at the source.
      retry_not_before    timestamptz,
      -- Set once the workflow (first response, history) recorded the sent reply.
      recorded_at         timestamptz
    );
    CREATE INDEX mention_replies_mention_idx ON mention_replies (mention_id, created_at, id);
  `,
};
