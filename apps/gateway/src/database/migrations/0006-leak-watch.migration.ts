import type { Migration } from './migration.model.js';

/**
 * Leak watch managed in the product: watch lists (accounts per source, e.g. employees),
 * confidential terms (query-language expressions) and the history of every change.
 *
 * `leak_watch_state` is one row whose version every change increments in its own transaction:
 * the row lock orders writers, so a replica that polls the version and reloads when it moves
 * can never miss a change that committed out of order (as a max(id) over the history could).
 */
export const leakWatchMigration: Migration = {
  version: 6,
  name: 'leak-watch',
  sql: /* sql */ `
    CREATE TABLE leak_watch_lists (
      id         text PRIMARY KEY,
      name       text        NOT NULL,
      -- [{"source": "vk", "handle": "ivan.petrov"}], handles stored without "@" and lower-cased.
      accounts   jsonb       NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE leak_watch_terms (
      id         text PRIMARY KEY,
      expression text        NOT NULL,
      -- Alert whoever posts it, not only watched accounts.
      always     boolean     NOT NULL,
      -- Null: critical from a watched account, high from anyone else.
      severity   text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE leak_watch_changes (
      id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at        timestamptz NOT NULL,
      -- The API key's name, or "seed:ALERT_LEAK_WATCH".
      actor     text        NOT NULL,
      action    text        NOT NULL,
      entity    text        NOT NULL,
      entity_id text,
      before    jsonb,
      after     jsonb
    );
    CREATE INDEX leak_watch_changes_at_idx ON leak_watch_changes (at DESC, id DESC);
    -- The environment seeds a deployment once, however many replicas start together.
    CREATE UNIQUE INDEX leak_watch_changes_one_seed_idx ON leak_watch_changes (action) WHERE action = 'seed';

    CREATE TABLE leak_watch_state (
      id      boolean PRIMARY KEY DEFAULT true CHECK (id),
      version bigint  NOT NULL
    );
    INSERT INTO leak_watch_state (id, version) VALUES (true, 0);
  `,
};
