import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlExecutor } from './sql-client.port.js';

export interface PgliteClientOptions {
  /** Directory holding the database files; omitted means in-memory (tests, demos). */
  dataDir?: string;
}

type PgliteQueryable = Pick<PGlite, 'query' | 'exec'>;

function executor(db: PgliteQueryable): SqlExecutor {
  return {
    async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      return (await db.query<T>(sql, [...params])).rows;
    },
    async exec(sql: string): Promise<void> {
      await db.exec(sql);
    },
  };
}

/** Embedded Postgres (WASM) for the single-process mode. */
export class PgliteClient implements SqlClient {
  private readonly direct: SqlExecutor;
  private closing: Promise<void> | undefined;

  private constructor(private readonly db: PGlite) {
    this.direct = executor(db);
  }

  /** Async because PGlite boots a WASM Postgres; opening here surfaces a bad data dir at startup, not on the first query. */
  static async open(options: PgliteClientOptions = {}): Promise<PgliteClient> {
    if (options.dataDir !== undefined) await mkdir(options.dataDir, { recursive: true });
    const db = options.dataDir === undefined ? await PGlite.create() : await PGlite.create(options.dataDir);
    return new PgliteClient(db);
  }

  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.direct.query<T>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.direct.exec(sql);
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(executor(tx)));
  }

  close(): Promise<void> {
    this.closing ??= this.db.close();
    return this.closing;
  }
}
