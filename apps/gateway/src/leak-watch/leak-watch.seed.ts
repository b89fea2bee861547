import { leakWatchConfigSchema, type LeakWatchConfig } from '@pulse/alerting';
import { SOURCES, canonicalSource, type Source } from '@pulse/contracts';
import { validateQuery } from '@pulse/query';
import { foldHandle, type ConfidentialTerm, type WatchList, type WatchedAccount } from './leak-watch.model.js';

/**
 * A plain term of the environment's JSON as a query-language phrase: `Проект Сокол` becomes
 * `"Проект Сокол"` (the words in a row, each in any inflected form), so a term that happens to
 * contain an operator (`OR`, `-`, `:`) still means the words themselves.
 */
export function termExpression(term: string): string {
  const words = term.trim().replace(/\s+/gu, ' ');
  if (!words.includes('"')) return `"${words}"`;
  if (!words.includes('«') && !words.includes('»')) return `«${words}»`;
  return `"${words.replaceAll('"', ' ').replace(/\s+/gu, ' ').trim()}"`;
}

function sourceOf(name: string): Source | undefined {
  const canonical = canonicalSource(name.trim().toLowerCase());
  return (SOURCES as readonly string[]).includes(canonical) ? (canonical as Source) : undefined;
}

/**
 * ALERT_LEAK_WATCH as the product stores it: the accounts as one watch list, each term as an
 * expression. What cannot be imported (an unknown source, a term that is no expression) is
 * returned so the caller can say so.
 */
export function seedFromEnvironment(
  config: LeakWatchConfig,
  at: string,
  newId: (prefix: string) => string,
): { lists: WatchList[]; terms: ConfidentialTerm[]; skipped: { term: string; error: string }[] } {
  const parsed = leakWatchConfigSchema.parse(config);
  const skipped: { term: string; error: string }[] = [];
  const accounts: WatchedAccount[] = [];
  for (const account of parsed.accounts) {
    const source = sourceOf(account.source);
    if (!source) {
      skipped.push({ term: `${account.source}:${account.handle}`, error: `unknown source "${account.source}"` });
      continue;
    }
    if (!accounts.some((a) => a.source === source && a.handle === foldHandle(account.handle))) accounts.push({ source, handle: foldHandle(account.handle) });
  }
  const lists: WatchList[] = accounts.length > 0 ? [{ id: newId('wl'), name: 'Watched accounts (from ALERT_LEAK_WATCH)', accounts, createdAt: at, updatedAt: at }] : [];
  const terms: ConfidentialTerm[] = [];
  for (const term of parsed.terms) {
    const expression = termExpression(term.term);
    const validation = validateQuery(expression);
    if (!validation.ok) {
      skipped.push({ term: term.term, error: validation.error.message });
      continue;
    }
    terms.push({ id: newId('ct'), expression, always: term.always, severity: term.severity ?? null, createdAt: at, updatedAt: at });
  }
  return { lists, terms, skipped };
}
