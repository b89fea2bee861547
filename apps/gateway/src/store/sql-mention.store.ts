import type { ApiKeyRecord, ScoredMention, Source, TrackedTopic } from '@pulse/contracts';
import {
  SPAM_THRESHOLD,
  type AuthorStats,
  type InitialWorkflow,
  type MentionCursor,
  type MentionFilter,
  type MentionOrder,
  type MentionPage,
  type MentionStore,
  type RollupWindow,
  type SourceStats,
  type StoredApiKey,
  type TimeInterval,
  type TimelineBucket,
  type TopicVolume,
  type UpsertResult,
} from './mention-store.port.js';
import { MIGRATIONS } from './migrations/migration.registry.js';
import type { Migration } from './migrations/migration.model.js';
import { runMigrations } from './migrations/migration.runner.js';
import type { SqlClient } from './sql-client.port.js';
import { searchToSql } from '../query/search-query.sql.js';

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

export function toJson(value: unknown): string {
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
  if (filter.sentiments?.length) where.push(toneFilter({ ...filter, sentiments: filter.sentiments }, params));
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
    // The query language, translated to tsquery over the tsv column (same configuration as
    // 0001-init) and column conditions for field filters: see query/search-query.sql.ts.
    where.push(searchToSql(filter.search, (value) => params.add(value)));
  }
  if (filter.intents?.length) where.push(`intent = ANY(${params.add(filter.intents)}::text[])`);
  if (filter.replyNeeded !== undefined) where.push(filter.replyNeeded ? 'reply_needed' : 'NOT reply_needed');
  if (filter.statuses?.length) where.push(`status = ANY(${params.add(filter.statuses)}::text[])`);
  if (filter.assignee?.trim()) where.push(`lower(assignee) = lower(${params.add(filter.assignee.trim())})`);
  if (filter.unassigned) where.push('assignee IS NULL');
  if (filter.tags?.length) where.push(`tags && ${params.add(filter.tags)}::text[]`);
  // `listed` is the generated column behind the partial index; it means exactly "not spam and not a copy".
  if (!filter.includeSpam && !filter.includeDuplicates) where.push('listed');
  else if (!filter.includeSpam) where.push(`spam_score < ${SPAM_THRESHOLD}`);
  else if (!filter.includeDuplicates) where.push('duplicate_of IS NULL');
  return where;
}

const isWholeHour = (value: string | undefined): boolean => value === undefined || Date.parse(value) % 3_600_000 === 0;

/**
 * True when the rollups hold exactly the answer: only dimensions they keep (one topic or
 * none, source, tone), hour-aligned bounds, and the default spam/duplicate exclusion.
 */
function rollupAnswers(filter: MentionFilter): boolean {
  return (
    (filter.topicIds?.length ?? 0) <= 1 &&
    !filter.languages?.length &&
    !filter.search?.trim() &&
    !filter.authorHandle?.trim() &&
    !filter.includeSpam &&
    !filter.includeDuplicates &&
    !filter.intents?.length &&
    filter.replyNeeded === undefined &&
    !filter.statuses?.length &&
    !filter.assignee?.trim() &&
    !filter.unassigned &&
    !filter.tags?.length &&
    isWholeHour(filter.from) &&
    isWholeHour(filter.to)
  );
}

const INTERVAL_UNITS: Record<TimeInterval, string> = { HOUR: 'hour', DAY: 'day', WEEK: 'week' };

const TONE_COLUMNS = `
  coalesce(sum(mentions) FILTER (WHERE sentiment_label = 'negative'), 0)::int AS negative,
  coalesce(sum(mentions) FILTER (WHERE sentiment_label = 'neutral'), 0)::int AS neutral,
  coalesce(sum(mentions) FILTER (WHERE sentiment_label = 'positive'), 0)::int AS positive,
  coalesce(sum(mentions), 0)::int AS total`;

/**
 * The tone a filter means: toward its topic when it names exactly one (per-topic tone, as the
 * rollups count it, see 0004-topic-tone), else the overall tone.
 */
function toneExpression(filter: MentionFilter, params: Params): string {
  if (filter.topicIds?.length !== 1) return 'sentiment_label';
  // Only a mention in several topics can have a tone toward one of them that differs from its overall tone.
  return `CASE WHEN cardinality(topic_ids) > 1 THEN mention_topic_tone(payload, sentiment_label, ${params.add(filter.topicIds[0])}) ELSE sentiment_label END`;
}

/** The sentiments filter: per-topic through the indexed topic_tones column when one topic is named. */
function toneFilter(filter: MentionFilter & { sentiments: string[] }, params: Params): string {
  const topic = filter.topicIds?.length === 1 ? filter.topicIds[0] : undefined;
  if (topic === undefined) return `sentiment_label = ANY(${params.add(filter.sentiments)}::text[])`;
  return `topic_tones && ${params.add(filter.sentiments.map((label) => `${topic}:${label}`))}::text[]`;
}

function toneCounts(tone: string): string {
  return `
  count(*) FILTER (WHERE ${tone} = 'negative')::int AS negative,
  count(*) FILTER (WHERE ${tone} = 'neutral')::int AS neutral,
  count(*) FILTER (WHERE ${tone} = 'positive')::int AS positive,
  count(*)::int AS total`;
}

/** Rollup rows for the window: '' is the "every listed mention once" row (see 0002-analytics). */
function rollupConditions(window: RollupWindow, params: Params): string[] {
  assertTimestamp('from', window.from);
  assertTimestamp('to', window.to);
  const topics = window.topicIds?.length ? window.topicIds : [''];
  return [
    `topic_id = ANY(${params.add(topics)}::text[])`,
    `bucket >= date_trunc('hour', ${params.add(window.from)}::timestamptz, 'UTC')`,
    `bucket < ${params.add(window.to)}::timestamptz`,
  ];
}

export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

interface ApiKeyRow {
  id: string;
  name: string;
  role: ApiKeyRecord['role'];
  sha256: string;
  revoked: boolean;
  created_at: Date;
  updated_at: Date;
  last_used_at: Date | null;
}

function toApiKey(row: ApiKeyRow): StoredApiKey {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    sha256: row.sha256,
    revoked: row.revoked,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    lastUsedAt: row.last_used_at ? iso(row.last_used_at) : null,
  };
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

  /** For the sibling stores (workflow, alerts) that share this connection and its migrations. */
  get client(): SqlClient {
    return this.db;
  }

  async migrate(): Promise<void> {
    await runMigrations(this.db, this.migrations);
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

    const countParams = new Params();
    const countSql = `SELECT count(*)::int AS total FROM mentions ${whereClause(filterConditions(filter, countParams))}`;

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

  async sentimentTimeline(window: RollupWindow, interval: TimeInterval): Promise<TimelineBucket[]> {
    const params = new Params();
    const unit = params.add(INTERVAL_UNITS[interval]);
    const conditions = rollupConditions(window, params);
    // Buckets are computed on UTC wall-clock time so days and weeks never shift with the session time zone.
    const rows = await this.db.query<{ start: Date; negative: number; neutral: number; positive: number; total: number }>(
      `WITH series AS (
         SELECT generate_series(
           date_trunc(${unit}, ${params.add(window.from)}::timestamptz AT TIME ZONE 'UTC'),
           (${params.add(window.to)}::timestamptz AT TIME ZONE 'UTC') - interval '1 microsecond',
           ('1 ' || ${unit})::interval) AS start
       ), counts AS (
         SELECT date_trunc(${unit}, bucket AT TIME ZONE 'UTC') AS start, ${TONE_COLUMNS}
         FROM mention_rollups ${whereClause(conditions)}
         GROUP BY 1
       )
       SELECT s.start AT TIME ZONE 'UTC' AS start,
         coalesce(c.negative, 0) AS negative, coalesce(c.neutral, 0) AS neutral,
         coalesce(c.positive, 0) AS positive, coalesce(c.total, 0) AS total
       FROM series s LEFT JOIN counts c ON c.start = s.start
       ORDER BY s.start`,
      params.values,
    );
    return rows.map((r) => ({ start: iso(r.start), negative: r.negative, neutral: r.neutral, positive: r.positive, total: r.total }));
  }

  async topicVolumes(window: RollupWindow & { topicIds: string[] }): Promise<TopicVolume[]> {
    if (window.topicIds.length === 0) return [];
    const params = new Params();
    const rows = await this.db.query<TopicVolume & { topic_id: string }>(
      `SELECT topic_id, ${TONE_COLUMNS} FROM mention_rollups ${whereClause(rollupConditions(window, params))} GROUP BY topic_id`,
      params.values,
    );
    const byTopic = new Map(rows.map((r) => [r.topic_id, r]));
    return window.topicIds.map((topicId) => {
      const r = byTopic.get(topicId);
      return { topicId, negative: r?.negative ?? 0, neutral: r?.neutral ?? 0, positive: r?.positive ?? 0, total: r?.total ?? 0 };
    });
  }

  async topAuthors(filter: MentionFilter, limit: number): Promise<AuthorStats[]> {
    const params = new Params();
    const where = whereClause(filterConditions(filter, params));
    const counts = toneCounts(toneExpression(filter, params));
    const rows = await this.db.query<{ source: Source; author_id: string; handle: string; name: string | null; followers: number | null } & AuthorStats>(
      `SELECT source, author_id, max(author_handle) AS handle, max(author_name) AS name, max(author_followers) AS followers, ${counts}
       FROM mentions ${where}
       GROUP BY source, author_id
       ORDER BY total DESC, negative DESC, source, author_id
       LIMIT ${params.add(limit)}`,
      params.values,
    );
    return rows.map((r) => ({
      source: r.source,
      authorId: r.author_id,
      handle: r.handle,
      name: r.name ?? '',
      followers: r.followers,
      negative: r.negative,
      neutral: r.neutral,
      positive: r.positive,
      total: r.total,
    }));
  }

  async sourceBreakdown(filter: MentionFilter): Promise<SourceStats[]> {
    if (rollupAnswers(filter)) {
      // Same answer as the scan below, read from a few thousand rollup rows instead of every mention.
      const params = new Params();
      const conditions = [`topic_id = ${params.add(filter.topicIds?.[0] ?? '')}`];
      if (filter.from) conditions.push(`bucket >= ${params.add(filter.from)}::timestamptz`);
      if (filter.to) conditions.push(`bucket < ${params.add(filter.to)}::timestamptz`);
      if (filter.sources?.length) conditions.push(`source = ANY(${params.add(filter.sources)}::text[])`);
      if (filter.sentiments?.length) conditions.push(`sentiment_label = ANY(${params.add(filter.sentiments)}::text[])`);
      const rows = await this.db.query<SourceStats>(
        `SELECT source, ${TONE_COLUMNS} FROM mention_rollups ${whereClause(conditions)} GROUP BY source HAVING sum(mentions) > 0 ORDER BY total DESC, source`,
        params.values,
      );
      return rows.map((r) => ({ source: r.source, negative: r.negative, neutral: r.neutral, positive: r.positive, total: r.total }));
    }
    const params = new Params();
    const where = whereClause(filterConditions(filter, params));
    const counts = toneCounts(toneExpression(filter, params));
    const rows = await this.db.query<SourceStats>(
      `SELECT source, ${counts} FROM mentions ${where} GROUP BY source ORDER BY total DESC, source`,
      params.values,
    );
    return rows.map((r) => ({ source: r.source, negative: r.negative, neutral: r.neutral, positive: r.positive, total: r.total }));
  }

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
    if (deleted < batchSize) await this.db.query('DELETE FROM mention_rollups WHERE mentions = 0');
    return deleted;
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

  async listApiKeys(): Promise<StoredApiKey[]> {
    const rows = await this.db.query<ApiKeyRow>('SELECT * FROM api_keys ORDER BY created_at, id');
    return rows.map(toApiKey);
  }

  async findApiKeyBySha256(sha256: string): Promise<StoredApiKey | null> {
    const [row] = await this.db.query<ApiKeyRow>('SELECT * FROM api_keys WHERE sha256 = $1', [sha256]);
    return row ? toApiKey(row) : null;
  }

  async getApiKey(id: string): Promise<StoredApiKey | null> {
    const [row] = await this.db.query<ApiKeyRow>('SELECT * FROM api_keys WHERE id = $1', [id]);
    return row ? toApiKey(row) : null;
  }

  async upsertApiKey(key: ApiKeyRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO api_keys (id, name, role, sha256, revoked, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $7::timestamptz)
       ON CONFLICT (id) DO UPDATE SET
         name = excluded.name, role = excluded.role, sha256 = excluded.sha256,
         revoked = excluded.revoked, updated_at = excluded.updated_at`,
      [key.id, key.name, key.role, key.sha256, key.revoked, key.createdAt, key.updatedAt],
    );
  }

  async touchApiKey(id: string, at: string): Promise<void> {
    await this.db.query(
      `UPDATE api_keys SET last_used_at = $2::timestamptz
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
      [id, at],
    );
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
