import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TopicRepository } from '../topics/topic.repository.js';
import { openDatabase } from './database.js';
import { PgliteClient } from './pglite.client.js';

const cleanup: string[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('PgliteClient', () => {
  it('creates a nested data dir and keeps data across reopenings', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pulse-pglite-'));
    cleanup.push(root);
    const dataDir = join(root, 'nested', 'deeper', 'db');

    const first = await openDatabase({ kind: 'pglite', dataDir });
    await new TopicRepository(first).upsertTopic({
      id: 't',
      name: 'Acme',
      keywords: ['acme'],
      query: null,
      ownAccounts: [],
      status: 'active',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await first.close();

    const second = await openDatabase({ kind: 'pglite', dataDir });
    expect((await new TopicRepository(second).listTopics()).map((t) => t.name)).toEqual(['Acme']);
    await second.close();
  }, 30_000);

  it('rolls a failed transaction back and stays usable', async () => {
    const db = await PgliteClient.open();
    await db.exec('CREATE TABLE t (n int PRIMARY KEY); INSERT INTO t VALUES (1);');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES ($1)', [2]);
        await tx.query('INSERT INTO t VALUES ($1)', [1]);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await db.query<{ n: number }>('SELECT n FROM t ORDER BY n')).toEqual([{ n: 1 }]);
    expect(await db.transaction((tx) => tx.query<{ n: number }>('SELECT count(*)::int AS n FROM t'))).toEqual([{ n: 1 }]);
    await db.close();
  });
});
