import { randomBytes } from 'node:crypto';
import type { LeakAlert, LeakWatchConfig } from '@pulse/alerting';
import type { ScoredMention } from '@pulse/contracts';
import { compileQuery, validateQuery } from '@pulse/query';
import type { Logger } from '@pulse/runtime';
import type { Principal } from '../auth/permissions.js';
import { GatewayError, parseArgs, storeCall } from '../errors/gateway.errors.js';
import { LeakWatchMatcher } from './leak-watch.matcher.js';
import {
  MAX_LISTS,
  MAX_TERMS,
  confidentialTermInputSchema,
  watchListInputSchema,
  type ConfidentialTerm,
  type ConfidentialTermInput,
  type LeakWatchChange,
  type LeakWatchSnapshot,
  type WatchList,
  type WatchListInput,
} from './leak-watch.model.js';
import type { LeakWatchRepository, LeakWatchWriter } from './leak-watch.repository.js';
import { seedFromEnvironment } from './leak-watch.seed.js';

export const SEED_ACTOR = 'seed:ALERT_LEAK_WATCH';
const newId = (prefix: string): string => `${prefix}_${randomBytes(6).toString('hex')}`;

/**
 * Checks an expression as the matcher will read it: syntax errors name the position, and an
 * expression must look for something in the text — `NOT x` or `source:vk` alone would flag
 * every other post.
 */
export function validateExpression(expression: string, field: string): void {
  const validation = validateQuery(expression);
  if (!validation.ok) {
    const { message, position, expected } = validation.error;
    throw new GatewayError('INVALID_QUERY', `${field}: ${message}`, { field, position, expected });
  }
  const looksFor = compileQuery(expression).terms.some((t) => !t.negated && t.kind !== 'field');
  if (!looksFor) throw new GatewayError('INVALID_QUERY', `${field}: name at least one word or phrase to look for, not only exclusions or fields`, { field, position: 0 });
}

export interface LeakWatchServiceOptions {
  /** ALERT_LEAK_WATCH: imported once per deployment, then managed in the product. */
  seed?: LeakWatchConfig;
  clock?: () => number;
}

/**
 * Leak watch managed over GraphQL: watch lists, confidential terms, their history. The store
 * is the source of truth; each replica holds a compiled matcher and reloads it when the
 * store's version moves (`refresh`, on a short poll and right after its own changes), so a
 * change applies on every replica without a restart.
 */
export class LeakWatchService {
  private matcher: LeakWatchMatcher;
  private version = -1;
  private reloading: Promise<boolean> | undefined;
  private readonly clock: () => number;
  private readonly logger: Logger;

  constructor(
    private readonly store: LeakWatchRepository,
    logger: Logger,
    private readonly options: LeakWatchServiceOptions = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.logger = logger.child({ component: 'leak-watch' });
    this.matcher = new LeakWatchMatcher([], [], this.clock);
  }

  /** Start-up: the environment's seed (first start only), then the current lists and terms. */
  async bootstrap(): Promise<void> {
    if (this.options.seed) {
      const { lists, terms, skipped } = seedFromEnvironment(this.options.seed, new Date(this.clock()).toISOString(), newId);
      for (const s of skipped) this.logger.error({ term: s.term, error: s.error }, 'ALERT_LEAK_WATCH: a term is not a valid expression; not imported');
      const at = new Date(this.clock()).toISOString();
      if (await this.store.seed({ actor: SEED_ACTOR, at, after: { lists, terms } }, lists, terms)) {
        this.logger.info({ lists: lists.length, terms: terms.length }, 'imported ALERT_LEAK_WATCH into the leak watch (once; manage it in Settings from now on)');
      }
    }
    await this.refresh();
  }

  /** Matches a stored mention against the current lists and terms. */
  check(mention: ScoredMention): LeakAlert | null {
    return this.matcher.check(mention);
  }

  get loadedVersion(): number {
    return this.version;
  }

  /** Reloads when the store's version moved; true when it did. Concurrent calls share one reload. */
  refresh(): Promise<boolean> {
    this.reloading ??= this.reload().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  private async reload(): Promise<boolean> {
    if ((await this.store.version()) === this.version) return false;
    const snapshot = await this.store.snapshot();
    const matcher = new LeakWatchMatcher(snapshot.lists, snapshot.terms, this.clock);
    for (const s of matcher.skipped) this.logger.error({ termId: s.id, error: s.error }, 'a stored confidential term does not compile; skipping it');
    this.matcher = matcher;
    this.version = snapshot.version;
    this.logger.info({ version: snapshot.version, ...matcher.size }, 'leak watch loaded');
    return true;
  }

  snapshot(): Promise<LeakWatchSnapshot> {
    return storeCall(() => this.store.snapshot());
  }

  history(limit: number | null | undefined): Promise<LeakWatchChange[]> {
    const size = limit ?? 50;
    if (!Number.isInteger(size) || size < 1 || size > 500) throw new GatewayError('INVALID_ARGUMENT', 'limit must be 1 to 500', { field: 'limit' });
    return storeCall(() => this.store.history(size));
  }

  async createList(input: WatchListInput, principal: Principal): Promise<WatchList> {
    const parsed = parseArgs(watchListInputSchema, input, 'input');
    const at = this.now();
    const list: WatchList = { id: newId('wl'), name: parsed.name, accounts: dedupe(parsed.accounts), createdAt: at, updatedAt: at };
    return this.apply(async (w) => {
      if ((await w.count('list')) >= MAX_LISTS) throw new GatewayError('INVALID_ARGUMENT', `at most ${MAX_LISTS} watch lists`, { field: 'input' });
      await w.putList(list);
      await w.record({ actor: principal.keyName, at, action: 'create', entity: 'list', entityId: list.id, before: null, after: list });
      return list;
    });
  }

  async updateList(id: string, input: WatchListInput, principal: Principal): Promise<WatchList> {
    const parsed = parseArgs(watchListInputSchema, input, 'input');
    const at = this.now();
    return this.apply(async (w) => {
      const before = await w.getList(id);
      if (!before) throw new GatewayError('NOT_FOUND', `no watch list "${id}"`, { field: 'id' });
      const after: WatchList = { ...before, name: parsed.name, accounts: dedupe(parsed.accounts), updatedAt: at };
      await w.putList(after);
      await w.record({ actor: principal.keyName, at, action: 'update', entity: 'list', entityId: id, before, after });
      return after;
    });
  }

  async deleteList(id: string, principal: Principal): Promise<WatchList> {
    const at = this.now();
    return this.apply(async (w) => {
      const before = await w.getList(id);
      if (!before) throw new GatewayError('NOT_FOUND', `no watch list "${id}"`, { field: 'id' });
      await w.delete('list', id);
      await w.record({ actor: principal.keyName, at, action: 'delete', entity: 'list', entityId: id, before, after: null });
      return before;
    });
  }

  async createTerm(input: ConfidentialTermInput, principal: Principal): Promise<ConfidentialTerm> {
    const parsed = parseArgs(confidentialTermInputSchema, input, 'input');
    validateExpression(parsed.expression, 'input.expression');
    const at = this.now();
    const term: ConfidentialTerm = { id: newId('ct'), expression: parsed.expression, always: parsed.always, severity: parsed.severity ?? null, createdAt: at, updatedAt: at };
    return this.apply(async (w) => {
      if ((await w.count('term')) >= MAX_TERMS) throw new GatewayError('INVALID_ARGUMENT', `at most ${MAX_TERMS} confidential terms`, { field: 'input' });
      await w.putTerm(term);
      await w.record({ actor: principal.keyName, at, action: 'create', entity: 'term', entityId: term.id, before: null, after: term });
      return term;
    });
  }

  async updateTerm(id: string, input: ConfidentialTermInput, principal: Principal): Promise<ConfidentialTerm> {
    const parsed = parseArgs(confidentialTermInputSchema, input, 'input');
    validateExpression(parsed.expression, 'input.expression');
    const at = this.now();
    return this.apply(async (w) => {
      const before = await w.getTerm(id);
      if (!before) throw new GatewayError('NOT_FOUND', `no confidential term "${id}"`, { field: 'id' });
      const after: ConfidentialTerm = { ...before, expression: parsed.expression, always: parsed.always, severity: parsed.severity ?? null, updatedAt: at };
      await w.putTerm(after);
      await w.record({ actor: principal.keyName, at, action: 'update', entity: 'term', entityId: id, before, after });
      return after;
    });
  }

  async deleteTerm(id: string, principal: Principal): Promise<ConfidentialTerm> {
    const at = this.now();
    return this.apply(async (w) => {
      const before = await w.getTerm(id);
      if (!before) throw new GatewayError('NOT_FOUND', `no confidential term "${id}"`, { field: 'id' });
      await w.delete('term', id);
      await w.record({ actor: principal.keyName, at, action: 'delete', entity: 'term', entityId: id, before, after: null });
      return before;
    });
  }

  /** Writes one change and reloads here at once; other replicas follow on their next poll. */
  private async apply<T>(fn: (writer: LeakWatchWriter) => Promise<T>): Promise<T> {
    const result = await storeCall(() => this.store.change(fn));
    await this.refresh().catch((error: unknown) => this.logger.warn({ err: error }, 'could not reload the leak watch after a change; the next poll will'));
    return result;
  }

  private now(): string {
    return new Date(this.clock()).toISOString();
  }
}

function dedupe<T extends { source: string; handle: string }>(accounts: T[]): T[] {
  const seen = new Set<string>();
  return accounts.filter((a) => {
    const key = `${a.source}\u0000${a.handle}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
