import { describe, expect, it } from 'vitest';
import { topicSentimentSchema } from './scored-mention.schema.js';

describe('topicSentimentSchema', () => {
  it('keeps the explanation of a per-topic tone: consumers parse with zod, which would drop unknown keys', () => {
    const tone = {
      topicId: 'beeline',
      label: 'negative',
      score: 0.8,
      explain: { rule: 'switch-from', reason: 'switched away from it', evidence: 'Перешёл с Билайна на МТС' },
    };
    expect(topicSentimentSchema.parse(tone)).toEqual(tone);
  });

  it('still accepts a per-topic tone without one (mentions scored before per-topic rules)', () => {
    expect(topicSentimentSchema.safeParse({ topicId: 'mts', label: 'positive', score: 0.7 }).success).toBe(true);
    expect(topicSentimentSchema.safeParse({ topicId: 'mts', label: 'positive', score: 0.7, explain: { reason: 'no rule name' } }).success).toBe(false);
  });
});
