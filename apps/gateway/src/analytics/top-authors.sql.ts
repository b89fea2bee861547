import { SENTIMENT_LABELS } from '@pulse/contracts';
import { Params, whereClause } from '../database/sql.helpers.js';
import { filterConditions, toneExpression } from '../mentions/mention-filter.sql.js';
import type { MentionFilter } from '../mentions/mention.model.js';
import type { AuthorWindow } from './author-window.js';

/**
 * SQL for `topAuthors`. Every variant ranks (source, author_id) by the count of matching
 * mentions, then negatives, then source and id, and shows each author as their latest mention
 * does; they differ only in where the counts come from:
 *
 * - `scanSql`: the mentions table (any filter);
 * - `rollupSql`: `author_rollups` for whole days plus mentions for the partial days at the ends;
 * - `boundedSql`: the same counts for a few candidates only — each week's loudest authors per
 *   tone from `author_week_rollups` — and `bound`, the most any other author can have: the sum,
 *   over those weekly lists, of the smallest count that made a full list (an author missing from
 *   every list has at most that in each week). When the last ranked total exceeds `bound`, the
 *   ranking is the exact one (the threshold algorithm of Fagin, Lotem and Naor).
 */

/** One row per ranked author; `bound` only from `boundedSql` (null elsewhere). */
export interface RankedAuthorRow {
  source: string | null;
  author_id: string | null;
  handle: string | null;
  name: string | null;
  followers: number | null;
  negative: number;
  neutral: number;
  positive: number;
  total: number;
  bound: number | null;
}

const COUNTS = `
  coalesce(sum(n) FILTER (WHERE tone = 'negative'), 0)::int AS negative,
  coalesce(sum(n) FILTER (WHERE tone = 'neutral'), 0)::int AS neutral,
  coalesce(sum(n) FILTER (WHERE tone = 'positive'), 0)::int AS positive,
  coalesce(sum(n), 0)::int AS total`;

const ORDER = 'total DESC, negative DESC, source, author_id';

/** Ranks `counted` (source, author_id, tone, n) and adds the display fields from each author's latest mention. */
function ranked(counted: string, limit: string): string {
  return `ranked AS (
    SELECT source, author_id, ${COUNTS} FROM (${counted}) AS c
    GROUP BY source, author_id
    ORDER BY ${ORDER}
    LIMIT ${limit}
  ), shown AS (
    SELECT r.*, l.author_handle AS handle, l.author_name AS name, l.author_followers AS followers
    FROM ranked r
    CROSS JOIN LATERAL (
      SELECT author_handle, author_name, author_followers FROM mentions m
      WHERE m.source = r.source AND m.author_id = r.author_id
      ORDER BY m.published_at DESC, m.id DESC LIMIT 1
    ) AS l
  )`;
}

export function scanSql(filter: MentionFilter, limit: number, params: Params): string {
  const tone = toneExpression(filter, params);
  const where = whereClause(filterConditions(filter, params));
  return `WITH ${ranked(`SELECT source, author_id, ${tone} AS tone, 1 AS n FROM mentions ${where}`, params.add(limit))}
    SELECT *, NULL::int AS bound FROM shown ORDER BY ${ORDER}`;
}

/** What a rollup-answerable filter selects in the rollups: topic row ('' for all), tones, sources. */
interface RollupKeys {
  topic: string;
  tones: string;
  sources: string | null;
}

function rollupKeys(filter: MentionFilter, params: Params): RollupKeys {
  return {
    topic: params.add(filter.topicIds?.[0] ?? ''),
    tones: params.add(filter.sentiments?.length ? filter.sentiments : SENTIMENT_LABELS),
    sources: filter.sources?.length ? params.add(filter.sources) : null,
  };
}

/**
 * (source, author_id, tone, n) for the window: whole days from the daily rollups, the partial
 * days from mentions under the full filter (so per-topic tone and exclusions match the scan).
 */
function countedSql(filter: MentionFilter, window: AuthorWindow, keys: RollupKeys, params: Params): string {
  const daily = [
    `topic_id = ${keys.topic}`,
    `day >= ${params.add(window.fromDay)}::date`,
    `day < ${params.add(window.toDay)}::date`,
    `sentiment_label = ANY(${keys.tones}::text[])`,
    ...(keys.sources ? [`source = ANY(${keys.sources}::text[])`] : []),
  ];
  const parts = [`SELECT source, author_id, sentiment_label AS tone, mentions AS n FROM author_rollups ${whereClause(daily)}`];
  for (const edge of window.edges) {
    const conditions = filterConditions({ ...filter, ...edge }, params);
    parts.push(`SELECT source, author_id, ${toneExpression(filter, params)} AS tone, 1 AS n FROM mentions ${whereClause(conditions)}`);
  }
  return parts.join(' UNION ALL ');
}

export function rollupSql(filter: MentionFilter, window: AuthorWindow, limit: number, params: Params): string {
  const keys = rollupKeys(filter, params);
  return `WITH ${ranked(countedSql(filter, window, keys, params), params.add(limit))}
    SELECT *, NULL::int AS bound FROM shown ORDER BY ${ORDER}`;
}

/** Mondays (YYYY-MM-DD) of every ISO week from the one holding `firstDay` to the one holding `lastDay`. */
export function weeksOf(firstDay: string, lastDay: string): string[] {
  const DAY = 86_400_000;
  const first = Date.parse(`${firstDay}T00:00:00Z`);
  const monday = first - ((new Date(first).getUTCDay() + 6) % 7) * DAY;
  const weeks: string[] = [];
  for (let at = monday; at <= Date.parse(`${lastDay}T00:00:00Z`); at += 7 * DAY) weeks.push(new Date(at).toISOString().slice(0, 10));
  return weeks;
}

/** `weeks`: the Mondays of every week the period touches (see `weeksOf`). */
export function boundedSql(filter: MentionFilter, window: AuthorWindow, weeks: string[], limit: number, depth: number, params: Params): string {
  const keys = rollupKeys(filter, params);
  const listSize = params.add(depth);
  // LATERAL keeps every step an index probe: a list per (week, tone), then each candidate's own rows.
  return `WITH lists AS (
      SELECT w.week, t.tone, top.source, top.author_id, top.mentions
      FROM unnest(${params.add(weeks)}::date[]) AS w(week)
      CROSS JOIN unnest(${keys.tones}::text[]) AS t(tone)
      CROSS JOIN LATERAL (
        SELECT r.source, r.author_id, r.mentions FROM author_week_rollups r
        WHERE r.topic_id = ${keys.topic} AND r.week = w.week AND r.sentiment_label = t.tone
          ${keys.sources ? `AND r.source = ANY(${keys.sources}::text[])` : ''}
        ORDER BY r.mentions DESC
        LIMIT ${listSize}
      ) AS top
    ), bound AS (
      SELECT coalesce(sum(floor_count) FILTER (WHERE listed = ${listSize}), 0)::int AS bound
      FROM (SELECT count(*) AS listed, min(mentions) AS floor_count FROM lists GROUP BY week, tone) AS l
    ), candidates AS (
      SELECT DISTINCT source, author_id FROM lists
    ), ${ranked(candidateCountsSql(filter, window, keys, params), params.add(limit))}
    SELECT s.*, b.bound FROM bound b LEFT JOIN shown s ON true ORDER BY ${ORDER}`;
}

/** Like `countedSql`, for the `candidates` CTE only, one index probe per candidate. */
function candidateCountsSql(filter: MentionFilter, window: AuthorWindow, keys: RollupKeys, params: Params): string {
  const fromDay = params.add(window.fromDay);
  const toDay = params.add(window.toDay);
  const parts = [
    `SELECT c.source, c.author_id, d.tone, d.n FROM candidates c
     CROSS JOIN LATERAL (
       SELECT r.sentiment_label AS tone, r.mentions AS n FROM author_rollups r
       WHERE r.topic_id = ${keys.topic} AND r.source = c.source AND r.author_id = c.author_id
         AND r.day >= ${fromDay}::date AND r.day < ${toDay}::date AND r.sentiment_label = ANY(${keys.tones}::text[])
     ) AS d`,
  ];
  for (const edge of window.edges) {
    const conditions = filterConditions({ ...filter, ...edge }, params).map((condition) => `(${condition})`);
    parts.push(
      `SELECT c.source, c.author_id, e.tone, 1 AS n FROM candidates c
       CROSS JOIN LATERAL (
         SELECT ${toneExpression(filter, params)} AS tone FROM mentions
         WHERE source = c.source AND author_id = c.author_id AND ${conditions.join(' AND ')}
       ) AS e`,
    );
  }
  return parts.join(' UNION ALL ');
}
