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

describe('TopicService.nameMap', () => {
  it('reads the store once per TTL, at once again after a change here, and again after a failed read', async () => {
    const rows = new Map<string, TrackedTopic>();
    let reads = 0;
    let failNext = false;
    const store = {
      listTopics: async () => {
        reads++;
        if (failNext) {
          failNext = false;
          throw new Error('store down');
        }
        return [...rows.values()];
      },
      upsertTopic: async (t: TrackedTopic) => void rows.set(t.id, t),
      getTopic: async (id: string) => rows.get(id) ?? null,
    } as unknown as TopicRepository;
    let now = 0;
    const topics = new TopicService(store, { publish: async () => undefined } as never, createLogger('t', 'silent'), () => now);
    const created = await topics.create({ name: 'Билайн', keywords: ['билайн'] });
    expect((await topics.nameMap()).get(created.id)).toBe('Билайн');
    await topics.nameMap();
    now += 4_000;
    await topics.nameMap();
    expect(reads).toBe(1);
    await topics.update(created.id, { name: 'Beeline' });
    expect((await topics.nameMap()).get(created.id)).toBe('Beeline');
    expect(reads).toBe(2);
    now += 5_000;
    failNext = true;
    await expect(topics.nameMap()).rejects.toThrow('store down');
    expect((await topics.nameMap()).get(created.id)).toBe('Beeline');
    expect(reads).toBe(4);
  });
});
