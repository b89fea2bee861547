import type { ScoredMention, TrackedTopic } from '@pulse/contracts';
import type {
  MentionCursor,
  MentionFilter,
  MentionPage,
  MentionStore,
  UpsertResult,
} from './mention-store.port.js';
import { MIGRATIONS } from './migrations/migration.registry.js';
import type { Migration } from './migrations/migration.model.js';
import { runMigrations } from './migrations/migration.runner.js';
import type { SqlClient } from './sql-client.port.js';

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
      text, url, model_id, model_version, payload
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
      p
    FROM jsonb_array_elements($1::jsonb) AS p
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
    RETURNING (xmax = 0) AS inserted
  )
  SELECT count(*) FILTER (WHERE inserted)::int AS inserted FROM upserted`;

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

// Lone UTF-16 surrogates (a post cut mid-emoji) and NUL are valid in JS strings but rejected by jsonb and text.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'string' ? v.replace(UNSTORABLE, (c) => (c === '\u0000' ? '' : '\uFFFD')) : v,
  );
}

function assertTimestamp(name: string, value: string): void {
  if (Number.isNaN(Date.parse(value))) throw new Error(`${name} is not an ISO 8601 timestamp: "${value}"`);
}

/** Collects positional parameters so SQL text only ever contains `$n` placeholders. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Empty arrays and blank strings mean "no constraint", matching an omitted GraphQL argument. */
function filterConditions(filter: MentionFilter, params: Params): string[] {
  const where: string[] = [];
  if (filter.topicIds?.length) where.push(`topic_ids && ${params.add(filter.topicIds)}::text[]`);
  if (filter.sentiments?.length) where.push(`sentiment_label = ANY(${params.add(filter.sentiments)}::text[])`);
  if (filter.sources?.length) where.push(`source = ANY(${params.add(filter.sources)}::text[])`);
  if (filter.languages?.length) where.push(`language = ANY(${params.add(filter.languages)}::text[])`);
  if (filter.from !== undefined) {
    assertTimestamp('from', filter.from);
    where.push(`published_at >= ${params.add(filter.from)}::timestamptz`);
  }
  if (filter.to !== undefined) {
    assertTimestamp('to', filter.to);
    where.push(`published_at < ${params.add(filter.to)}::timestamptz`);
  }
  if (filter.authorHandle?.trim()) {
    where.push(`lower(author_handle) = lower(${params.add(filter.authorHandle.trim())})`);
  }
  if (filter.search?.trim()) {
    // Same configuration as the tsv column (see 0001-init): one config keeps "-word" exclusions sound.
    where.push(`tsv @@ websearch_to_tsquery('russian'::regconfig, ${params.add(filter.search)})`);
  }
  return where;
}

function whereClause(conditions: string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

/** The keyset position of a mention, for building the cursor of a page's last item. */
export function mentionCursor(mention: Pick<ScoredMention, 'publishedAt' | 'id'>): MentionCursor {
  return { publishedAt: mention.publishedAt, id: mention.id };
}

export interface SqlMentionStoreOptions {
  /** Overridable for tests of the migration machinery; production uses the registry. */
  migrations?: readonly Migration[];
}

/**
 * The MentionStore over any SqlClient: PGlite in embedded mode, PostgreSQL in distributed
 * mode. The store owns the client and closes it.
 */
export class SqlMentionStore implements MentionStore {
  private readonly migrations: readonly Migration[];

  constructor(
    private readonly db: SqlClient,
    options: SqlMentionStoreOptions = {},
  ) {
    this.migrations = options.migrations ?? MIGRATIONS;
  }

  async migrate(): Promise<void> {
    await runMigrations(this.db, this.migrations);
  }

  async upsertMentions(mentions: ScoredMention[]): Promise<UpsertResult> {
    // One statement cannot touch the same row twice (ON CONFLICT would fail), so keep the last copy of each id.
    const unique = [...new Map(mentions.map((m) => [m.id, m])).values()];
    if (unique.length === 0) return { inserted: 0, updated: 0 };

    const chunks: ScoredMention[][] = [];
    for (let i = 0; i < unique.length; i += MAX_UPSERT_BATCH) chunks.push(unique.slice(i, i + MAX_UPSERT_BATCH));

    const inserted =
      chunks.length === 1
        ? await this.upsertChunk(this.db, unique)
        : await this.db.transaction(async (tx) => {
            let total = 0;
            for (const chunk of chunks) total += await this.upsertChunk(tx, chunk);
            return total;
          });
    // Skipped rows (stale score, identical replay) are not returned by the statement, yet they were already stored.
    return { inserted, updated: unique.length - inserted };
  }

  private async upsertChunk(db: Pick<SqlClient, 'query'>, chunk: ScoredMention[]): Promise<number> {
    const [row] = await db.query<{ inserted: number }>(UPSERT_MENTIONS, [toJson(chunk)]);
    return row?.inserted ?? 0;
  }

  async findMentions(filter: MentionFilter, first: number, after?: MentionCursor): Promise<MentionPage> {
    if (!Number.isInteger(first) || first <= 0) {
      throw new RangeError(`first must be a positive integer, got ${first}`);
    }

    const countParams = new Params();
    const countSql = `SELECT count(*)::int AS total FROM mentions ${whereClause(filterConditions(filter, countParams))}`;

    const pageParams = new Params();
    const conditions = filterConditions(filter, pageParams);
    if (after) {
      assertTimestamp('after.publishedAt', after.publishedAt);
      // Row comparison matches ORDER BY published_at DESC, id DESC, so ties on time continue by id.
      conditions.push(
        `(published_at, id) < (${pageParams.add(after.publishedAt)}::timestamptz, ${pageParams.add(after.id)})`,
      );
    }
    // One extra row tells whether another page exists without a second count.
    const pageSql = `
      SELECT payload FROM mentions ${whereClause(conditions)}
      ORDER BY published_at DESC, id DESC
      LIMIT ${pageParams.add(first + 1)}`;

    const [countRows, rows] = await Promise.all([
      this.db.query<{ total: number }>(countSql, countParams.values),
      this.db.query<{ payload: ScoredMention }>(pageSql, pageParams.values),
    ]);
    return {
      items: rows.slice(0, first).map((r) => r.payload),
      totalCount: countRows[0]?.total ?? 0,
      hasNextPage: rows.length > first,
    };
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

  async upsertTopic(topic: TrackedTopic): Promise<void> {
    await this.db.query(UPSERT_TOPIC, [toJson(topic)]);
  }

  async ping(): Promise<boolean> {
    try {
      await this.db.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
