/**
 * Plain-keyword topic matching, tuned for Russian: case- and ё/е-insensitive, whole words
 * only ("chase" must not match "purchase"), and a Cyrillic keyword of four letters or more
 * also matches its inflected forms ("Билайн" → "Билайна", "Билайном") by allowing a short
 * ending. The boolean query language replaces this in its own issue.
 */
export interface MatcherTopic {
  id: string;
  keywords: readonly string[];
}

export interface KeywordMatch {
  topicId: string;
  /** The keywords that matched, as the topic spells them. */
  terms: string[];
}

const MAX_ENDING = 3;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const CYRILLIC_CHAR = /\p{Script=Cyrillic}/u;
const FLEXIBLE_FINAL = /[аяоеьйыиую]/u;

export function normalizeForMatching(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
}

interface CompiledKeyword {
  topicId: string;
  original: string;
  needle: string;
  inflects: boolean;
}

export class KeywordMatcher {
  private readonly keywords: CompiledKeyword[];

  constructor(topics: readonly MatcherTopic[]) {
    this.keywords = topics.flatMap((topic) =>
      topic.keywords
        .map((original) => ({ original, needle: normalizeForMatching(original.trim()) }))
        .filter((k) => k.needle.length > 0)
        .map(({ original, needle }) => {
          const inflects = needle.length >= 4 && CYRILLIC_CHAR.test(needle.at(-1) ?? '');
          // "Пятёрочка" → "в Пятёрочке": the final vowel is part of the ending, not the stem.
          const stem = inflects && FLEXIBLE_FINAL.test(needle.at(-1) ?? '') ? needle.slice(0, -1) : needle;
          return { topicId: topic.id, original, needle: stem, inflects };
        }),
    );
  }

  get size(): number {
    return this.keywords.length;
  }

  match(text: string): KeywordMatch[] {
    const haystack = normalizeForMatching(text);
    const byTopic = new Map<string, string[]>();
    for (const keyword of this.keywords) {
      if (!this.occurs(haystack, keyword)) continue;
      const terms = byTopic.get(keyword.topicId) ?? [];
      if (!terms.includes(keyword.original)) terms.push(keyword.original);
      byTopic.set(keyword.topicId, terms);
    }
    return [...byTopic].map(([topicId, terms]) => ({ topicId, terms }));
  }

  private occurs(haystack: string, keyword: CompiledKeyword): boolean {
    let from = 0;
    for (;;) {
      const at = haystack.indexOf(keyword.needle, from);
      if (at < 0) return false;
      from = at + 1;
      if (at > 0 && WORD_CHAR.test(haystack[at - 1]!)) continue;
      let end = at + keyword.needle.length;
      if (keyword.inflects) {
        let ending = 0;
        while (ending < MAX_ENDING && end < haystack.length && CYRILLIC_CHAR.test(haystack[end]!)) {
          end++;
          ending++;
        }
      }
      if (end < haystack.length && WORD_CHAR.test(haystack[end]!)) continue;
      return true;
    }
  }
}
