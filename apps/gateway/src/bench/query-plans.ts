import type { SqlClient, SqlExecutor } from '../database/sql-client.port.js';

/** One statement a call ran, with its plan as PostgreSQL executed it. */
export interface StatementPlan {
  /** The statement, whitespace folded. */
  sql: string;
  /** Empty for a SET (replayed as it is, in its transaction). */
  plan: string[];
}

interface Recorded {
  sql: string;
  params?: readonly unknown[];
  /** Statements of one transaction share the number: replayed together, after its SETs. */
  transaction?: number;
}

/**
 * A client that notes every statement it runs, so the bench can show the plans of exactly the
 * statements a repository call chose (which path, which indexes) rather than hand-copied SQL.
 */
export class RecordingClient implements SqlClient {
  private recorded: Recorded[] = [];
  private recording = false;
  private transactions = 0;

  constructor(private readonly inner: SqlClient) {}

  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    if (this.recording) this.recorded.push({ sql, params });
    return this.inner.query<T>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.inner.exec(sql);
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const id = ++this.transactions;
    return this.inner.transaction((tx) =>
      fn({
        query: <R extends object>(sql: string, params?: readonly unknown[]) => {
          if (this.recording) this.recorded.push({ sql, params, transaction: id });
          return tx.query<R>(sql, params);
        },
        exec: (sql: string) => tx.exec(sql),
      }),
    );
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Runs `fn` once, then EXPLAIN (ANALYZE, BUFFERS) each statement it ran, on the same data and settings. */
  async plans(fn: () => Promise<unknown>): Promise<StatementPlan[]> {
    this.recorded = [];
    this.recording = true;
    try {
      await fn();
    } finally {
      this.recording = false;
    }
    const groups: Recorded[][] = [];
    for (const statement of this.recorded) {
      const last = groups.at(-1);
      if (statement.transaction !== undefined && last?.[0]?.transaction === statement.transaction) last.push(statement);
      else groups.push([statement]);
    }
    const out: StatementPlan[] = [];
    for (const group of groups) {
      const replay = async (db: SqlExecutor): Promise<void> => {
        for (const { sql, params } of group) out.push(await explain(db, sql, params));
      };
      if (group[0]?.transaction === undefined) await replay(this.inner);
      else await this.inner.transaction(replay);
    }
    return out;
  }
}

async function explain(db: SqlExecutor, sql: string, params?: readonly unknown[]): Promise<StatementPlan> {
  const folded = sql.replace(/\s+/g, ' ').trim();
  if (/^SET\b/i.test(folded)) {
    await db.query(sql, params);
    return { sql: folded, plan: [] };
  }
  // An EXPLAIN the call itself ran (the count estimate) is shown as it is, not explained again.
  const explained = /^EXPLAIN\b/i.test(folded) ? sql : `EXPLAIN (ANALYZE, BUFFERS) ${sql}`;
  const rows = await db.query<{ 'QUERY PLAN': unknown }>(explained, params);
  return { sql: folded, plan: rows.map((r) => (typeof r['QUERY PLAN'] === 'string' ? r['QUERY PLAN'] : JSON.stringify(r['QUERY PLAN']))) };
}
