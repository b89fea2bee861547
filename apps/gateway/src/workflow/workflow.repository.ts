import type { SqlClient, SqlExecutor } from '../database/sql-client.port.js';
import { iso, isoOrNull, toJson } from '../database/sql.helpers.js';
import type { MentionEvent, MentionEventInput, MentionEventKind, MentionStatus, WorkflowState } from './workflow.model.js';

interface WorkflowRow {
  id: string;
  status: MentionStatus;
  assignee: string | null;
  tags: string[];
  answer_category_id: string | null;
  first_response_at: Date | null;
  resolved_at: Date | null;
  workflow_updated_at: Date | null;
}

const WORKFLOW_COLUMNS = 'id, status, assignee, tags, answer_category_id, first_response_at, resolved_at, workflow_updated_at';

function toState(row: WorkflowRow): WorkflowState {
  return {
    mentionId: row.id,
    status: row.status,
    assignee: row.assignee,
    tags: row.tags,
    answerCategoryId: row.answer_category_id,
    firstResponseAt: isoOrNull(row.first_response_at),
    resolvedAt: isoOrNull(row.resolved_at),
    updatedAt: isoOrNull(row.workflow_updated_at),
  };
}

/** Workflow state beside each mention and its append-only history. */
export class WorkflowRepository {
  constructor(private readonly db: SqlClient) {}

  async getWorkflows(ids: readonly string[]): Promise<(WorkflowState | null)[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<WorkflowRow>(`SELECT ${WORKFLOW_COLUMNS} FROM mentions WHERE id = ANY($1::text[])`, [ids]);
    const byId = new Map(rows.map((row) => [row.id, toState(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async changeWorkflow(
    mentionId: string,
    actor: string,
    at: string,
    change: (current: WorkflowState) => { next: WorkflowState; events: MentionEventInput[] },
  ): Promise<WorkflowState | null> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<WorkflowRow>(`SELECT ${WORKFLOW_COLUMNS} FROM mentions WHERE id = $1 FOR UPDATE`, [mentionId]);
      if (!row) return null;
      const { next, events } = change(toState(row));
      if (events.length === 0) return next;
      await tx.query(
        `UPDATE mentions SET status = $2, assignee = $3, tags = $4::text[], answer_category_id = $5,
           first_response_at = $6::timestamptz, resolved_at = $7::timestamptz, workflow_updated_at = $8::timestamptz
         WHERE id = $1`,
        [mentionId, next.status, next.assignee, next.tags, next.answerCategoryId, next.firstResponseAt, next.resolvedAt, next.updatedAt],
      );
      await insertEvents(tx, events.map((event) => ({ ...event, mentionId, actor, at })));
      return next;
    });
  }

  async appendEvents(events: readonly (MentionEventInput & { mentionId: string; actor: string; at: string })[]): Promise<void> {
    await insertEvents(this.db, events);
  }

  async listEvents(mentionIds: readonly string[]): Promise<MentionEvent[][]> {
    if (mentionIds.length === 0) return [];
    const rows = await this.db.query<{ id: string; mention_id: string; at: Date; actor: string; kind: MentionEventKind; data: Record<string, unknown> }>(
      // By the bigint column: the text alias `id` would sort "10" before "9".
      'SELECT e.id::text AS id, e.mention_id, e.at, e.actor, e.kind, e.data FROM mention_events e WHERE e.mention_id = ANY($1::text[]) ORDER BY e.mention_id, e.id',
      [mentionIds],
    );
    const byMention = new Map<string, MentionEvent[]>();
    for (const row of rows) {
      const list = byMention.get(row.mention_id) ?? [];
      list.push({ id: row.id, mentionId: row.mention_id, at: iso(row.at), actor: row.actor, kind: row.kind, data: row.data });
      byMention.set(row.mention_id, list);
    }
    return mentionIds.map((id) => byMention.get(id) ?? []);
  }

  async untriaged(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<{ id: string }>('SELECT id FROM mentions WHERE id = ANY($1::text[]) AND triaged_at IS NULL', [ids]);
    return rows.map((r) => r.id);
  }

  async markTriaged(ids: readonly string[], at: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query('UPDATE mentions SET triaged_at = $2::timestamptz WHERE id = ANY($1::text[]) AND triaged_at IS NULL', [ids, at]);
  }
}

async function insertEvents(db: SqlExecutor, events: readonly (MentionEventInput & { mentionId: string; actor: string; at: string })[]): Promise<void> {
  if (events.length === 0) return;
  await db.query(
    `INSERT INTO mention_events (mention_id, at, actor, kind, data)
     SELECT p->>'mentionId', (p->>'at')::timestamptz, p->>'actor', p->>'kind', p->'data'
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(p, n) ORDER BY n`,
    [toJson(events)],
  );
}
