import type { TrackedTopic } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { addressedTopics, isDirect } from './direct-address.detector.js';

const beeline: TrackedTopic = {
  id: 'beeline',
  name: 'Билайн',
  keywords: ['Билайн'],
  query: null,
  ownAccounts: [
    { source: 'twitter', handle: '@beeline_help' },
    { source: 'vk', handle: 'beeline' },
  ],
  status: 'active',
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
};

describe('isDirect', () => {
  it('is direct when the post @-mentions the brand account on the same network', () => {
    expect(isDirect('@Beeline_Help у меня нет связи', 'twitter', 'ivan', [beeline])).toBe(true);
    expect(isDirect('@beeline помогите', 'vk', 'ivan', [beeline])).toBe(true);
  });

  it('is not direct for talk about the brand, other networks, or the brand itself', () => {
    expect(isDirect('Билайн опять без связи', 'twitter', 'ivan', [beeline])).toBe(false);
    expect(isDirect('@beeline_help помогите', 'telegram', 'ivan', [beeline])).toBe(false);
    expect(isDirect('@beeline_help ответили клиенту', 'twitter', 'beeline_help', [beeline])).toBe(false);
  });
});

describe('addressedTopics', () => {
  it('names the topic and the handle addressed', () => {
    expect(addressedTopics('@beeline_help привет', 'twitter', 'ivan', [beeline])).toEqual([{ topicId: 'beeline', handle: '@beeline_help' }]);
  });
});
