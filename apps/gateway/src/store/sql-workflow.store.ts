import type { AnswerCategory } from '@pulse/intent';
import type { WorkflowRule } from '../rules/rule.model.js';
import type { MentionEvent, MentionEventInput, MentionEventKind, MentionStatus, WorkflowState } from '../workflow/workflow.model.js';
import type { SqlClient, SqlExecutor } from './sql-client.port.js';
import { iso, toJson } from './sql-mention.store.js';
import type {
  CoverageRow,
  HandlingEffectRow,
  ReactionTimeRow,
  StatsWindow,
  StoredAnswerCategory,
  ToneFeedbackRecord,
  WorkflowStore,
} from './workflow-store.port.js';

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

const isoOrNull = (value: Date | string | null): string | null => (value === null ? null : iso(value));

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

interface FeedbackRow {
  mention_id: string;
  topic_id: string;
  label: string;
  previous_label: string;
  comment: string | null;
  actor: string;
  at: Date;
  text: string;
  language: string;
  source: string;
  terms: string[];
  model_id: string;
  model_version: string;
}

function toFeedback(row: FeedbackRow): ToneFeedbackRecord {
  return {
    mentionId: row.mention_id,
    topicId: row.topic_id,
    label: row.label,
    previousLabel: row.previous_label,
    comment: row.comment,
    actor: row.actor,
    at: iso(row.at),
    text: row.text,
    language: row.language,
    source: row.source,
    terms: row.terms,
    modelId: row.model_id,
    modelVersion: row.model_version,
  };
}

const seconds = (value: number | string | null): number | null => (value === null ? null : Math.round(Number(value) * 10) / 10);

/** Mentions a support team owes an answer: flagged by intent, or taken up by someone anyway; never those it chose to ignore. */
const IN_SCOPE = `(m.reply_needed OR m.status IN ('in_progress', 'resolved')) AND m.status <> 'ignored' AND m.listed`;

export class SqlWorkflowStore implements WorkflowStore {
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
      'SELECT id::text AS id, mention_id, at, actor, kind, data FROM mention_events WHERE mention_id = ANY($1::text[]) ORDER BY mention_id, id',
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

  async reactionTimes(window: StatsWindow): Promise<ReactionTimeRow[]> {
    const rows = await this.db.query<{
      topic_id: string;
      in_scope: number;
      responded: number;
      resolved: number;
      fr_p50: number | null;
      fr_p90: number | null;
      res_p50: number | null;
      res_p90: number | null;
    }>(
      `SELECT t.topic_id,
         count(*)::int AS in_scope,
         count(m.first_response_at)::int AS responded,
         count(m.resolved_at)::int AS resolved,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM m.first_response_at - m.collected_at)) AS fr_p50,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM m.first_response_at - m.collected_at)) AS fr_p90,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM m.resolved_at - m.collected_at)) AS res_p50,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM m.resolved_at - m.collected_at)) AS res_p90
       FROM mentions m
       CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(m.topic_ids || ''::text) AS x) AS t(topic_id)
       WHERE ${IN_SCOPE} AND m.collected_at >= $1::timestamptz AND m.collected_at < $2::timestamptz AND t.topic_id = ANY($3::text[])
       GROUP BY t.topic_id`,
      [window.from, window.to, [...window.topicIds, '']],
    );
    const byTopic = new Map(rows.map((r) => [r.topic_id, r]));
    return ['', ...window.topicIds].map((topicId) => {
      const r = byTopic.get(topicId);
      return {
        topicId,
        inScope: r?.in_scope ?? 0,
        responded: r?.responded ?? 0,
        resolved: r?.resolved ?? 0,
        firstResponseMedianSeconds: seconds(r?.fr_p50 ?? null),
        firstResponseP90Seconds: seconds(r?.fr_p90 ?? null),
        resolutionMedianSeconds: seconds(r?.res_p50 ?? null),
        resolutionP90Seconds: seconds(r?.res_p90 ?? null),
      };
    });
  }

  async handlingEffect(window: StatsWindow & { windowHours: number }): Promise<HandlingEffectRow[]> {
    const rows = await this.db.query<{ topic_id: string; authors: number; before_total: number; before_negative: number; after_total: number; after_negative: number }>(
      `WITH handled AS (
         SELECT t.topic_id, m.source, m.author_id, min(m.first_response_at) AS at
         FROM mentions m
         CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(m.topic_ids || ''::text) AS x) AS t(topic_id)
         WHERE m.first_response_at >= $1::timestamptz AND m.first_response_at < $2::timestamptz AND t.topic_id = ANY($3::text[])
         GROUP BY 1, 2, 3
       )
       SELECT h.topic_id,
         count(DISTINCT (h.source, h.author_id))::int AS authors,
         count(o.id) FILTER (WHERE o.published_at < h.at)::int AS before_total,
         count(o.id) FILTER (WHERE o.published_at < h.at AND o.sentiment_label = 'negative')::int AS before_negative,
         count(o.id) FILTER (WHERE o.published_at >= h.at)::int AS after_total,
         count(o.id) FILTER (WHERE o.published_at >= h.at AND o.sentiment_label = 'negative')::int AS after_negative
       FROM handled h
       LEFT JOIN mentions o ON o.source = h.source AND o.author_id = h.author_id
         AND (h.topic_id = '' OR h.topic_id = ANY(o.topic_ids))
         AND o.published_at >= h.at - make_interval(hours => $4::int)
         AND o.published_at < h.at + make_interval(hours => $4::int)
         AND o.listed
       GROUP BY h.topic_id`,
      [window.from, window.to, [...window.topicIds, ''], window.windowHours],
    );
    const byTopic = new Map(rows.map((r) => [r.topic_id, r]));
    return ['', ...window.topicIds].map((topicId) => {
      const r = byTopic.get(topicId);
      return {
        topicId,
        authors: r?.authors ?? 0,
        beforeTotal: r?.before_total ?? 0,
        beforeNegative: r?.before_negative ?? 0,
        afterTotal: r?.after_total ?? 0,
        afterNegative: r?.after_negative ?? 0,
      };
    });
  }

  async answerCoverage(window: StatsWindow): Promise<CoverageRow[]> {
    const rows = await this.db.query<{ topic_id: string; category_id: string | null; n: number }>(
      `SELECT t.topic_id, m.answer_category_id AS category_id, count(*)::int AS n
       FROM mentions m
       CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(m.topic_ids || ''::text) AS x) AS t(topic_id)
       WHERE m.reply_needed AND m.listed AND m.collected_at >= $1::timestamptz AND m.collected_at < $2::timestamptz AND t.topic_id = ANY($3::text[])
       GROUP BY 1, 2`,
      [window.from, window.to, [...window.topicIds, '']],
    );
    return ['', ...window.topicIds].map((topicId) => {
      const mine = rows.filter((r) => r.topic_id === topicId);
      const byCategory = mine.filter((r) => r.category_id !== null).map((r) => ({ categoryId: r.category_id!, matched: r.n }));
      return {
        topicId,
        requests: mine.reduce((sum, r) => sum + r.n, 0),
        matched: byCategory.reduce((sum, r) => sum + r.matched, 0),
        byCategory: byCategory.sort((a, b) => b.matched - a.matched || a.categoryId.localeCompare(b.categoryId)),
      };
    });
  }

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

  async getSetting(key: string): Promise<string | null> {
    const [row] = await this.db.query<{ value: string }>('SELECT value FROM workflow_settings WHERE key = $1', [key]);
    return row?.value ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.db.query('INSERT INTO workflow_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  async saveToneFeedback(r: ToneFeedbackRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO tone_feedback (mention_id, topic_id, label, previous_label, comment, actor, at, text, language, source, terms, model_id, model_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text[], $12, $13)
       ON CONFLICT (mention_id, topic_id) DO UPDATE SET label = excluded.label, comment = excluded.comment, actor = excluded.actor, at = excluded.at`,
      [r.mentionId, r.topicId, r.label, r.previousLabel, r.comment, r.actor, r.at, r.text, r.language, r.source, r.terms, r.modelId, r.modelVersion],
    );
  }

  async toneFeedbackFor(mentionIds: readonly string[]): Promise<ToneFeedbackRecord[][]> {
    if (mentionIds.length === 0) return [];
    const rows = await this.db.query<FeedbackRow>('SELECT * FROM tone_feedback WHERE mention_id = ANY($1::text[]) ORDER BY topic_id', [mentionIds]);
    return mentionIds.map((id) => rows.filter((r) => r.mention_id === id).map(toFeedback));
  }

  async *streamToneFeedback(since: string | undefined, pageSize = 500): AsyncIterable<ToneFeedbackRecord[]> {
    let after: { at: string; mentionId: string; topicId: string } | undefined;
    for (;;) {
      const params: unknown[] = [pageSize];
      const where: string[] = [];
      if (since) where.push(`at >= $${params.push(since)}::timestamptz`);
      if (after) where.push(`(at, mention_id, topic_id) > ($${params.push(after.at)}::timestamptz, $${params.push(after.mentionId)}, $${params.push(after.topicId)})`);
      const rows = await this.db.query<FeedbackRow>(
        `SELECT * FROM tone_feedback ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at, mention_id, topic_id LIMIT $1`,
        params,
      );
      if (rows.length === 0) return;
      const page = rows.map(toFeedback);
      yield page;
      const last = page.at(-1)!;
      after = { at: last.at, mentionId: last.mentionId, topicId: last.topicId };
      if (rows.length < pageSize) return;
    }
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
