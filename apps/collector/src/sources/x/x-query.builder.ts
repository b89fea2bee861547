import { createHash } from 'node:crypto';
import type { TrackedTopic } from '@pulse/contracts';

export interface XQuery {
  /** Stable while the query text is unchanged: keys its checkpoint. */
  key: string;
  topicId: string;
  query: string;
}

export interface XQueryOptions {
  /** X's limit on a query or rule: 512 characters on Basic/Pro search and Basic rules, more on higher tiers. */
  maxLength: number;
  includeRetweets: boolean;
}

// Operator words and anything beyond letters, digits, #, @, $ and _ are quoted so a keyword
// is always matched as written and never parsed as query syntax.
function term(keyword: string): string {
  const word = keyword.replace(/"/g, '').replace(/\s+/g, ' ').trim();
  if (!word) return '';
  return /^[\p{L}\p{N}_#@$]+$/u.test(word) && !/^(OR|AND|NOT)$/i.test(word) ? word : `"${word}"`;
}

/**
 * Topic keywords OR-joined into X queries. A topic whose keywords do not fit one query of
 * `maxLength` characters gets several, filled greedily; a keyword too long for any query is
 * reported in `dropped`. Later this is where the topic's query language compiles to X syntax.
 */
export function buildXQueries(topics: readonly TrackedTopic[], options: XQueryOptions): { queries: XQuery[]; dropped: string[] } {
  const suffix = options.includeRetweets ? '' : ' -is:retweet';
  const queries: XQuery[] = [];
  const dropped: string[] = [];
  const seen = new Set<string>();
  const emit = (topicId: string, terms: string[]) => {
    const query = `(${terms.join(' OR ')})${suffix}`;
    if (seen.has(query)) return;
    seen.add(query);
    queries.push({ key: `${topicId}:${createHash('sha256').update(query).digest('hex').slice(0, 12)}`, topicId, query });
  };
  for (const topic of topics) {
    let chunk: string[] = [];
    for (const keyword of [...new Set(topic.keywords.map(term).filter(Boolean))]) {
      if (`(${keyword})${suffix}`.length > options.maxLength) {
        dropped.push(keyword);
        continue;
      }
      if (chunk.length > 0 && `(${[...chunk, keyword].join(' OR ')})${suffix}`.length > options.maxLength) {
        emit(topic.id, chunk);
        chunk = [];
      }
      chunk.push(keyword);
    }
    if (chunk.length > 0) emit(topic.id, chunk);
  }
  return { queries, dropped };
}
