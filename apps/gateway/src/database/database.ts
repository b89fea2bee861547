import type { GatewayConfig } from '../config/gateway.config.js';
import { MIGRATIONS } from './migrations/migration.registry.js';
import { runMigrations } from './migrations/migration.runner.js';
import { PgliteClient } from './pglite.client.js';
import { PostgresClient } from './postgres.client.js';
import type { SqlClient } from './sql-client.port.js';

export type DatabaseConfig = GatewayConfig['database'];

/** One connection (pool) for every repository: PGlite in embedded mode, PostgreSQL in distributed mode, migrated before use. */
export async function openDatabase(config: DatabaseConfig): Promise<SqlClient> {
  const client =
    config.kind === 'postgres'
      ? new PostgresClient({
          connectionString: config.url,
          poolSize: config.poolSize,
          ...(config.statementTimeoutMs !== undefined ? { statementTimeoutMs: config.statementTimeoutMs } : {}),
          ...(config.ssl ? { ssl: config.ssl } : {}),
        })
      : await PgliteClient.open(config.dataDir === undefined ? {} : { dataDir: config.dataDir });
  try {
    await runMigrations(client, MIGRATIONS);
  } catch (error) {
    await client.close();
    throw error;
  }
  return client;
}

export function describeDatabase(config: DatabaseConfig): string {
  return config.kind === 'postgres' ? 'postgres' : `pglite:${config.dataDir ?? 'memory'}`;
}

/** Readiness: a connection that answers. */
export async function pingDatabase(client: SqlClient): Promise<boolean> {
  try {
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
