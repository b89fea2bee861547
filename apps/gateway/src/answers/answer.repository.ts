import type { AnswerCategory } from '@pulse/intent';
import type { SqlClient } from '../database/sql-client.port.js';
import { iso, toJson } from '../database/sql.helpers.js';

export interface StoredAnswerCategory {
  definition: AnswerCategory;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export class AnswerRepository {
  constructor(private readonly db: SqlClient) {}

  async listAnswerCategories(): Promise<StoredAnswerCategory[]> {
    const rows = await this.db.query<{ definition: AnswerCategory; position: number; created_at: Date; updated_at: Date }>(
      'SELECT definition, position, created_at, updated_at FROM answer_categories ORDER BY position, created_at, id',
    );
    return rows.map((r) => ({ definition: r.definition, position: r.position, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at) }));
  }

  async upsertAnswerCategory(category: StoredAnswerCategory): Promise<void> {
    await this.db.query(
      `INSERT INTO answer_categories (id, position, definition, created_at, updated_at) VALUES ($1, $2, $3::jsonb, $4, $5)
       ON CONFLICT (id) DO UPDATE SET position = excluded.position, definition = excluded.definition, updated_at = excluded.updated_at`,
      [category.definition.id, category.position, toJson(category.definition), category.createdAt, category.updatedAt],
    );
  }

  async deleteAnswerCategory(id: string): Promise<boolean> {
    const rows = await this.db.query('DELETE FROM answer_categories WHERE id = $1 RETURNING id', [id]);
    return rows.length > 0;
  }
}
