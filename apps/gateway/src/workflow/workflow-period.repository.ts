import type { SqlClient } from '../database/sql-client.port.js';
import { iso, isoOrNull } from '../database/sql.helpers.js';
import type { HandledRequestRow, PeriodScope, RequestGroupRow } from './workflow-period.model.js';
import type { HandlingEffectRow, ReactionTimeRow } from './workflow-stats.model.js';

/** To the millisecond, as the report's rows: a median rounded to tenths could read a second more than the request it is. */
const seconds = (value: number | string | null): number | null => (value === null ? null : Math.round(Number(value) * 1000) / 1000);

/**
 * The same "owed an answer" set as the per-topic statistics (workflow-stats.repository.ts), over
 * a scope: mentions of any of the scope's topics, each counted once however many it matches.
 */
const IN_SCOPE = `(m.reply_needed OR m.status IN ('in_progress', 'resolved')) AND m.status <> 'ignored' AND m.listed`;
const SCOPE = `m.topic_ids && $3::text[] AND m.collected_at >= $1::timestamptz AND m.collected_at < $2::timestamptz`;

/** Period figures of the support workflow for one scope (a report's topics together): read-only. */
export class WorkflowPeriodRepository {
  constructor(private readonly db: SqlClient) {}

  async reactionTimes(scope: PeriodScope): Promise<Omit<ReactionTimeRow, 'topicId'>> {
    const [r] = await this.db.query<{
      in_scope: number;
      responded: number;
      resolved: number;
      fr_p50: number | null;
      fr_p90: number | null;
      res_p50: number | null;
      res_p90: number | null;
    }>(
      `SELECT count(*)::int AS in_scope,
         count(m.first_response_at)::int AS responded,
         count(m.resolved_at)::int AS resolved,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM m.first_response_at - m.collected_at)) AS fr_p50,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM m.first_response_at - m.collected_at)) AS fr_p90,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM m.resolved_at - m.collected_at)) AS res_p50,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM m.resolved_at - m.collected_at)) AS res_p90
       FROM mentions m WHERE ${IN_SCOPE} AND ${SCOPE}`,
      [scope.from, scope.to, scope.topicIds],
    );
    return {
      inScope: r?.in_scope ?? 0,
      responded: r?.responded ?? 0,
      resolved: r?.resolved ?? 0,
      firstResponseMedianSeconds: seconds(r?.fr_p50 ?? null),
      firstResponseP90Seconds: seconds(r?.fr_p90 ?? null),
      resolutionMedianSeconds: seconds(r?.res_p50 ?? null),
      resolutionP90Seconds: seconds(r?.res_p90 ?? null),
    };
  }

  /** As `handlingEffect` per topic: each handled author's own mentions of the scope before and after the first response. */
  async handlingEffect(scope: PeriodScope & { windowHours: number }): Promise<Omit<HandlingEffectRow, 'topicId'>> {
    const [r] = await this.db.query<{ authors: number; before_total: number; before_negative: number; after_total: number; after_negative: number }>(
      `WITH handled AS (
         SELECT m.source, m.author_id, min(m.first_response_at) AS at
         FROM mentions m
         WHERE m.first_response_at >= $1::timestamptz AND m.first_response_at < $2::timestamptz AND m.topic_ids && $3::text[]
         GROUP BY 1, 2
       )
       SELECT count(DISTINCT (h.source, h.author_id))::int AS authors,
         count(o.id) FILTER (WHERE o.published_at < h.at)::int AS before_total,
         count(o.id) FILTER (WHERE o.published_at < h.at AND o.sentiment_label = 'negative')::int AS before_negative,
         count(o.id) FILTER (WHERE o.published_at >= h.at)::int AS after_total,
         count(o.id) FILTER (WHERE o.published_at >= h.at AND o.sentiment_label = 'negative')::int AS after_negative
       FROM handled h
       LEFT JOIN mentions o ON o.source = h.source AND o.author_id = h.author_id
         AND o.topic_ids && $3::text[]
         AND o.published_at >= h.at - make_interval(hours => $4::int)
         AND o.published_at < h.at + make_interval(hours => $4::int)
         AND o.listed`,
      [scope.from, scope.to, scope.topicIds, scope.windowHours],
    );
    return {
      authors: r?.authors ?? 0,
      beforeTotal: r?.before_total ?? 0,
      beforeNegative: r?.before_negative ?? 0,
      afterTotal: r?.after_total ?? 0,
      afterNegative: r?.after_negative ?? 0,
    };
  }

  /**
   * Requests (replyNeeded, listed) collected in the period grouped by a column (the matched
   * typical-answer category, or the intent), largest first, with the newest few as examples.
   */
  async requestGroups(scope: PeriodScope, by: 'category' | 'intent', examples: number): Promise<RequestGroupRow[]> {
    const column = by === 'category' ? 'm.answer_category_id' : 'm.intent';
    const rows = await this.db.query<{ key: string | null; n: number; sample: string[] }>(
      `SELECT ${column} AS key, count(*)::int AS n,
         (array_agg(m.id ORDER BY m.collected_at DESC, m.id DESC))[1:$4::int] AS sample
       FROM mentions m
       WHERE m.reply_needed AND m.listed AND ${SCOPE}
       GROUP BY 1
       ORDER BY n DESC, key`,
      [scope.from, scope.to, scope.topicIds, examples],
    );
    return rows.map((r) => ({ key: r.key, requests: r.n, sampleIds: r.sample ?? [] }));
  }

  /** Requests of the period that someone responded to, slowest first response first (the ones to review). */
  async handledRequests(scope: PeriodScope, limit: number): Promise<HandledRequestRow[]> {
    const rows = await this.db.query<{
      id: string;
      status: string;
      collected_at: Date;
      first_response_at: Date;
      resolved_at: Date | null;
      answer_category_id: string | null;
    }>(
      `SELECT m.id, m.status, m.collected_at, m.first_response_at, m.resolved_at, m.answer_category_id
       FROM mentions m
       WHERE ${IN_SCOPE} AND ${SCOPE} AND m.first_response_at IS NOT NULL
       ORDER BY m.first_response_at - m.collected_at DESC, m.id
       LIMIT $4`,
      [scope.from, scope.to, scope.topicIds, limit],
    );
    return rows.map((r) => ({
      mentionId: r.id,
      status: r.status,
      collectedAt: iso(r.collected_at),
      firstResponseAt: iso(r.first_response_at),
      resolvedAt: isoOrNull(r.resolved_at),
      answerCategoryId: r.answer_category_id,
    }));
  }
}
