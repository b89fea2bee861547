import type { SqlClient } from '../database/sql-client.port.js';
import { Params, whereClause } from '../database/sql.helpers.js';
import { filterConditions, rollupAnswers } from './mention-filter.sql.js';
import type { MentionFilter } from './mention.model.js';

/**
 * `totalCount` is exact whenever at most this many mentions match; above it, it may be an
 * estimate (`totalCountIsExact: false`, shown as "≈"). Counting is then bounded by the cap
 * instead of growing with the result.
 */
export const EXACT_COUNT_CAP = 10_000;

/** work_mem for the narrowed count's own transaction (see `narrowed`). */
const NARROWED_WORK_MEM = '32MB';

export interface MentionCount {
  totalCount: number;
  totalCountIsExact: boolean;
}

/** How the count was made (for tests and the bench). */
export type CountPath = 'rollups' | 'narrowed' | 'capped' | 'estimate';

/** The filter fields the topic rollups keep; the rest narrows further. */
const COARSE_FIELDS = ['topicIds', 'sentiments', 'sources', 'from', 'to'] as const;

/**
 * Counts for `mentions`:
 * 1. filters the topic rollups answer exactly (see `rollupAnswers`): summed from them;
 * 2. otherwise, for a filter naming a topic or a period, the rollups still bound the count from
 *    above through its coarse part (topics, tone, sources, the hours around from/to). When that
 *    bound is within the cap, the coarse part selects the rows and the rest is checked on them:
 *    exact, and never more than the cap's worth of rows — the planner would otherwise often
 *    intersect full-text index entries of a common word (half the table) with the other indexes;
 * 3. otherwise a count stopped at cap + 1;
 * 4. above the cap, the planner's row estimate, kept within [cap + 1, the rollup bound].
 */
export class MentionCounter {
  constructor(
    private readonly db: SqlClient,
    private readonly cap = EXACT_COUNT_CAP,
  ) {}

  async count(filter: MentionFilter): Promise<MentionCount & { path: CountPath }> {
    if (rollupAnswers(filter)) return { totalCount: await this.fromRollups(filter), totalCountIsExact: true, path: 'rollups' };

    const bound = await this.rollupBound(filter);
    if (bound !== null && bound <= this.cap) return { totalCount: await this.narrowed(filter), totalCountIsExact: true, path: 'narrowed' };

    const params = new Params();
    const where = whereClause(filterConditions(filter, params));
    const [capped] = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM mentions ${where} LIMIT ${params.add(this.cap + 1)}) AS m`,
      params.values,
    );
    const n = capped?.n ?? 0;
    if (n <= this.cap) return { totalCount: n, totalCountIsExact: true, path: 'capped' };

    const planned = await this.plannedRows(filter);
    const estimate = Math.max(this.cap + 1, Math.min(planned, bound ?? Number.POSITIVE_INFINITY));
    return { totalCount: Math.round(estimate), totalCountIsExact: false, path: 'estimate' };
  }

  /** Rollup rows for the filter's topic ('' = every listed mention once), tone, sources and hours. */
  private rollupConditions(filter: MentionFilter, params: Params, topics: string[], withTone: boolean): string[] {
    const conditions = [topics.length === 1 ? `topic_id = ${params.add(topics[0])}` : `topic_id = ANY(${params.add(topics)}::text[])`];
    if (filter.from !== undefined) conditions.push(`bucket >= date_trunc('hour', ${params.add(filter.from)}::timestamptz, 'UTC')`);
    if (filter.to !== undefined) conditions.push(`bucket < ${params.add(filter.to)}::timestamptz`);
    if (filter.sources?.length) conditions.push(`source = ANY(${params.add(filter.sources)}::text[])`);
    if (withTone && filter.sentiments?.length) conditions.push(`sentiment_label = ANY(${params.add(filter.sentiments)}::text[])`);
    return conditions;
  }

  private async fromRollups(filter: MentionFilter): Promise<number> {
    const params = new Params();
    const conditions = this.rollupConditions(filter, params, [filter.topicIds?.[0] ?? ''], true);
    return this.sum(conditions, params);
  }

  /**
   * At least the filter's count, from the rollups; null when they cannot bound it (spam or copies
   * included: rollups count listed mentions only) or the bound would span the whole store. Several
   * topics: their rows summed (a mention in two counts twice), tone left out (the filter then
   * means the overall tone).
   */
  private async rollupBound(filter: MentionFilter): Promise<number | null> {
    if (filter.includeSpam || filter.includeDuplicates) return null;
    // Without a topic or a period the bound is most of the store: not worth summing every hour of it.
    if (!filter.topicIds?.length && filter.from === undefined && filter.to === undefined) return null;
    const topics = filter.topicIds?.length ? filter.topicIds : [''];
    const params = new Params();
    return this.sum(this.rollupConditions(filter, params, topics, topics.length === 1), params);
  }

  private async sum(conditions: string[], params: Params): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      `SELECT coalesce(sum(mentions), 0)::int AS n FROM mention_rollups ${whereClause(conditions)}`,
      params.values,
    );
    return row?.n ?? 0;
  }

  /** The coarse part picks the rows (OFFSET 0 keeps the rest out of index choice); the rest filters them. */
  private async narrowed(filter: MentionFilter): Promise<number> {
    const coarse: MentionFilter = {};
    const fine: MentionFilter = { ...filter, includeSpam: true, includeDuplicates: true };
    for (const field of COARSE_FIELDS) {
      if (filter[field] !== undefined) Object.assign(coarse, { [field]: filter[field] });
      delete fine[field];
    }
    const params = new Params();
    const inner = whereClause(filterConditions(coarse, params));
    const outer = whereClause(filterConditions(fine, params));
    return this.db.transaction(async (tx) => {
      // The coarse rows come from intersecting index bitmaps (a topic's every mention, a period's);
      // past work_mem a bitmap turns lossy and every row of its pages is read and rechecked, about
      // twice the pages. This statement alone may use more: it reads at most the cap's worth of rows.
      await tx.query(`SET LOCAL work_mem = '${NARROWED_WORK_MEM}'`);
      const [row] = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT * FROM mentions ${inner} OFFSET 0) AS mentions ${outer}`,
        params.values,
      );
      return row?.n ?? 0;
    });
  }

  private async plannedRows(filter: MentionFilter): Promise<number> {
    const params = new Params();
    const [row] = await this.db.query<{ 'QUERY PLAN': unknown }>(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM mentions ${whereClause(filterConditions(filter, params))}`,
      params.values,
    );
    const plan = row?.['QUERY PLAN'];
    const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as [{ Plan: { 'Plan Rows': number } }] | undefined;
    return parsed?.[0]?.Plan['Plan Rows'] ?? 0;
  }
}
