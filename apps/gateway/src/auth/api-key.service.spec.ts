import { MemoryBus } from '@pulse/bus/memory';
import { PulseMetrics, createLogger } from '@pulse/runtime';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../database/database.js';
import { ApiKeyRepository } from './api-key.repository.js';
import { ApiKeyService, BOOTSTRAP_KEY_ID, sha256Hex } from './api-key.service.js';
import { RateLimiter } from './rate-limiter.js';

const logger = createLogger('test', 'silent');
const bus = new MemoryBus({ app: 'test', logger, metrics: new PulseMetrics() });
const BOOTSTRAP = 'bootstrap-secret-0123456789';

describe('ApiKeyService', () => {
  let store: ApiKeyRepository;
  let clock: number;
  const service = (): ApiKeyService => new ApiKeyService(store, bus, logger, 10_000, () => clock);

  beforeEach(async () => {
    store = new ApiKeyRepository(await openDatabase({ kind: 'pglite', dataDir: undefined }));
    clock = Date.UTC(2026, 0, 1);
  });

  it('creates and returns an initial admin key once, on a first start without PULSE_BOOTSTRAP_KEY', async () => {
    const key = await service().ensureAdminKey(undefined);
    expect(key).toMatch(/^pulse_/);
    expect(await service().authenticate(key)).toMatchObject({ role: 'admin' });
    expect(await service().ensureAdminKey(undefined)).toBeUndefined();
    const [stored] = await store.listApiKeys();
    expect(stored?.sha256).toBe(sha256Hex(key!));
    expect(JSON.stringify(await store.listApiKeys())).not.toContain(key);
  });

  it('registers PULSE_BOOTSTRAP_KEY as admin, replaces it when the value changes, and keeps an admin revocation', async () => {
    expect(await service().ensureAdminKey(BOOTSTRAP)).toBeUndefined();
    expect(await service().authenticate(BOOTSTRAP)).toEqual({ keyId: BOOTSTRAP_KEY_ID, keyName: expect.any(String), role: 'admin' });
    await service().ensureAdminKey(`${BOOTSTRAP}-rotated`);
    await expect(service().authenticate(BOOTSTRAP)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await service().revoke(BOOTSTRAP_KEY_ID);
    await service().ensureAdminKey(`${BOOTSTRAP}-rotated`);
    await expect(service().authenticate(`${BOOTSTRAP}-rotated`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(service().ensureAdminKey('short')).rejects.toThrow(/at least 20/);
  });

  it('caches verdicts for the TTL, but a local revoke applies at once', async () => {
    const keys = service();
    const { key, apiKey } = await keys.create({ name: 'dash', role: 'viewer' });
    await keys.authenticate(key);
    // Another replica revokes it: this one notices once the cached verdict expires.
    await store.upsertApiKey({ ...apiKey, revoked: true });
    await expect(keys.authenticate(key)).resolves.toMatchObject({ role: 'viewer' });
    clock += 10_001;
    await expect(keys.authenticate(key)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    const other = await keys.create({ name: 'dash 2', role: 'analyst' });
    await keys.authenticate(other.key);
    await keys.revoke(other.apiKey.id);
    await expect(keys.authenticate(other.key)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a bad role or name', async () => {
    await expect(service().create({ name: 'x', role: 'root' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'input.role' } });
    await expect(service().create({ name: '  ', role: 'viewer' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'input.name' } });
  });
});

describe('RateLimiter', () => {
  it('allows a burst of perMinute, then refills continuously', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('k')).toBe(0);
    expect(limiter.take('k')).toBe(1);
    expect(limiter.take('other')).toBe(0);
    now += 1_000;
    expect(limiter.take('k')).toBe(0);
    expect(limiter.take('k')).toBeGreaterThan(0);
  });
});
