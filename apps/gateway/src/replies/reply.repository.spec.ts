import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SqlClient } from '../database/sql-client.port.js';
import { MIGRATIONS } from '../database/migrations/migration.registry.js';
import { runMigrations } from '../database/migrations/migration.runner.js';
import { pgliteHarness, postgresHarness, type Harness } from '../database/testing/sql-harness.js';
import { ReplyRepository, type NewReply } from './reply.repository.js';

const T0 = Date.parse('2026-03-02T10:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

const input = (over: Partial<NewReply> = {}): NewReply => ({
  id: 'r1',
  idempotencyKey: 'key-1',
  mentionId: 'vk:abc',
  source: 'vk',
  accountId: 'mts-vk',
  accountName: 'МТС ВКонтакте',
  text: 'Здравствуйте!',
  actor: 'anna',
  ...over,
});

function replyStoreSuite(openHarness: () => Promise<Harness>): void {
  let harness: Harness;
  let client: SqlClient;
  let store: ReplyRepository;

  beforeAll(async () => {
    harness = await openHarness();
    client = harness.client;
    await runMigrations(client, MIGRATIONS);
    store = new ReplyRepository(client);
  });

  afterAll(async () => {
    await client?.close();
    await harness?.dispose();
  });

  beforeEach(async () => {
    await client.exec('TRUNCATE mention_replies');
  });

  it('stores the reply as pending before the call and lets only one attempt hold the key', async () => {
    const first = await store.begin(input(), at(0), at(60_000));
    expect(first).toMatchObject({ kind: 'claimed', previous: 'none', reply: { status: 'pending', attempts: 1, retryNotBefore: at(60_000) } });
    // A second request with the same key while the first is calling the source: told to wait.
    const second = await store.begin(input({ id: 'r2' }), at(1_000), at(61_000));
    expect(second).toMatchObject({ kind: 'busy', reply: { id: 'r1' } });
    expect(await store.listByMention(['vk:abc'])).toHaveLength(1);
  });

  it('hands a retry the pending reply once the hold expired, so it reconciles before posting again', async () => {
    await store.begin(input(), at(0), at(60_000));
    const retry = await store.begin(input({ id: 'r2' }), at(61_000), at(121_000));
    expect(retry).toMatchObject({ kind: 'claimed', previous: 'pending', reply: { id: 'r1', attempts: 2 } });
  });

  it('a sent reply is final: the same key returns it and never claims another attempt', async () => {
    const begun = await store.begin(input(), at(0), at(60_000));
    const sent = await store.finish(begun.reply.id, { status: 'sent', at: at(500), posted: { remoteId: '777', url: 'https://vk.com/wall-1_2?reply=777' } });
    expect(sent).toMatchObject({ status: 'sent', remoteId: '777', sentAt: at(500), retryNotBefore: null, error: null });
    expect(await store.begin(input({ id: 'r2' }), at(90_000), at(150_000))).toMatchObject({ kind: 'sent', reply: { id: 'r1', remoteId: '777' } });
  });

  it('a refused reply may be tried again at once with the same key; the error is kept until then', async () => {
    const begun = await store.begin(input(), at(0), at(60_000));
    const failed = await store.finish(begun.reply.id, {
      status: 'failed',
      at: at(200),
      error: { code: 'RATE_LIMITED', message: 'wait', retryAfterSeconds: 30 },
    });
    expect(failed.error).toEqual({ code: 'RATE_LIMITED', message: 'wait', retryAfterSeconds: 30 });
    expect(await store.begin(input({ id: 'r2' }), at(300), at(60_300))).toMatchObject({ kind: 'claimed', previous: 'failed', reply: { attempts: 2 } });
  });

  it('refuses a key reused for another text, account or mention', async () => {
    await store.begin(input(), at(0), at(60_000));
    for (const other of [{ text: 'другой текст' }, { accountId: 'beeline-vk' }, { mentionId: 'vk:other' }]) {
      expect((await store.begin(input({ id: 'rx', ...other }), at(70_000), at(130_000))).kind).toBe('conflict');
    }
  });

  it('keeps answers given elsewhere and lists replies per mention, oldest first', async () => {
    await store.begin(input(), at(0), at(60_000));
    const elsewhere = await store.insertElsewhere({ id: 'e1', mentionId: 'vk:abc', source: 'vk', url: 'https://example.com/dm/1', note: 'по телефону', actor: 'boris', at: at(1_000) });
    expect(elsewhere).toMatchObject({ kind: 'elsewhere', status: 'sent', url: 'https://example.com/dm/1', sentAt: at(1_000), accountId: null });
    const [forMention, none] = await store.listByMention(['vk:abc', 'vk:none']);
    expect(forMention!.map((r) => r.id)).toEqual(['r1', 'e1']);
    expect(none).toEqual([]);
    await store.markRecorded('e1', at(2_000));
    expect((await store.get('e1'))?.recordedAt).toBe(at(2_000));
  });

  it('two gateways handed the same key at the same moment: exactly one calls the source', async () => {
    const sibling = harness.sibling?.();
    const other = sibling ? new ReplyRepository(sibling) : store;
    try {
      const results = await Promise.all([store.begin(input(), at(0), at(60_000)), other.begin(input({ id: 'r2' }), at(0), at(60_000))]);
      expect(results.map((r) => r.kind).sort()).toEqual(['busy', 'claimed']);
    } finally {
      await sibling?.close();
    }
  });
}

describe('reply store (PGlite)', () => replyStoreSuite(pgliteHarness));

const pgUrl = process.env['PULSE_TEST_DATABASE_URL'];
describe.runIf(pgUrl)('reply store (PostgreSQL)', () => replyStoreSuite(() => postgresHarness(pgUrl!)));
