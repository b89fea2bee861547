import { describe, expect, it } from 'vitest';
import { mentionId } from './mention-id.js';
import { rawMentionSchema } from './raw-mention.schema.js';
import { scoredMentionSchema } from './scored-mention.schema.js';

const minimal = {
  source: 'vk',
  sourceId: 'wall-1_42',
  text: 'Билайн, третий день нет интернета',
  author: { id: '1', handle: 'ivan', name: 'Иван', url: null },
  publishedAt: '2026-11-20T10:00:00.000Z',
};

describe('mentionId', () => {
  it('is stable for the same source and sourceId and differs otherwise', () => {
    expect(mentionId('vk', 'a')).toBe(mentionId('vk', 'a'));
    expect(mentionId('vk', 'a')).not.toBe(mentionId('telegram', 'a'));
    expect(mentionId('vk', 'ab')).not.toBe(mentionId('vka', 'b'));
    expect(mentionId('vk', 'a')).toMatch(/^vk:[A-Za-z0-9_-]{22}$/);
  });
});

describe('rawMentionSchema', () => {
  it('derives what a foreign producer may leave out', () => {
    const parsed = rawMentionSchema.parse(minimal);
    expect(parsed.id).toBe(mentionId('vk', 'wall-1_42'));
    expect(parsed.language).toBe('und');
    expect(parsed.topicIds).toEqual([]);
    expect(parsed.matches).toEqual([]);
    expect(parsed.url).toBeNull();
    expect(Date.parse(parsed.collectedAt)).not.toBeNaN();
  });

  it('keeps an explicit id', () => {
    expect(rawMentionSchema.parse({ ...minimal, id: 'custom' }).id).toBe('custom');
  });

  it('rejects unknown sources, empty text and bad dates with the field path', () => {
    const result = rawMentionSchema.safeParse({ ...minimal, source: 'myspace', text: '  ', publishedAt: 'yesterday' });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['source', 'text', 'publishedAt']));
  });

  it('a scored mention must carry a complete sentiment', () => {
    const raw = rawMentionSchema.parse(minimal);
    const scored = {
      ...raw,
      sentiment: { label: 'negative', score: 0.9, scores: { negative: 0.9, neutral: 0.05, positive: 0.05 }, byTopic: [] },
      model: { id: 'pulse-sentiment-v1', version: '1' },
      scoredAt: '2026-11-20T10:00:01.000Z',
    };
    expect(scoredMentionSchema.parse(scored).sentiment.label).toBe('negative');
    expect(scoredMentionSchema.safeParse({ ...scored, sentiment: { ...scored.sentiment, label: 'angry' } }).success).toBe(false);
    expect(scoredMentionSchema.safeParse({ ...scored, id: undefined }).success).toBe(false);
  });
});
