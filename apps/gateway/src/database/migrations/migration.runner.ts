import type { SqlClient, SqlExecutor } from '../sql-client.port.js';
import type { Migration } from './migration.model.js';

export interface MigrationReport {
  /** Versions this call applied (empty when the schema was already current). */
  applied: number[];
}

/**
 * Serializes migrators across processes: two gateway replicas starting together would
 * otherwise both see version N as pending. A transaction-scoped lock is released by
 * COMMIT/ROLLBACK, so a crashed migrator can never leave it held. Keyed by schema so
 * deployments sharing a database through different schemas do not wait for each other.
 */
const LOCK = `SELECT pg_advisory_xact_lock(hashtextextended('pulse.gateway.migrations:' || current_schema(), 0))`;

const BOOTSTRAP = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer PRIMARY KEY,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`;

interface AppliedRow {
  version: number;
  name: string;
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = migrations[i - 1];
    if (!Number.isInteger(m.version) || m.version < 1 || (previous && m.version <= previous.version)) {
      throw new Error(`migrations must have strictly increasing positive integer versions (at "${m.name}")`);
    }
  });
}

async function appliedVersions(tx: SqlExecutor, migrations: readonly Migration[]): Promise<Set<number>> {
  const rows = await tx.query<AppliedRow>('SELECT version, name FROM schema_migrations');
  for (const row of rows) {
    const known = migrations.find((m) => m.version === row.version);
    // Two branches that both added "version 2" would otherwise silently skip one of them.
    if (known && known.name !== row.name) {
      throw new Error(
        `schema_migrations has version ${row.version} as "${row.name}" but this build calls it "${known.name}"`,
      );
    }
  }
  // Versions newer than this build are ignored: a newer replica migrated first during a rolling deploy.
  return new Set(rows.map((r) => r.version));
}

/** Applies pending migrations in order, each in its own transaction; safe to run on every start and concurrently. */
export async function runMigrations(db: SqlClient, migrations: readonly Migration[]): Promise<MigrationReport> {
  checkOrder(migrations);
  const done = await db.transaction(async (tx) => {
    await tx.query(LOCK);
    await tx.exec(BOOTSTRAP);
    return appliedVersions(tx, migrations);
  });

  const applied: number[] = [];
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    const ran = await db.transaction(async (tx) => {
      await tx.query(LOCK);
      // Re-read under the lock: another process may have applied it since the first read.
      const current = await appliedVersions(tx, migrations);
      if (current.has(migration.version)) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return { applied };
}
