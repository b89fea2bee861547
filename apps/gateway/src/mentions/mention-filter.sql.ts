import { Params, assertTimestamp } from '../database/sql.helpers.js';
import { searchToSql } from '../query/search-query.sql.js';
import { SPAM_THRESHOLD, type MentionFilter } from './mention.model.js';

/** Empty arrays and blank strings mean "no constraint", matching an omitted GraphQL argument. */
export function filterConditions(filter: MentionFilter, params: Params): string[] {
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
export function rollupAnswers(filter: MentionFilter): boolean {
  return rollupDimensionsOnly(filter) && isWholeHour(filter.from) && isWholeHour(filter.to);
}

/**
 * True when the filter constrains only what every rollup keeps (one topic or none, source,
 * tone, time) with the default spam/duplicate exclusion; the caller checks the time grain.
 */
export function rollupDimensionsOnly(filter: MentionFilter): boolean {
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
    !filter.tags?.length
  );
}

/**
 * The tone a filter means: toward its topic when it names exactly one (per-topic tone, as the
 * rollups count it, see 0004-topic-tone), else the overall tone.
 */
export function toneExpression(filter: MentionFilter, params: Params): string {
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

export function toneCounts(tone: string): string {
  return `
  count(*) FILTER (WHERE ${tone} = 'negative')::int AS negative,
  count(*) FILTER (WHERE ${tone} = 'neutral')::int AS neutral,
  count(*) FILTER (WHERE ${tone} = 'positive')::int AS positive,
  count(*)::int AS total`;
}
