import type { SqlClient } from '../database/sql-client.port.js';
import { toJson } from '../database/sql.helpers.js';
import type { WorkflowRule } from './rule.model.js';

export class RuleRepository {
  constructor(private readonly db: SqlClient) {}

  async listRules(): Promise<WorkflowRule[]> {
    const rows = await this.db.query<{ definition: WorkflowRule }>('SELECT definition FROM workflow_rules ORDER BY position, created_at, id');
    return rows.map((r) => r.definition);
  }

  async upsertRule(rule: WorkflowRule): Promise<void> {
    await this.db.query(
      `INSERT INTO workflow_rules (id, position, definition, created_at, updated_at) VALUES ($1, $2, $3::jsonb, $4, $5)
       ON CONFLICT (id) DO UPDATE SET position = excluded.position, definition = excluded.definition, updated_at = excluded.updated_at`,
      [rule.id, rule.position, toJson(rule), rule.createdAt, rule.updatedAt],
    );
  }

  async deleteRule(id: string): Promise<boolean> {
    const rows = await this.db.query('DELETE FROM workflow_rules WHERE id = $1 RETURNING id', [id]);
    return rows.length > 0;
  }
}
