import { INTENT_LABELS, SENTIMENT_LABELS, SOURCES, type ScoredMention } from '@pulse/contracts';
import { MENTION_STATUSES, normalizeTag } from '../workflow/workflow.model.js';
import { z } from 'zod';
import { GatewayError, parseArgs } from '../errors/gateway.errors.js';
import { compileQuery, validateQuery } from '@pulse/query';
import { SPAM_THRESHOLD, type MentionFilter } from './mention.model.js';

const filterSchema = z.object({
  topicIds: z.array(z.string().min(1)).max(500).optional(),
  sentiments: z.array(z.enum(SENTIMENT_LABELS)).optional(),
  sources: z.array(z.enum(SOURCES)).optional(),
  languages: z.array(z.string().regex(/^([a-z]{2}|und)$/, 'languages are ISO 639-1 codes or "und"')).max(50).optional(),
  from: z.iso.datetime({ offset: true, message: 'from must be an ISO 8601 date-time' }).optional(),
  to: z.iso.datetime({ offset: true, message: 'to must be an ISO 8601 date-time' }).optional(),
  search: z.string().trim().min(1, 'search must not be empty').max(500).optional(),
  authorHandle: z.string().trim().min(1).max(256).optional(),
  includeSpam: z.boolean().optional(),
  includeDuplicates: z.boolean().optional(),
  intents: z.array(z.enum(INTENT_LABELS)).optional(),
  replyNeeded: z.boolean().optional(),
  statuses: z.array(z.enum(MENTION_STATUSES)).optional(),
  assignee: z.string().trim().min(1).max(200).optional(),
  unassigned: z.boolean().optional(),
  tags: z.array(z.string().max(64).transform(normalizeTag)).max(50).optional(),
});

/**
 * GraphQL nulls (and /export's absent parameters) become absent fields; bad values fail
 * with the field named; `search` is checked by the query language so a syntax error
 * points at its position.
 */
export function parseMentionFilter(input: Record<string, unknown> | null | undefined): MentionFilter {
  const filter = parseArgs(filterSchema, input, 'filter');
  if (filter.from && filter.to && Date.parse(filter.from) >= Date.parse(filter.to)) {
    throw new GatewayError('INVALID_ARGUMENT', 'filter.from must be earlier than filter.to', { field: 'filter.from' });
  }
  if (filter.assignee && filter.unassigned) {
    throw new GatewayError('INVALID_ARGUMENT', 'filter.unassigned cannot be combined with filter.assignee', { field: 'filter.unassigned' });
  }
  if (filter.search) {
    const validation = validateQuery(filter.search);
    if (!validation.ok) {
      const { message, position, expected } = validation.error;
      throw new GatewayError('INVALID_QUERY', `filter.search: ${message}`, { field: 'filter.search', position, expected });
    }
  }
  return filter;
}

/** With exactly one topic in the filter, tone means tone toward it (as in the store); else the overall tone. */
function toneFor(mention: ScoredMention, filter: MentionFilter): ScoredMention['sentiment']['label'] {
  const topic = filter.topicIds?.length === 1 ? filter.topicIds[0] : undefined;
  return (topic && mention.sentiment.byTopic.find((t) => t.topicId === topic)?.label) || mention.sentiment.label;
}

/**
 * In-memory twin of the store's filter, for live subscriptions: compiled once per
 * subscription. Structured fields match exactly as in SQL; `search` goes through the
 * query language's matcher (an approximation of the store's full-text stemming).
 */
export function compileMentionFilter(filter: MentionFilter): (mention: ScoredMention) => boolean {
  const search = filter.search ? compileQuery(filter.search) : undefined;
  const from = filter.from ? Date.parse(filter.from) : undefined;
  const to = filter.to ? Date.parse(filter.to) : undefined;
  const handle = filter.authorHandle?.toLowerCase();
  return (mention) => {
    if (filter.topicIds?.length && !filter.topicIds.some((t) => mention.topicIds.includes(t))) return false;
    if (filter.sentiments?.length && !filter.sentiments.includes(toneFor(mention, filter))) return false;
    if (filter.sources?.length && !filter.sources.includes(mention.source)) return false;
    if (filter.languages?.length && !filter.languages.includes(mention.language)) return false;
    if (!filter.includeSpam && mention.spam.score >= SPAM_THRESHOLD) return false;
    if (!filter.includeDuplicates && mention.duplicateOf !== null) return false;
    const published = Date.parse(mention.publishedAt);
    if (from !== undefined && published < from) return false;
    if (to !== undefined && published >= to) return false;
    if (handle && handle !== mention.author.handle.toLowerCase()) return false;
    if (filter.intents?.length && !(mention.intent && filter.intents.includes(mention.intent.label))) return false;
    if (filter.replyNeeded !== undefined && (mention.intent?.replyNeeded ?? false) !== filter.replyNeeded) return false;
    if (search && !search.matches({ text: mention.text, author: mention.author.handle, source: mention.source, language: mention.language })) return false;
    return true;
  };
}
