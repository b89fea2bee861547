import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../migrations/migration.registry.js';
import { runMigrations } from '../migrations/migration.runner.js';
import type { SqlClient } from '../sql-client.port.js';
import { pgliteHarness, postgresHarness, type Harness } from './sql-harness.js';

export interface Backend {
  harness: Harness;
  client: SqlClient;
  migrate(db?: SqlClient): Promise<unknown>;
  /** Rows in the mentions table. */
  rowCount(): Promise<number>;
}

const databaseUrl = process.env['PULSE_TEST_DATABASE_URL'];

/**
 * Runs a store suite once on PGlite and once on PostgreSQL (when PULSE_TEST_DATABASE_URL is
 * set; CI always sets it): a migrated database per backend, emptied before each test. The
 * suite reads the backend through the getter once its own beforeAll runs.
 */
export function forEachBackend(name: string, suite: (backend: () => Backend) => void): void {
  const backends: [string, () => Promise<Harness>, boolean][] = [
    ['PGlite', pgliteHarness, true],
    ['PostgreSQL', () => postgresHarness(databaseUrl ?? ''), Boolean(databaseUrl)],
  ];
  for (const [label, open, enabled] of backends) {
    describe.runIf(enabled)(`${name} on ${label}`, () => {
      let current: Backend | undefined;
      beforeAll(async () => {
        const harness = await open();
        const client = harness.client;
        current = {
          harness,
          client,
          migrate: (db: SqlClient = client) => runMigrations(db, MIGRATIONS),
          rowCount: async () => (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM mentions'))[0]?.n ?? -1,
        };
        await current.migrate();
      });
      afterAll(async () => {
        await current?.client.close();
        await current?.harness.dispose();
      });
      beforeEach(async () => {
        await current!.client.exec('TRUNCATE mentions, mention_events, topics, api_keys');
      });
      suite(() => current!);
    });
  }
}

// CI must exercise the PostgreSQL path too; only a developer's quick run may leave it out.
export function requirePostgresInCi(): void {
  it.runIf(process.env['CI'] === 'true' && !databaseUrl)('CI provides PULSE_TEST_DATABASE_URL (.ci/run starts PostgreSQL)', () => {
    expect.fail('PULSE_TEST_DATABASE_URL is not set in CI: the PostgreSQL store suites would be skipped');
  });
}
