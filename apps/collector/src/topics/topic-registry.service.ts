import type { TopicMatch, TrackedTopic } from '@pulse/contracts';
import { compileQuery, prepareDocument, type CompiledQuery, type QueryDocument } from '@pulse/query';

interface CompiledTopic {
  topic: TrackedTopic;
  query: CompiledQuery;
  /** Keyword topics are compiled to an OR of phrases; their matched terms are reported unquoted. */
  fromKeywords: boolean;
}

/** A keyword list as a query: each keyword a phrase (so it inflects and may hold spaces or "&"). */
export function keywordsToQuery(keywords: readonly string[]): string {
  return keywords
    .map((k) => k.replace(/["«»“”]/g, ' ').trim())
    .filter(Boolean)
    .map((k) => `"${k}"`)
    .join(' OR ');
}

/**
 * The collector's view of the tracked topics, fed from the compacted topics stream. Each
 * topic is compiled once per change (rare) so matching a mention (frequent) only
 * evaluates. A topic's boolean `query` wins over its keyword list.
 */
export class TopicRegistry {
  private readonly topics = new Map<string, TrackedTopic>();
  private compiled: CompiledTopic[] = [];

  constructor(private readonly onInvalidQuery: (topic: TrackedTopic, error: Error) => void = () => undefined) {}

  apply(updates: readonly TrackedTopic[]): void {
    for (const topic of updates) {
      const current = this.topics.get(topic.id);
      // A compacted topic can replay an older record after a newer one was applied.
      if (current && current.updatedAt > topic.updatedAt) continue;
      this.topics.set(topic.id, topic);
    }
    this.compiled = this.active().flatMap((topic) => {
      const fromKeywords = topic.query === null;
      try {
        return [{ topic, query: compileQuery(fromKeywords ? keywordsToQuery(topic.keywords) : topic.query!), fromKeywords }];
      } catch (error) {
        // The gateway validates queries; one that still fails must not stop the others.
        this.onInvalidQuery(topic, error as Error);
        return [];
      }
    });
  }

  match(doc: QueryDocument): TopicMatch[] {
    const matches: TopicMatch[] = [];
    // Tokenized and stemmed once for all topics; the cheaper test runs before explain.
    const prepared = prepareDocument(doc);
    for (const { topic, query, fromKeywords } of this.compiled) {
      if (!query.matches(prepared)) continue;
      const result = query.explain(prepared);
      const terms = fromKeywords ? result.terms.map((t) => t.replace(/^"|"$/g, '')) : result.terms;
      matches.push({ topicId: topic.id, terms: terms.length > 0 ? terms : [topic.name] });
    }
    return matches;
  }

  active(): TrackedTopic[] {
    return [...this.topics.values()].filter((t) => t.status === 'active');
  }
}
