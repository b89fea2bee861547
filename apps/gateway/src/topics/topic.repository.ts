import type { TrackedTopic } from '@pulse/contracts';
import type { SqlClient } from '../database/sql-client.port.js';
import { toJson } from '../database/sql.helpers.js';

const UPSERT_TOPIC = `
  INSERT INTO topics AS t (id, name, keywords, status, created_at, updated_at, payload)
  SELECT
    p->>'id',
    p->>'name',
    ARRAY(SELECT jsonb_array_elements_text(p->'keywords')),
    p->>'status',
    (p->>'createdAt')::timestamptz,
    (p->>'updatedAt')::timestamptz,
    p
  FROM (SELECT $1::jsonb AS p) AS incoming
  ON CONFLICT (id) DO UPDATE SET
    name = excluded.name,
    keywords = excluded.keywords,
    status = excluded.status,
    created_at = excluded.created_at,
    updated_at = excluded.updated_at,
    payload = excluded.payload
  -- Topics arrive from a compacted log that may be replayed: an older version must not win.
  WHERE excluded.updated_at >= t.updated_at`;

export class TopicRepository {
  constructor(private readonly db: SqlClient) {}

  async listTopics(): Promise<TrackedTopic[]> {
    // lower(name) first: server locales differ (PGlite sorts bytewise), users expect case-insensitive order.
    const rows = await this.db.query<{ payload: TrackedTopic }>(
      `SELECT payload FROM topics WHERE status <> 'deleted' ORDER BY lower(name), name, id`,
    );
    return rows.map((r) => r.payload);
  }

  /** Returns deleted topics too (status 'deleted'): mentions still reference them. */
  async getTopic(id: string): Promise<TrackedTopic | null> {
    const [row] = await this.db.query<{ payload: TrackedTopic }>('SELECT payload FROM topics WHERE id = $1', [id]);
    return row?.payload ?? null;
  }

  /** Topics by id (deleted ones included), in no particular order. */
  async getTopics(ids: readonly string[]): Promise<TrackedTopic[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<{ payload: TrackedTopic }>('SELECT payload FROM topics WHERE id = ANY($1::text[])', [[...new Set(ids)]]);
    return rows.map((r) => r.payload);
  }

  /** Which of `ids` name a topic that is not deleted. */
  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.query<{ id: string }>(`SELECT id FROM topics WHERE id = ANY($1::text[]) AND status <> 'deleted'`, [[...new Set(ids)]]);
    return new Set(rows.map((r) => r.id));
  }

  async upsertTopic(topic: TrackedTopic): Promise<void> {
    await this.db.query(UPSERT_TOPIC, [toJson(topic)]);
  }
}
