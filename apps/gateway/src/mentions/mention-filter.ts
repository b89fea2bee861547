import { SENTIMENT_LABELS, SOURCES, type ScoredMention } from '@pulse/contracts';
import { z } from 'zod';
import { GatewayError } from '../errors/gateway.errors.js';
import type { MentionFilter } from '../store/mention-store.port.js';

const filterSchema = z.object({
  topicIds: z.array(z.string().min(1)).max(500).optional(),
  sentiments: z.array(z.enum(SENTIMENT_LABELS)).optional(),
  sources: z.array(z.enum(SOURCES)).optional(),
  languages: z.array(z.string().regex(/^([a-z]{2}|und)$/, 'languages are ISO 639-1 codes or "und"')).optional(),
  from: z.iso.datetime({ offset: true, message: 'from must be an ISO 8601 date-time' }).optional(),
  to: z.iso.datetime({ offset: true, message: 'to must be an ISO 8601 date-time' }).optional(),
  search: z.string().trim().min(1, 'search must not be empty').max(500).optional(),
  authorHandle: z.string().trim().min(1).max(256).optional(),
});

/** GraphQL nulls become absent fields; bad values fail with the field named. */
export function parseMentionFilter(input: Record<string, unknown> | null | undefined): MentionFilter {
  const cleaned = Object.fromEntries(Object.entries(input ?? {}).filter(([, v]) => v !== null && v !== undefined));
  const result = filterSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = `filter.${issue.path.join('.')}`;
    throw new GatewayError('INVALID_ARGUMENT', `${field}: ${issue.message}`, { field });
  }
  const filter = result.data;
  if (filter.from && filter.to && Date.parse(filter.from) >= Date.parse(filter.to)) {
    throw new GatewayError('INVALID_ARGUMENT', 'filter.from must be earlier than filter.to', { field: 'filter.from' });
  }
  return filter;
}

/** Russian and English words keep their stem in roughly the first n-2 letters. */
function stemPrefix(word: string): string {
  return word.length <= 4 ? word : word.slice(0, Math.max(4, word.length - 2));
}

function words(text: string): string[] {
  return text.toLowerCase().replace(/ё/g, 'е').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * In-memory twin of the store's filter, for live subscriptions. Structured fields match
 * exactly as in SQL; `search` approximates full-text stemming by word prefixes
 * (every positive term must start some word; no excluded term may).
 */
export function matchesFilter(mention: ScoredMention, filter: MentionFilter): boolean {
  if (filter.topicIds && !filter.topicIds.some((t) => mention.topicIds.includes(t))) return false;
  if (filter.sentiments && !filter.sentiments.includes(mention.sentiment.label)) return false;
  if (filter.sources && !filter.sources.includes(mention.source)) return false;
  if (filter.languages && !filter.languages.includes(mention.language)) return false;
  const published = Date.parse(mention.publishedAt);
  if (filter.from && published < Date.parse(filter.from)) return false;
  if (filter.to && published >= Date.parse(filter.to)) return false;
  if (filter.authorHandle && filter.authorHandle.toLowerCase() !== mention.author.handle.toLowerCase()) return false;
  if (filter.search) {
    const textWords = words(mention.text);
    const hasWord = (term: string): boolean => textWords.some((w) => w.startsWith(stemPrefix(term)));
    const tokens = filter.search.match(/-?"[^"]*"|\S+/g) ?? [];
    for (const token of tokens) {
      if (token.toUpperCase() === 'OR') continue;
      const negated = token.startsWith('-');
      const termWords = words(token);
      const present = termWords.length > 0 && termWords.every(hasWord);
      if (negated === present && termWords.length > 0) return false;
    }
  }
  return true;
}
