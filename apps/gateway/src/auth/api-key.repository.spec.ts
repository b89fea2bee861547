import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlClient } from '../database/sql-client.port.js';
import { forEachBackend } from '../database/testing/store-suite.js';
import { ApiKeyRepository } from './api-key.repository.js';

forEachBackend('API key repository', (backend) => {
  let client: SqlClient;
  let keyRepo: ApiKeyRepository;


  beforeAll(() => {
    client = backend().client;
    keyRepo = new ApiKeyRepository(client);
  });

  describe('api keys', () => {
    const key = {
      id: 'k1',
      name: 'dashboard',
      role: 'viewer' as const,
      sha256: 'a'.repeat(64),
      revoked: false,
      createdAt: '2026-03-01T00:00:00.000Z',
      updatedAt: '2026-03-01T00:00:00.000Z',
    };

    it('stores, finds by hash, revokes and records use at most once a minute', async () => {
      await keyRepo.upsertApiKey(key);
      expect(await keyRepo.findApiKeyBySha256(key.sha256)).toEqual({ ...key, lastUsedAt: null });
      expect(await keyRepo.findApiKeyBySha256('b'.repeat(64))).toBeNull();
      await keyRepo.upsertApiKey({ ...key, revoked: true, updatedAt: '2026-03-02T00:00:00.000Z' });
      expect(await keyRepo.getApiKey('k1')).toMatchObject({ revoked: true, createdAt: key.createdAt });
      await keyRepo.touchApiKey('k1', '2026-03-03T00:00:00.000Z');
      await keyRepo.touchApiKey('k1', '2026-03-03T00:00:30.000Z');
      expect((await keyRepo.listApiKeys()).map((k) => k.lastUsedAt)).toEqual(['2026-03-03T00:00:00.000Z']);
      await expect(keyRepo.upsertApiKey({ ...key, id: 'k2' })).rejects.toThrow(/duplicate|unique/i);
    });
  });

});
