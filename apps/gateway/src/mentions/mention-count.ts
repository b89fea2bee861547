import type { SqlClient } from '../database/sql-client.port.js';
import { Params, whereClause } from '../database/sql.helpers.js';
import { filterConditions, rollupAnswers } from './mention-filter.sql.js';
import { rollupRows, zoned } from './rollup-rows.sql.js';
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

/** Beyond this many topic × day keys the index lookups cost more than the bitmaps they replace. */
const MAX_TOPIC_DAY_KEYS = 1_000;
const DAY_MS = 86_400_000;

/**
 * Keys of `mentions_topic_days_idx` (0008-day-rollups: "topic@days since 1970-01-01 UTC", listed
 * mentions) for every day the filter's period touches, per topic; null without topics and both
 * bounds. Only for filters the rollups bound, which hide spam and copies as the index does.
 */
export function topicDayKeys(filter: Pick<MentionFilter, 'topicIds' | 'from' | 'to'>): string[] | null {
  if (!filter.topicIds?.length || filter.from === undefined || filter.to === undefined || !zoned(filter.from) || !zoned(filter.to)) return null;
  const first = Math.floor(Date.parse(filter.from) / DAY_MS);
  const to = Date.parse(filter.to);
  // `to` is exclusive: a period ending at midnight does not touch the day it starts, unless `to`
  // carries digits below the millisecond (Date.parse drops them; PostgreSQL keeps microseconds).
  const last = /\.\d{4,}/.test(filter.to) ? Math.floor(to / DAY_MS) : Math.ceil(to / DAY_MS) - 1;
  if (Number.isNaN(first) || Number.isNaN(last) || last < first) return null;
  if ((last - first + 1) * filter.topicIds.length > MAX_TOPIC_DAY_KEYS) return null;
  const keys: string[] = [];
  for (const topic of filter.topicIds) for (let day = first; day <= last; day++) keys.push(`${topic}@${day}`);
  return keys;
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

  /** The filter's rollup rows ('' = every listed mention once) summed: its tone, sources and the hours around from/to. */
  private async sum(filter: MentionFilter, topics: string[], withTone: boolean): Promise<number> {
    const params = new Params();
    const rows = rollupRows(params, { topics, from: filter.from, to: filter.to });
    const conditions: string[] = [];
    if (filter.sources?.length) conditions.push(`source = ANY(${params.add(filter.sources)}::text[])`);
    if (withTone && filter.sentiments?.length) conditions.push(`sentiment_label = ANY(${params.add(filter.sentiments)}::text[])`);
    const [row] = await this.db.query<{ n: number }>(`SELECT coalesce(sum(mentions), 0)::int AS n FROM ${rows} ${whereClause(conditions)}`, params.values);
    return row?.n ?? 0;
  }

  private fromRollups(filter: MentionFilter): Promise<number> {
    return this.sum(filter, [filter.topicIds?.[0] ?? ''], true);
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
    return this.sum(filter, topics, topics.length === 1);
  }

  /**
   * The coarse part picks the rows (OFFSET 0 keeps the rest out of index choice); the rest filters
   * them. With topics and a period, the topic-day index picks them: the topics' mentions of the
   * period's UTC days, a superset the whole filter then narrows (see 0008-day-rollups).
   */
  private async narrowed(filter: MentionFilter): Promise<number> {
    const keys = filter.includeSpam || filter.includeDuplicates ? null : topicDayKeys(filter);
    if (keys !== null) {
      const params = new Params();
      const days = params.add(keys);
      const where = whereClause(filterConditions(filter, params));
      const [row] = await this.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT * FROM mentions WHERE mention_topic_days(topic_ids, published_at) && ${days}::text[] AND listed OFFSET 0) AS mentions ${where}`,
        params.values,
      );
      return row?.n ?? 0;
    }
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
