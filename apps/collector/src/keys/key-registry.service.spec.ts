import type { ApiKeyRecord } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { KeyRegistry, sha256Hex } from './key-registry.service.js';

const record = (over: Partial<ApiKeyRecord>): ApiKeyRecord => ({
  id: 'k1',
  name: 'partner feed',
  role: 'ingest',
  sha256: sha256Hex('pulse_secret_1'),
  revoked: false,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...over,
});

describe('KeyRegistry', () => {
  it('recognises a published key by its hash and forgets it once revoked', () => {
    const registry = new KeyRegistry();
    registry.apply([record({})]);
    expect(registry.roleOf('pulse_secret_1')).toEqual({ id: 'k1', role: 'ingest' });
    expect(registry.roleOf('pulse_secret_2')).toBeNull();
    registry.apply([record({ revoked: true, updatedAt: '2026-11-02T00:00:00.000Z' })]);
    expect(registry.roleOf('pulse_secret_1')).toBeNull();
  });

  it('ignores an older record replayed after a newer one', () => {
    const registry = new KeyRegistry();
    registry.apply([record({ revoked: true, updatedAt: '2026-11-02T00:00:00.000Z' })]);
    registry.apply([record({})]);
    expect(registry.roleOf('pulse_secret_1')).toBeNull();
  });
});
