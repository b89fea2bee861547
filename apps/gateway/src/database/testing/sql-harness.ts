import pg from 'pg';
import { PgliteClient } from '../pglite.client.js';
import { PostgresClient } from '../postgres.client.js';
import type { SqlClient } from '../sql-client.port.js';

/** One backend for the store suites, which run once on PGlite and once on PostgreSQL. */
export interface Harness {
  client: SqlClient;
  /** Another client on the same database, to play a second process. */
  sibling?: () => SqlClient;
  dispose(): Promise<void>;
}

export async function pgliteHarness(): Promise<Harness> {
  return { client: await PgliteClient.open(), dispose: async () => {} };
}

export async function postgresHarness(url: string): Promise<Harness> {
  // A schema per run: reruns and parallel runs never see each other's rows.
  const schema = `pulse_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const open = (): SqlClient => new PostgresClient({ connectionString: url, schema, poolSize: 4 });
  return {
    client: open(),
    sibling: open,
    dispose: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
