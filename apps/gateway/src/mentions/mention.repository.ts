import type { ScoredMention } from '@pulse/contracts';
import type { SqlClient } from '../database/sql-client.port.js';
import { Params, assertTimestamp, toJson, whereClause } from '../database/sql.helpers.js';
import { filterConditions } from './mention-filter.sql.js';
import { EXACT_COUNT_CAP, MentionCounter } from './mention-count.js';
import type { InitialWorkflow, MentionCursor, MentionFilter, MentionOrder, MentionPage, UpsertResult } from './mention.model.js';

/** Above this an upsert is split into several statements inside one transaction, to bound the size of one parameter. */
export const MAX_UPSERT_BATCH = 5_000;

/**
 * Columns are derived from the payload inside SQL, so the filterable columns can never
 * disagree with the document that reads return. Only one parameter is sent: the JSON array.
 * A row is rewritten only when the incoming score is not older than the stored one (a
 * late re-delivery of an old score must not undo a re-scoring) and something actually
 * changed (an at-least-once replay writes nothing).
 */
const UPSERT_MENTIONS = `
  WITH upserted AS (
    INSERT INTO mentions AS m (
      id, source, source_id, language, published_at, collected_at, scored_at,
      author_id, author_handle, sentiment_label, sentiment_score, topic_ids,
      text, url, model_id, model_version, payload,
      status, assignee, tags, answer_category_id, triaged_at
    )
    SELECT
      p->>'id',
      p->>'source',
      p->>'sourceId',
      p->>'language',
      (p->>'publishedAt')::timestamptz,
      (p->>'collectedAt')::timestamptz,
      (p->>'scoredAt')::timestamptz,
      p#>>'{author,id}',
      p#>>'{author,handle}',
      p#>>'{sentiment,label}',
      (p#>>'{sentiment,score}')::double precision,
      ARRAY(SELECT jsonb_array_elements_text(coalesce(p->'topicIds', '[]'::jsonb))),
      p->>'text',
      p->>'url',
      p#>>'{model,id}',
      p#>>'{model,version}',
      p,
      coalesce(w->>'status', 'new'),
      w->>'assignee',
      ARRAY(SELECT jsonb_array_elements_text(coalesce(w->'tags', '[]'::jsonb))),
      w->>'answerCategoryId',
      CASE WHEN coalesce((w->>'triaged')::boolean, true) THEN now() END
    -- Each element is {m: mention, w: initial workflow}; the workflow columns are not in the
    -- conflict update below, so they only ever apply to a first insert.
    FROM jsonb_array_elements($1::jsonb) AS e, LATERAL (SELECT e->'m' AS p, e->'w' AS w) AS x
    ON CONFLICT (id) DO UPDATE SET
      source = excluded.source,
      source_id = excluded.source_id,
      language = excluded.language,
      published_at = excluded.published_at,
      collected_at = excluded.collected_at,
      scored_at = excluded.scored_at,
      author_id = excluded.author_id,
      author_handle = excluded.author_handle,
      sentiment_label = excluded.sentiment_label,
      sentiment_score = excluded.sentiment_score,
      topic_ids = excluded.topic_ids,
      text = excluded.text,
      url = excluded.url,
      model_id = excluded.model_id,
      model_version = excluded.model_version,
      payload = excluded.payload,
      updated_at = now()
    WHERE excluded.scored_at >= m.scored_at AND excluded.payload IS DISTINCT FROM m.payload
    -- xmax is 0 only for a freshly inserted tuple: the portable (PG 13+) way to tell insert from update.
    RETURNING m.id, (xmax = 0) AS inserted
  )
  SELECT coalesce(array_agg(id) FILTER (WHERE inserted), '{}') AS inserted_ids FROM upserted`;

/** The keyset position of a mention, for building the cursor of a page's last item. */
export function mentionCursor(mention: Pick<ScoredMention, 'publishedAt' | 'id'>): MentionCursor {
  return { publishedAt: mention.publishedAt, id: mention.id };
}

/** The mentions table: upserts from the scored stream, filtered pages, keyset streams for export. */
export class MentionRepository {
  private readonly counter: MentionCounter;

  /** `exactCountCap`: see EXACT_COUNT_CAP (tests lower it to reach the estimate). */
  constructor(
    private readonly db: SqlClient,
    options: { exactCountCap?: number } = {},
  ) {
    this.counter = new MentionCounter(db, options.exactCountCap ?? EXACT_COUNT_CAP);
  }

  async upsertMentions(mentions: ScoredMention[], initial?: ReadonlyMap<string, InitialWorkflow>): Promise<UpsertResult> {
    // One statement cannot touch the same row twice (ON CONFLICT would fail), so keep the last copy of each id.
    const unique = [...new Map(mentions.map((m) => [m.id, m])).values()];
    if (unique.length === 0) return { inserted: 0, insertedIds: [], updated: 0 };

    const chunks: ScoredMention[][] = [];
    for (let i = 0; i < unique.length; i += MAX_UPSERT_BATCH) chunks.push(unique.slice(i, i + MAX_UPSERT_BATCH));

    const insertedIds =
      chunks.length === 1
        ? await this.upsertChunk(this.db, unique, initial)
        : await this.db.transaction(async (tx) => {
            const ids: string[] = [];
            for (const chunk of chunks) ids.push(...(await this.upsertChunk(tx, chunk, initial)));
            return ids;
          });
    // Skipped rows (stale score, identical replay) are not returned by the statement, yet they were already stored.
    return { inserted: insertedIds.length, insertedIds, updated: unique.length - insertedIds.length };
  }

  private async upsertChunk(db: Pick<SqlClient, 'query'>, chunk: ScoredMention[], initial?: ReadonlyMap<string, InitialWorkflow>): Promise<string[]> {
    const [row] = await db.query<{ inserted_ids: string[] }>(UPSERT_MENTIONS, [toJson(chunk.map((m) => ({ m, w: initial?.get(m.id) ?? null })))]);
    return row?.inserted_ids ?? [];
  }

  async findMentions(filter: MentionFilter, first: number, after?: MentionCursor, order: MentionOrder = 'NEWEST_FIRST'): Promise<MentionPage> {
    if (!Number.isInteger(first) || first <= 0) {
      throw new RangeError(`first must be a positive integer, got ${first}`);
    }

    const pageParams = new Params();
    const conditions = filterConditions(filter, pageParams);
    if (after) {
      assertTimestamp('after.publishedAt', after.publishedAt);
      // Row comparison matches ORDER BY published_at, id in the same direction, so ties on time continue by id.
      conditions.push(
        `(published_at, id) ${order === 'NEWEST_FIRST' ? '<' : '>'} (${pageParams.add(after.publishedAt)}::timestamptz, ${pageParams.add(after.id)})`,
      );
    }
    const direction = order === 'NEWEST_FIRST' ? 'DESC' : 'ASC';
    // One extra row tells whether another page exists without a second count.
    const pageSql = `
      SELECT payload FROM mentions ${whereClause(conditions)}
      ORDER BY published_at ${direction}, id ${direction}
      LIMIT ${pageParams.add(first + 1)}`;

    const [count, rows] = await Promise.all([
      this.counter.count(filter),
      this.db.query<{ payload: ScoredMention }>(pageSql, pageParams.values),
    ]);
    return {
      items: rows.slice(0, first).map((r) => r.payload),
      totalCount: count.totalCount,
      totalCountIsExact: count.totalCountIsExact,
      hasNextPage: rows.length > first,
    };
  }

  async *streamMentions(filter: MentionFilter, pageSize = 1000): AsyncIterable<ScoredMention[]> {
    let after: MentionCursor | undefined;
    for (;;) {
      const params = new Params();
      const conditions = filterConditions(filter, params);
      if (after) conditions.push(`(published_at, id) < (${params.add(after.publishedAt)}::timestamptz, ${params.add(after.id)})`);
      const rows = await this.db.query<{ payload: ScoredMention }>(
        `SELECT payload FROM mentions ${whereClause(conditions)} ORDER BY published_at DESC, id DESC LIMIT ${params.add(pageSize)}`,
        params.values,
      );
      if (rows.length === 0) return;
      const page = rows.map((r) => r.payload);
      yield page;
      if (rows.length < pageSize) return;
      after = mentionCursor(page.at(-1)!);
    }
  }

  async getMentions(ids: readonly string[]): Promise<(ScoredMention | null)[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<{ id: string; payload: ScoredMention }>(
      'SELECT id, payload FROM mentions WHERE id = ANY($1::text[])',
      [[...new Set(ids)]],
    );
    const byId = new Map(rows.map((r) => [r.id, r.payload]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
