import { describe, expect, it } from 'vitest';
import { PgliteClient } from '../pglite.client.js';
import type { Migration } from './migration.model.js';
import { MIGRATIONS } from './migration.registry.js';
import { runMigrations } from './migration.runner.js';

const one: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE a (x int); CREATE TABLE b (y int);' };
const two: Migration = { version: 2, name: 'two', sql: 'ALTER TABLE a ADD COLUMN z text;' };

describe('runMigrations', () => {
  it('applies pending migrations in order and reports only what it applied', async () => {
    const db = await PgliteClient.open();
    expect(await runMigrations(db, [one])).toEqual({ applied: [1] });
    expect(await runMigrations(db, [one, two])).toEqual({ applied: [2] });
    expect(await runMigrations(db, [one, two])).toEqual({ applied: [] });
    const rows = await db.query<{ version: number; name: string; applied_at: Date }>(
      'SELECT version, name, applied_at FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => [r.version, r.name])).toEqual([[1, 'one'], [2, 'two']]);
    expect(rows[0]?.applied_at).toBeInstanceOf(Date);
    await db.close();
  });

  it('rolls a failing migration back entirely and leaves it pending', async () => {
    const db = await PgliteClient.open();
    const broken: Migration = { version: 2, name: 'broken', sql: 'CREATE TABLE c (x int); SELECT no_such_function();' };
    await runMigrations(db, [one]);
    await expect(runMigrations(db, [one, broken])).rejects.toThrow(/no_such_function/);
    expect(await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'c'")).toEqual([]);
    expect(await db.query('SELECT version FROM schema_migrations')).toEqual([{ version: 1 }]);
    await db.close();
  });

  it('refuses a database where the same version was applied under another name', async () => {
    const db = await PgliteClient.open();
    await runMigrations(db, [one]);
    await expect(runMigrations(db, [{ ...one, name: 'other' }])).rejects.toThrow(/version 1 as "one"/);
    await db.close();
  });

  it('refuses an unordered migration list', async () => {
    const db = await PgliteClient.open();
    await expect(runMigrations(db, [two, one])).rejects.toThrow(/strictly increasing/);
    await db.close();
  });

  it('ships a registry with strictly increasing versions', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });
});
