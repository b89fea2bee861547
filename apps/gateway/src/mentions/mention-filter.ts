import { INTENT_LABELS, SENTIMENT_LABELS, SOURCES, canonicalSource, type ScoredMention } from '@pulse/contracts';
import { MENTION_STATUSES, normalizeTag } from '../workflow/workflow.model.js';
import { z } from 'zod';
import { GatewayError, parseArgs } from '../errors/gateway.errors.js';
import { validateQuery } from '@pulse/query';
import { freeText, idString, saneDateTime } from '../validation/input-checks.js';
import { filterClauses } from './mention-filter.semantics.js';
import type { MentionFilter } from './mention.model.js';

const filterSchema = z.object({
  topicIds: z.array(idString(200)).max(500).optional(),
  sentiments: z.array(z.enum(SENTIMENT_LABELS)).optional(),
  // Aliases (`x`) name the source they stand for (`twitter`), as producers may.
  sources: z.array(z.preprocess((value) => (typeof value === 'string' ? canonicalSource(value) : value), z.enum(SOURCES))).optional(),
  languages: z.array(z.string().regex(/^([a-z]{2}|und)$/, 'languages are ISO 639-1 codes or "und"')).max(50).optional(),
  from: saneDateTime('from').optional(),
  to: saneDateTime('to').optional(),
  search: freeText(500).pipe(z.string().trim().min(1, 'search must not be empty')).optional(),
  authorHandle: idString(256).optional(),
  includeSpam: z.boolean().optional(),
  includeDuplicates: z.boolean().optional(),
  intents: z.array(z.enum(INTENT_LABELS)).optional(),
  replyNeeded: z.boolean().optional(),
  statuses: z.array(z.enum(MENTION_STATUSES)).optional(),
  assignee: idString(200).optional(),
  unassigned: z.boolean().optional(),
  tags: z.array(freeText(64).transform(normalizeTag)).max(50).optional(),
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

/**
 * The live feed's half of the filter semantics (mention-filter.semantics.ts): compiled once per
 * subscription. Workflow fields have no in-memory half; subscriptions refuse them.
 */
export function compileMentionFilter(filter: MentionFilter): (mention: ScoredMention) => boolean {
  const tests = filterClauses(filter).flatMap((clause) => (clause.test ? [clause.test] : []));
  return (mention) => tests.every((test) => test(mention));
}
