import { z } from 'zod';
import { alertSeveritySchema, leakAlertId, severityRank, type AlertSeverity, type LeakAlert } from '../alerts/alert.schema.js';

export const watchedAccountSchema = z.object({
  source: z.string().min(1),
  /** With or without the leading `@`; compared case-insensitively. */
  handle: z.string().min(1),
});
export type WatchedAccount = z.infer<typeof watchedAccountSchema>;

export const confidentialTermSchema = z.object({
  /** A word or phrase; matched whole-word, ignoring case and ё/е. */
  term: z.string().trim().min(1),
  /** Alert whoever posts it, not only watched accounts (a codename that must never be public). */
  always: z.boolean().default(false),
  /** Overrides the default: critical from a watched account, high from anyone else. */
  severity: alertSeveritySchema.optional(),
});
export type ConfidentialTerm = z.input<typeof confidentialTermSchema>;

/** The shape an operator writes (e.g. JSON in an env variable or a file). */
export const leakWatchConfigSchema = z.object({
  accounts: z.array(watchedAccountSchema).default([]),
  terms: z.array(confidentialTermSchema).default([]),
});
export type LeakWatchConfig = z.input<typeof leakWatchConfigSchema>;

/** The part of a mention the watch reads; `ScoredMention` and `RawMention` both satisfy it. */
export interface LeakCandidate {
  id: string;
  source: string;
  text: string;
  author: { handle: string };
  url: string | null;
  topicIds: readonly string[];
  publishedAt: string;
}

export interface LeakWatchOptions {
  clock?: () => number;
  /** Characters of context kept around the first match. Default 280. */
  excerptLength?: number;
}

interface CompiledTerm {
  term: string;
  always: boolean;
  severity: AlertSeverity | undefined;
  pattern: RegExp;
}

/** Case folding plus ё → е: Russian writers use them interchangeably, and a leak will not wait for spelling. */
export function foldForMatching(text: string): string {
  return text.normalize('NFC').toLowerCase().replaceAll('ё', 'е');
}

function foldHandle(handle: string): string {
  return handle.trim().replace(/^@/, '').toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileTerm(term: string): RegExp {
  const body = foldForMatching(term).split(/\s+/u).map(escapeRegExp).join('\\s+');
  // \b is ASCII-only in JS; these lookarounds make "Сокол" not match inside "Соколов".
  return new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'u');
}

/**
 * Flags posts that may leak confidential information: a watched account (an employee, a
 * partner) writing a confidential term, or anyone writing a term marked `always`.
 */
export class LeakWatch {
  private readonly accounts: Set<string>;
  private readonly terms: CompiledTerm[];
  private readonly clock: () => number;
  private readonly excerptLength: number;

  constructor(config: LeakWatchConfig, options: LeakWatchOptions = {}) {
    const parsed = leakWatchConfigSchema.parse(config);
    this.accounts = new Set(parsed.accounts.map((a) => `${a.source.toLowerCase()}\u0000${foldHandle(a.handle)}`));
    this.terms = parsed.terms.map((t) => ({ term: t.term, always: t.always, severity: t.severity, pattern: compileTerm(t.term) }));
    this.clock = options.clock ?? Date.now;
    this.excerptLength = options.excerptLength ?? 280;
  }

  isWatched(source: string, handle: string): boolean {
    return this.accounts.has(`${source.toLowerCase()}\u0000${foldHandle(handle)}`);
  }

  check(mention: LeakCandidate): LeakAlert | null {
    const watched = this.isWatched(mention.source, mention.author.handle);
    const relevant = watched ? this.terms : this.terms.filter((t) => t.always);
    if (relevant.length === 0) return null;
    const folded = foldForMatching(mention.text);
    const matched: CompiledTerm[] = [];
    let firstIndex = Number.POSITIVE_INFINITY;
    for (const term of relevant) {
      const match = term.pattern.exec(folded);
      if (!match) continue;
      matched.push(term);
      firstIndex = Math.min(firstIndex, match.index);
    }
    if (matched.length === 0) return null;
    const severity = matched
      .map((t) => t.severity ?? (watched ? 'critical' : 'high'))
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
      matchedTerms: matched.map((t) => t.term),
      watchedAccount: watched,
      excerpt: this.excerpt(mention.text, folded, firstIndex),
      publishedAt: mention.publishedAt,
      raisedAt: new Date(this.clock()).toISOString(),
    };
  }

  private excerpt(original: string, folded: string, index: number): string {
    const nfc = original.normalize('NFC');
    // Folding rarely changes length (e.g. "İ"); then positions only hold in the folded text.
    const text = nfc.length === folded.length ? nfc : folded;
    if (text.length <= this.excerptLength) return text;
    const start = Math.max(0, Math.min(index - Math.floor(this.excerptLength / 3), text.length - this.excerptLength));
    const body = text.slice(start, start + this.excerptLength);
    return `${start > 0 ? '…' : ''}${body}${start + this.excerptLength < text.length ? '…' : ''}`;
  }
}
