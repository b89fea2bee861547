import { leakAlertId, severityRank, type AlertSeverity, type LeakAlert } from '@pulse/alerting';
import type { ScoredMention } from '@pulse/contracts';
import { compileQuery, prepareDocument, type CompiledQuery, type TextSpan } from '@pulse/query';
import { foldHandle, type ConfidentialTerm, type WatchList } from './leak-watch.model.js';

const EXCERPT_LENGTH = 280;
const MAX_EVIDENCE = 5;

interface CompiledTerm {
  term: ConfidentialTerm;
  query: CompiledQuery;
}

/** The part of a mention the watch reads. */
export type LeakCandidate = Pick<ScoredMention, 'id' | 'source' | 'text' | 'author' | 'url' | 'topicIds' | 'publishedAt' | 'language'>;

/**
 * Matched words as the post wrote them: spans in text order, neighbours joined across a short
 * gap of spaces and punctuation, so "ORION-7" and "проекта «Сокол" read as one piece of evidence.
 */
function joinSpans(text: string, spans: TextSpan[]): TextSpan[] {
  const joined: TextSpan[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = joined.at(-1);
    if (last && (span.start <= last.end || /^[\s\p{P}]{1,3}$/u.test(text.slice(last.end, span.start)))) last.end = Math.max(last.end, span.end);
    else joined.push({ ...span });
  }
  return joined;
}

/** Text around the first match, with ellipses where it was cut. */
function excerpt(text: string, index: number): string {
  if (text.length <= EXCERPT_LENGTH) return text;
  const start = Math.max(0, Math.min(index - Math.floor(EXCERPT_LENGTH / 3), text.length - EXCERPT_LENGTH));
  return `${start > 0 ? '…' : ''}${text.slice(start, start + EXCERPT_LENGTH)}${start + EXCERPT_LENGTH < text.length ? '…' : ''}`;
}

/**
 * One compiled state of the leak watch: a watched account (on any list) posting a confidential
 * term, or anyone posting a term marked `always`. Terms are query-language expressions, so
 * "Проект Сокол" finds "проекта «Сокол»" and `"ORION-7" -вакансия` excludes job ads. The alert
 * says why: the lists holding the author, the terms, and the words of the post they found.
 */
export class LeakWatchMatcher {
  private readonly accounts = new Map<string, string[]>();
  private readonly terms: CompiledTerm[] = [];
  /** Stored terms that no longer compile (a hand-edited row); skipped, reported once at load. */
  readonly skipped: { id: string; error: string }[] = [];

  constructor(
    lists: readonly WatchList[],
    terms: readonly ConfidentialTerm[],
    private readonly clock: () => number = Date.now,
  ) {
    for (const list of lists) {
      for (const account of list.accounts) {
        const key = `${account.source}\u0000${foldHandle(account.handle)}`;
        this.accounts.set(key, [...new Set([...(this.accounts.get(key) ?? []), list.name])]);
      }
    }
    for (const term of terms) {
      try {
        this.terms.push({ term, query: compileQuery(term.expression) });
      } catch (error) {
        this.skipped.push({ id: term.id, error: (error as Error).message });
      }
    }
  }

  get size(): { accounts: number; terms: number } {
    return { accounts: this.accounts.size, terms: this.terms.length };
  }

  /** The names of the lists holding this author; empty when not watched. */
  watchListsOf(source: string, handle: string): string[] {
    return this.accounts.get(`${source}\u0000${foldHandle(handle)}`) ?? [];
  }

  check(mention: LeakCandidate): LeakAlert | null {
    const lists = this.watchListsOf(mention.source, mention.author.handle);
    const watched = lists.length > 0;
    const relevant = watched ? this.terms : this.terms.filter((t) => t.term.always);
    if (relevant.length === 0) return null;
    const doc = prepareDocument({ text: mention.text, author: mention.author.handle, source: mention.source, language: mention.language });
    const matched: ConfidentialTerm[] = [];
    const spans: TextSpan[] = [];
    for (const { term, query } of relevant) {
      const explanation = query.explain(doc);
      if (!explanation.matched) continue;
      matched.push(term);
      spans.push(...explanation.highlights);
    }
    if (matched.length === 0) return null;
    const evidence = [...new Set(joinSpans(mention.text, spans).map((s) => mention.text.slice(s.start, s.end)))].slice(0, MAX_EVIDENCE);
    const severity = matched
      .map((t): AlertSeverity => t.severity ?? (watched ? 'critical' : 'high'))
      .reduce((a, b) => (severityRank(b) > severityRank(a) ? b : a));
    return {
      kind: 'leak',
      id: leakAlertId(mention.id),
      severity,
      mentionId: mention.id,
      source: mention.source,
      handle: mention.author.handle,
      url: mention.url,
      topicIds: [...mention.topicIds],
      matchedTerms: matched.map((t) => t.expression),
      watchedAccount: watched,
      watchLists: lists,
      evidence,
      excerpt: excerpt(mention.text, spans.length > 0 ? Math.min(...spans.map((s) => s.start)) : 0),
      publishedAt: mention.publishedAt,
      raisedAt: new Date(this.clock()).toISOString(),
    };
  }
}
