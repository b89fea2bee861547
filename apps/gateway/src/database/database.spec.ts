import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlClient } from './sql-client.port.js';
import { pingDatabase } from './database.js';
import { MIGRATIONS } from './migrations/migration.registry.js';
import { PgliteClient } from './pglite.client.js';
import { PostgresClient } from './postgres.client.js';
import { forEachBackend } from './testing/store-suite.js';
import type { Harness } from './testing/sql-harness.js';

forEachBackend('database', (backend) => {
  let client: SqlClient;

  const rowCount = () => backend().rowCount();
  const migrate = (db?: SqlClient) => backend().migrate(db);
  let harness: Harness;

  beforeAll(() => {
    client = backend().client;
    harness = backend().harness;

  });

  describe('migrations', () => {
    it('are idempotent and recorded once per version', async () => {
      await migrate();
      await Promise.all([migrate(), migrate()]);
      const rows = await client.query<{ version: number; name: string }>(
        'SELECT version, name FROM schema_migrations ORDER BY version',
      );
      expect(rows).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
      expect(rows.slice(0, 4).map((r) => r.name)).toEqual(['init', 'analytics', 'workflow', 'topic-tone']);
    });

    it('serializes two processes migrating the same empty schema at once', async () => {
      if (!harness.sibling) return; // PGlite is single-process: nothing to race.
      const a = harness.sibling();
      const b = harness.sibling();
      try {
        // Empty the test's schema, whatever later migrations add to it.
        await client.exec(`DO $$ DECLARE r record; BEGIN
            FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
              EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', r.tablename);
            END LOOP;
            FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema() LOOP
              EXECUTE format('DROP FUNCTION IF EXISTS %s CASCADE', r.fn);
            END LOOP;
          END $$`);
        await Promise.all([migrate(a), migrate(b), migrate()]);
        const rows = await client.query('SELECT version FROM schema_migrations');
        expect(rows).toHaveLength(MIGRATIONS.length);
        expect(await rowCount()).toBe(0);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  });


  describe('ping', () => {
    it('is true on a live connection', async () => {
      expect(await pingDatabase(client)).toBe(true);
    });
  });
});

describe('pingDatabase', () => {
  it('is false once a PGlite client is closed, and close is idempotent', async () => {
    const closed = await PgliteClient.open();
    await closed.close();
    await closed.close();
    expect(await pingDatabase(closed)).toBe(false);
  });

  it('is false when the PostgreSQL server is unreachable', async () => {
    const unreachable = new PostgresClient({ connectionString: 'postgres://nobody@127.0.0.1:1/none', poolSize: 1 });
    expect(await pingDatabase(unreachable)).toBe(false);
    await unreachable.close();
    await unreachable.close();
  });
});
