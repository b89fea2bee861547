import type { SqlClient } from '../database/sql-client.port.js';
import { iso } from '../database/sql.helpers.js';

export interface ToneFeedbackRecord {
  mentionId: string;
  /** '' for the overall tone. */
  topicId: string;
  label: string;
  previousLabel: string;
  comment: string | null;
  actor: string;
  at: string;
  text: string;
  language: string;
  source: string;
  terms: string[];
  modelId: string;
  modelVersion: string;
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

/** Tone corrections by people, with a copy of the text so they survive retention (training data). */
export class ToneFeedbackRepository {
  constructor(private readonly db: SqlClient) {}

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
