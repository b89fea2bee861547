import type { ScoredMention } from '@pulse/contracts';
import { compileQuery } from '@pulse/query';
import { assertTimestamp, type Params } from '../database/sql.helpers.js';
import { searchToSql } from '../query/search-query.sql.js';
import { SPAM_THRESHOLD, type MentionFilter } from './mention.model.js';

/**
 * One field's meaning for a given filter, stated once: the SQL condition the store applies and
 * the test the live feed applies to a mention in memory. `test` is absent for fields stored
 * beside the mention (workflow), which the live feed refuses. A property test
 * (mention-filter.property.spec.ts) checks that both halves select the same mentions.
 */
export interface FilterClause {
  sql(params: Params): string;
  test?: (mention: ScoredMention) => boolean;
}

type FieldSemantics = (filter: MentionFilter) => FilterClause | undefined;

/** With exactly one topic named, tone means tone toward it (per-topic tone, 0004-topic-tone); else the overall tone. */
const oneTopic = (filter: MentionFilter): string | undefined => (filter.topicIds?.length === 1 ? filter.topicIds[0] : undefined);

export function toneFor(mention: ScoredMention, filter: MentionFilter): ScoredMention['sentiment']['label'] {
  const topic = oneTopic(filter);
  return (topic && mention.sentiment.byTopic.find((t) => t.topicId === topic)?.label) || mention.sentiment.label;
}

const blank = (value: string | undefined): boolean => !value?.trim();

/** Empty arrays and blank strings mean "no constraint", matching an omitted GraphQL argument. */
const FIELDS: Record<string, FieldSemantics> = {
  topicIds: ({ topicIds }) =>
    topicIds?.length ? { sql: (p) => `topic_ids && ${p.add(topicIds)}::text[]`, test: (m) => topicIds.some((t) => m.topicIds.includes(t)) } : undefined,
  sentiments: (filter) => {
    const { sentiments } = filter;
    if (!sentiments?.length) return undefined;
    const topic = oneTopic(filter);
    return {
      // One topic: the indexed topic_tones column (topic:tone per topic).
      sql: (p) =>
        topic === undefined ? `sentiment_label = ANY(${p.add(sentiments)}::text[])` : `topic_tones && ${p.add(sentiments.map((label) => `${topic}:${label}`))}::text[]`,
      test: (m) => sentiments.includes(toneFor(m, filter)),
    };
  },
  sources: ({ sources }) => (sources?.length ? { sql: (p) => `source = ANY(${p.add(sources)}::text[])`, test: (m) => sources.includes(m.source) } : undefined),
  languages: ({ languages }) =>
    languages?.length ? { sql: (p) => `language = ANY(${p.add(languages)}::text[])`, test: (m) => languages.includes(m.language) } : undefined,
  from: ({ from }) => {
    if (from === undefined) return undefined;
    const at = Date.parse(from);
    return {
      sql: (p) => {
        assertTimestamp('from', from);
        return `published_at >= ${p.add(from)}::timestamptz`;
      },
      test: (m) => Date.parse(m.publishedAt) >= at,
    };
  },
  to: ({ to }) => {
    if (to === undefined) return undefined;
    const at = Date.parse(to);
    return {
      sql: (p) => {
        assertTimestamp('to', to);
        return `published_at < ${p.add(to)}::timestamptz`;
      },
      test: (m) => Date.parse(m.publishedAt) < at,
    };
  },
  authorHandle: ({ authorHandle }) => {
    if (blank(authorHandle)) return undefined;
    const handle = authorHandle!.trim();
    return { sql: (p) => `lower(author_handle) = lower(${p.add(handle)})`, test: (m) => m.author.handle.toLowerCase() === handle.toLowerCase() };
  },
  search: ({ search }) => {
    if (blank(search)) return undefined;
    const query = compileQuery(search!);
    return {
      // The query language, translated to tsquery over the tsv column (same configuration as 0001-init)
      // and column conditions for field filters; in memory, the query language's own matcher (it stems
      // like the collector, which approximates the store's full-text configuration).
      sql: (p) => searchToSql(search!, (value) => p.add(value)),
      test: (m) => query.matches({ text: m.text, author: m.author.handle, source: m.source, language: m.language }),
    };
  },
  intents: ({ intents }) =>
    intents?.length ? { sql: (p) => `intent = ANY(${p.add(intents)}::text[])`, test: (m) => Boolean(m.intent && intents.includes(m.intent.label)) } : undefined,
  replyNeeded: ({ replyNeeded }) =>
    replyNeeded === undefined ? undefined : { sql: () => (replyNeeded ? 'reply_needed' : 'NOT reply_needed'), test: (m) => (m.intent?.replyNeeded ?? false) === replyNeeded },
  // Workflow fields live beside the mention (0003-workflow): the store filters them, the live feed cannot.
  statuses: ({ statuses }) => (statuses?.length ? { sql: (p) => `status = ANY(${p.add(statuses)}::text[])` } : undefined),
  assignee: ({ assignee }) => (blank(assignee) ? undefined : { sql: (p) => `lower(assignee) = lower(${p.add(assignee!.trim())})` }),
  unassigned: ({ unassigned }) => (unassigned ? { sql: () => 'assignee IS NULL' } : undefined),
  tags: ({ tags }) => (tags?.length ? { sql: (p) => `tags && ${p.add(tags)}::text[]` } : undefined),
  // includeSpam and includeDuplicates together: what default queries hide.
  visibility: ({ includeSpam, includeDuplicates }) => {
    const hideSpam = !includeSpam;
    const hideCopies = !includeDuplicates;
    if (!hideSpam && !hideCopies) return undefined;
    return {
      // `listed` is the generated column behind the partial index; it means exactly "not spam and not a copy".
      sql: () => (hideSpam && hideCopies ? 'listed' : hideSpam ? `spam_score < ${SPAM_THRESHOLD}` : 'duplicate_of IS NULL'),
      test: (m) => !(hideSpam && m.spam.score >= SPAM_THRESHOLD) && !(hideCopies && m.duplicateOf !== null),
    };
  },
};

/** The clauses a filter means, one per constrained field. */
export function filterClauses(filter: MentionFilter): FilterClause[] {
  return Object.values(FIELDS)
    .map((meaning) => meaning(filter))
    .filter((clause): clause is FilterClause => clause !== undefined);
}
