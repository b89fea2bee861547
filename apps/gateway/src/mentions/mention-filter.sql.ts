import type { Params } from '../database/sql.helpers.js';
import { filterClauses } from './mention-filter.semantics.js';
import type { MentionFilter } from './mention.model.js';

/** The store's half of the filter semantics (mention-filter.semantics.ts): one SQL condition per constrained field. */
export function filterConditions(filter: MentionFilter, params: Params): string[] {
  return filterClauses(filter).map((clause) => clause.sql(params));
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

export function toneCounts(tone: string): string {
  return `
  count(*) FILTER (WHERE ${tone} = 'negative')::int AS negative,
  count(*) FILTER (WHERE ${tone} = 'neutral')::int AS neutral,
  count(*) FILTER (WHERE ${tone} = 'positive')::int AS positive,
  count(*)::int AS total`;
}
