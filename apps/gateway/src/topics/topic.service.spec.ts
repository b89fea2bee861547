import type { TrackedTopic } from '@pulse/contracts';
import { createLogger } from '@pulse/runtime';
import { describe, expect, it } from 'vitest';
import type { TopicRepository } from './topic.repository.js';
import { TopicService } from './topic.service.js';

describe('TopicService.bootstrap', () => {
  it('seeds the default topics into an empty table with the demo brands support accounts, and publishes them', async () => {
    const rows = new Map<string, TrackedTopic>();
    const store = { listTopics: async () => [...rows.values()], upsertTopic: async (t: TrackedTopic) => void rows.set(t.id, t) } as unknown as TopicRepository;
    const published: unknown[] = [];
    const bus = { publish: async (_topic: string, values: unknown[]) => void published.push(...values) };
    await new TopicService(store, bus as never, createLogger('t', 'silent')).bootstrap(true);
    expect(rows.size).toBeGreaterThanOrEqual(18);
    expect(rows.get('beeline')!.ownAccounts).toContainEqual({ source: 'vk', handle: 'beeline_help' });
    expect(rows.get('mts')!.ownAccounts).toContainEqual({ source: 'telegram', handle: 'mts_support' });
    expect(rows.get('ozon')!.ownAccounts).toEqual([]);
    expect(published).toHaveLength(rows.size);
  });
});
