import { alertTopicIds, type Alert } from '@pulse/contracts';
import type { SqlClient } from '../database/sql-client.port.js';
import { toJson } from '../database/sql.helpers.js';
import type { AlertListQuery, AlertStore } from './alert-store.port.js';

export class AlertRepository implements AlertStore {
  constructor(private readonly db: SqlClient) {}

  async saveNew(alerts: readonly Alert[]): Promise<Alert[]> {
    if (alerts.length === 0) return [];
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO alerts (id, kind, severity, raised_at, topic_ids, payload)
       SELECT p->>'id', p->>'kind', p->>'severity', (p->>'raisedAt')::timestamptz,
              ARRAY(SELECT jsonb_array_elements_text(p->'topicIds')), p->'alert'
       FROM jsonb_array_elements($1::jsonb) AS p
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [toJson(alerts.map((alert) => ({ id: alert.id, kind: alert.kind, severity: alert.severity, raisedAt: alert.raisedAt, topicIds: alertTopicIds(alert), alert })))],
    );
    const fresh = new Set(rows.map((r) => r.id));
    return alerts.filter((alert, index) => fresh.has(alert.id) && alerts.findIndex((a) => a.id === alert.id) === index);
  }

  async deleteBefore(cutoff: string): Promise<number> {
    const rows = await this.db.query('DELETE FROM alerts WHERE raised_at < $1::timestamptz RETURNING id', [cutoff]);
    return rows.length;
  }

  async list(query: AlertListQuery): Promise<Alert[]> {
    const params: unknown[] = [query.limit];
    const where: string[] = [];
    if (query.since) where.push(`raised_at >= $${params.push(query.since)}::timestamptz`);
    if (query.topicIds && query.topicIds.length > 0) where.push(`topic_ids && $${params.push(query.topicIds)}::text[]`);
    if (query.kinds && query.kinds.length > 0) where.push(`kind = ANY($${params.push(query.kinds)}::text[])`);
    const rows = await this.db.query<{ payload: Alert }>(
      `SELECT payload FROM alerts ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY raised_at DESC, id DESC LIMIT $1`,
      params,
    );
    return rows.map((r) => r.payload);
  }
}
