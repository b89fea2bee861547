import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import type { SqlClient, SqlExecutor } from './sql-client.port.js';

export interface PostgresClientOptions {
  connectionString: string;
  /** Maximum pooled connections; default 10. */
  poolSize?: number;
  /** Server-side limit per statement (statement_timeout): a runaway query is cancelled, not left to exhaust the server. */
  statementTimeoutMs?: number;
  /**
   * Schema to put first on the search_path of every connection, so several deployments
   * (or test runs) can share one database. It must already exist.
   */
  schema?: string;
  /** TLS to the server (postgresSslOptions from @pulse/runtime); false or absent: plain TCP. */
  ssl?: false | ConnectionOptions;
  /** An idle pooled connection died (server restart, network); the pool has already dropped it. */
  onIdleError?: (error: Error) => void;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function executor(db: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      return (await db.query<T & pg.QueryResultRow>(sql, [...params])).rows;
    },
    async exec(sql: string): Promise<void> {
      // Without values node-postgres uses the simple protocol, which accepts several statements.
      await db.query(sql);
    },
  };
}

/** PostgreSQL server through a node-postgres pool, for the distributed mode. */
export class PostgresClient implements SqlClient {
  private readonly pool: pg.Pool;
  private readonly direct: SqlExecutor;
  private closing: Promise<void> | undefined;

  constructor(options: PostgresClientOptions) {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new Error(`invalid schema name "${options.schema}": use lower-case letters, digits and _`);
    }
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      ...(options.ssl ? { ssl: options.ssl } : {}),
      ...(options.statementTimeoutMs !== undefined ? { statement_timeout: options.statementTimeoutMs } : {}),
      // A startup parameter rather than a SET after connect: it is in force before the first query runs.
      ...(options.schema !== undefined ? { options: `-c search_path=${options.schema},public` } : {}),
    });
    // Without a listener an idle-connection error is an unhandled 'error' event and kills the process.
    this.pool.on('error', (error) => options.onIdleError?.(error));
    this.direct = executor(this.pool);
  }

  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.direct.query<T>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.direct.exec(sql);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const conn = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await conn.query('BEGIN');
      const result = await fn(executor(conn));
      await conn.query('COMMIT');
      return result;
    } catch (error) {
      await conn.query('ROLLBACK').catch((rollbackError: Error) => {
        // A connection that cannot roll back is in an unknown state: destroy it instead of pooling it.
        broken = rollbackError;
      });
      throw error;
    } finally {
      conn.release(broken);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.pool.end();
    return this.closing;
  }
}
