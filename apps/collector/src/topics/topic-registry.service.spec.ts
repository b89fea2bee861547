import type { TrackedTopic } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { TopicRegistry } from './topic-registry.service.js';

const topic = (over: Partial<TrackedTopic>): TrackedTopic => ({
  id: 'mts',
  name: 'МТС',
  keywords: ['МТС'],
  query: null,
  ownAccounts: [],
  status: 'active',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...over,
});

describe('TopicRegistry', () => {
  it('matches active topics only and ignores stale replays', () => {
    const registry = new TopicRegistry();
    registry.apply([topic({})]);
    expect(registry.match('МТС опять лежит')).toHaveLength(1);
    registry.apply([topic({ status: 'paused', updatedAt: '2026-11-02T00:00:00.000Z' })]);
    expect(registry.match('МТС опять лежит')).toHaveLength(0);
    registry.apply([topic({ status: 'active', updatedAt: '2026-11-01T12:00:00.000Z' })]);
    expect(registry.match('МТС опять лежит')).toHaveLength(0);
    registry.apply([topic({ status: 'deleted', updatedAt: '2026-11-03T00:00:00.000Z' })]);
    expect(registry.active()).toEqual([]);
  });
});
