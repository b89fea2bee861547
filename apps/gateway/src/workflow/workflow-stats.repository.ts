import type { SqlClient } from '../database/sql-client.port.js';
import type { CoverageRow, HandlingEffectRow, ReactionTimeRow, StatsWindow } from './workflow-stats.model.js';

/** To the millisecond, as the period report (workflow-period.repository.ts): the support card and the report read one request's reaction time alike. */
const seconds = (value: number | string | null): number | null => (value === null ? null : Math.round(Number(value) * 1000) / 1000);

/** Mentions a support team owes an answer: flagged by intent, or taken up by someone anyway; never those it chose to ignore. */
const IN_SCOPE = `(m.reply_needed OR m.status IN ('in_progress', 'resolved')) AND m.status <> 'ignored' AND m.listed`;

/** Reaction times, handling effect and answer coverage: read-only statistics over mentions and their history. */
export class WorkflowStatsRepository {
  constructor(private readonly db: SqlClient) {}

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
}
