import { PgliteClient } from './pglite.client.js';
import { PostgresClient, type PostgresClientOptions } from './postgres.client.js';
import { SqlMentionStore } from './sql-mention.store.js';

/** Embedded mode: PGlite persisted under `dataDir`, or in memory when omitted. Call `migrate()` before use. */
export async function createPgliteMentionStore(options: { dataDir?: string } = {}): Promise<SqlMentionStore> {
  return new SqlMentionStore(await PgliteClient.open(options));
}

/** Distributed mode: a PostgreSQL server through a connection pool. Call `migrate()` before use. */
export function createPostgresMentionStore(options: PostgresClientOptions): SqlMentionStore {
  return new SqlMentionStore(new PostgresClient(options));
}
