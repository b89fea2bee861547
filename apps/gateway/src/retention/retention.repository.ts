import type { SqlClient } from '../database/sql-client.port.js';
import { assertTimestamp } from '../database/sql.helpers.js';

/** Deletes old mentions in bounded batches; the rollup triggers follow each delete. */
export class RetentionRepository {
  constructor(private readonly db: SqlClient) {}

  /** Deletes up to `batchSize` mentions published before `cutoff`; rollups follow. Returns how many went. */
  async deleteMentionsBefore(cutoff: string, batchSize: number): Promise<number> {
    assertTimestamp('cutoff', cutoff);
    // Bounded batches keep each transaction (and its rollup trigger's transition table) small.
    const [row] = await this.db.query<{ deleted: number }>(
      `WITH gone AS (
         DELETE FROM mentions WHERE id IN (
           SELECT id FROM mentions WHERE published_at < $1::timestamptz ORDER BY published_at LIMIT $2
         ) RETURNING 1
       )
       SELECT count(*)::int AS deleted FROM gone`,
      [cutoff, batchSize],
    );
    const deleted = row?.deleted ?? 0;
    if (deleted < batchSize) {
      await this.db.query('DELETE FROM mention_rollups WHERE mentions = 0');
      await this.db.query('DELETE FROM mention_day_rollups WHERE mentions = 0');
    }
    return deleted;
  }
}
