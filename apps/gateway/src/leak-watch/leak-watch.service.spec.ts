import type { ScoredMention } from '@pulse/contracts';
import { createLogger } from '@pulse/runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../auth/permissions.js';
import { MIGRATIONS } from '../database/migrations/migration.registry.js';
import { runMigrations } from '../database/migrations/migration.runner.js';
import type { SqlClient } from '../database/sql-client.port.js';
import { pgliteHarness, postgresHarness, type Harness } from '../database/testing/sql-harness.js';
import { LeakWatchRepository } from './leak-watch.repository.js';
import { LeakWatchService, SEED_ACTOR } from './leak-watch.service.js';

const logger = createLogger('test', 'silent');
const admin: Principal = { keyId: 'k1', keyName: 'anna (security)', role: 'admin' };
const NOW = Date.parse('2026-03-02T10:00:00.000Z');

function post(id: string, text: string, handle = 'someone', source: ScoredMention['source'] = 'vk'): ScoredMention {
  return {
    id,
    source,
    sourceId: id,
    url: null,
    text,
    language: 'ru',
    author: { id: handle, handle, name: handle, url: null },
    publishedAt: '2026-03-02T10:00:00.000Z',
    collectedAt: '2026-03-02T10:00:01.000Z',
    topicIds: ['acme'],
    matches: [{ topicId: 'acme', terms: [] }],
    direct: false,
    duplicateOf: null,
    spam: { score: 0, reasons: [] },
    sentiment: { label: 'neutral', score: 0.9, scores: { negative: 0.05, neutral: 0.9, positive: 0.05 }, byTopic: [] },
    model: { id: 'm', version: '1' },
    scoredAt: '2026-03-02T10:00:02.000Z',
  };
}

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

function leakWatchSuite(openHarness: () => Promise<Harness>): void {
  let harness: Harness;
  let client: SqlClient;
  /** A second connection to the same database when the backend has one (PostgreSQL): another replica. */
  let other: SqlClient;

  beforeAll(async () => {
    harness = await openHarness();
    client = harness.client;
    other = harness.sibling?.() ?? client;
    await runMigrations(client, MIGRATIONS);
  });

  afterAll(async () => {
    if (other !== client) await other.close();
    await client?.close();
    await harness?.dispose();
  });

  beforeEach(async () => {
    await client.exec('TRUNCATE leak_watch_lists, leak_watch_terms, leak_watch_changes; UPDATE leak_watch_state SET version = 0');
  });

  const replica = (db: SqlClient, seed?: ConstructorParameters<typeof LeakWatchService>[2]) => new LeakWatchService(new LeakWatchRepository(db), logger, { clock: () => NOW, ...seed });

  it('manages lists and terms with a history, and applies each change at once on the replica that made it', async () => {
    const leaks = replica(client);
    await leaks.bootstrap();
    expect(leaks.check(post('p1', 'Проект Сокол стартует', 'Ivan.Petrov'))).toBeNull();

    const list = await leaks.createList({ name: 'Employees', accounts: [{ source: 'vk', handle: '@Ivan.Petrov' }, { source: 'vk', handle: 'ivan.petrov' }] }, admin);
    expect(list.accounts).toEqual([{ source: 'vk', handle: 'ivan.petrov' }]);
    const term = await leaks.createTerm({ expression: '"Проект Сокол"' }, admin);
    expect(term).toMatchObject({ always: false, severity: null });
    expect(leaks.check(post('p1', 'Проекта Сокол не будет', 'Ivan.Petrov'))).toMatchObject({ severity: 'critical', watchLists: ['Employees'], matchedTerms: ['"Проект Сокол"'] });
    expect(leaks.check(post('p2', 'Проекта Сокол не будет', 'stranger'))).toBeNull();

    await leaks.updateTerm(term.id, { expression: '"Проект Сокол"', always: true, severity: 'warning' }, admin);
    expect(leaks.check(post('p2', 'Проекта Сокол не будет', 'stranger'))?.severity).toBe('warning');
    await leaks.updateList(list.id, { name: 'Staff', accounts: [] }, admin);
    await leaks.deleteTerm(term.id, admin);
    expect(leaks.check(post('p2', 'Проекта Сокол не будет', 'stranger'))).toBeNull();

    const snapshot = await leaks.snapshot();
    expect(snapshot).toMatchObject({ version: 5, lists: [{ id: list.id, name: 'Staff', accounts: [] }], terms: [] });
    expect(leaks.loadedVersion).toBe(5);
    const history = await leaks.history(10);
    expect(history.map((h) => [h.action, h.entity, h.entityId, h.actor])).toEqual([
      ['delete', 'term', term.id, 'anna (security)'],
      ['update', 'list', list.id, 'anna (security)'],
      ['update', 'term', term.id, 'anna (security)'],
      ['create', 'term', term.id, 'anna (security)'],
      ['create', 'list', list.id, 'anna (security)'],
    ]);
    expect(history[1]).toMatchObject({ before: { name: 'Employees', accounts: [{ source: 'vk', handle: 'ivan.petrov' }] }, after: { name: 'Staff', accounts: [] } });
  });

  it('refuses expressions that do not parse (with the position) or look for nothing, bad accounts and unknown ids', async () => {
    const leaks = replica(client);
    await leaks.bootstrap();
    expect(await failure(leaks.createTerm({ expression: 'Сокол AND (' }, admin))).toMatchObject({ code: 'INVALID_QUERY', details: { field: 'input.expression', position: 11 } });
    expect(await failure(leaks.createTerm({ expression: '-вакансия' }, admin))).toMatchObject({ code: 'INVALID_QUERY', details: { field: 'input.expression' } });
    expect(await failure(leaks.createTerm({ expression: 'source:vk' }, admin))).toMatchObject({ code: 'INVALID_QUERY', details: { field: 'input.expression' } });
    expect(await failure(leaks.createTerm({ expression: '   ' }, admin))).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'input.expression' } });
    expect(await failure(leaks.createList({ name: 'x', accounts: [{ source: 'vk', handle: '@' }] }, admin))).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'input.accounts.0.handle' } });
    expect(await failure(leaks.createList({ name: 'x', accounts: [{ source: 'myspace' as 'vk', handle: 'a' }] }, admin))).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'input.accounts.0.source' } });
    expect(await failure(leaks.updateTerm('ct_nope', { expression: 'a' }, admin))).toMatchObject({ code: 'NOT_FOUND', details: { field: 'id' } });
    expect(await failure(leaks.deleteList('wl_nope', admin))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await leaks.history(10)).toEqual([]);
    expect((await leaks.snapshot()).version).toBe(0);
  });

  it('imports ALERT_LEAK_WATCH once, however many replicas start together, and never again', async () => {
    const seed = { seed: { accounts: [{ source: 'VK', handle: '@Ivan.Petrov' }, { source: 'myspace', handle: 'x' }], terms: [{ term: 'Проект Сокол' }, { term: 'ORION-7', always: true, severity: 'high' as const }] } };
    const [a, b] = [replica(client, seed), replica(other, seed)];
    await Promise.all([a.bootstrap(), b.bootstrap()]);
    const snapshot = await a.snapshot();
    expect(snapshot.lists.map((l) => [l.name, l.accounts])).toEqual([['Watched accounts (from ALERT_LEAK_WATCH)', [{ source: 'vk', handle: 'ivan.petrov' }]]]);
    expect(snapshot.terms.map((t) => [t.expression, t.always, t.severity])).toEqual([
      ['"ORION-7"', true, 'high'],
      ['"Проект Сокол"', false, null],
    ]);
    const history = await a.history(10);
    expect(history.map((h) => [h.action, h.actor])).toEqual([['seed', SEED_ACTOR]]);
    for (const leaks of [a, b]) expect(leaks.check(post('p1', 'слили ORION-7'))?.matchedTerms).toEqual(['"ORION-7"']);

    // An admin removes a seeded term; a restart with the same environment does not bring it back.
    await a.deleteTerm(snapshot.terms[0]!.id, admin);
    const restarted = replica(client, seed);
    await restarted.bootstrap();
    expect((await restarted.snapshot()).terms.map((t) => t.expression)).toEqual(['"Проект Сокол"']);
    expect(restarted.check(post('p1', 'слили ORION-7'))).toBeNull();
  });

  it('applies a change made on one replica on another at its next poll, without a restart', async () => {
    const here = replica(client);
    const there = replica(other);
    await Promise.all([here.bootstrap(), there.bootstrap()]);
    await here.createTerm({ expression: 'ORION-7', always: true }, admin);
    expect(here.check(post('p1', 'слили ORION-7'))).not.toBeNull();
    expect(there.check(post('p1', 'слили ORION-7'))).toBeNull();
    expect(await there.refresh()).toBe(true);
    expect(there.check(post('p1', 'слили ORION-7'))).not.toBeNull();
    expect(await there.refresh()).toBe(false);
  });
}

describe('leak watch on PGlite', () => {
  leakWatchSuite(pgliteHarness);
});

const databaseUrl = process.env['PULSE_TEST_DATABASE_URL'];

describe.runIf(databaseUrl)('leak watch on PostgreSQL (two connections as two replicas)', () => {
  leakWatchSuite(() => postgresHarness(databaseUrl ?? ''));
});
