/**
 * The smallest driver surface the store needs, so PGlite (embedded) and node-postgres
 * (distributed) run the exact same SQL. Anything driver-specific stays in the adapters.
 */
export interface SqlExecutor {
  /** One parameterized statement ($1, $2, …); values never go into the SQL text. */
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements separated by `;`, without parameters (migrations, maintenance). */
  exec(sql: string): Promise<void>;
}

export interface SqlClient extends SqlExecutor {
  /** Runs `fn` on one connection between BEGIN and COMMIT; rolls back if it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Idempotent. */
  close(): Promise<void>;
}
