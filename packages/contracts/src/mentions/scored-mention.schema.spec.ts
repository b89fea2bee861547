import { describe, expect, it } from 'vitest';
import { TOPIC_SCHEMAS } from '../topics/topic-registry.js';
import { TOPICS } from '../topics/topic-names.js';
import { mentionId } from './mention-id.js';
import { mentionIdProblem } from './mention-identity.js';
import { scoredMentionSchema, topicSentimentSchema } from './scored-mention.schema.js';

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

const scoredFixture = (overrides: Record<string, unknown> = {}) => ({
  id: mentionId('vk', 'wall-1_42'),
  source: 'vk',
  sourceId: 'wall-1_42',
  url: null,
  text: 'Билайн, третий день нет интернета',
  language: 'ru',
  author: { id: '1', handle: 'ivan', name: 'Иван', url: null },
  publishedAt: '2026-11-20T10:00:00.000Z',
  collectedAt: '2026-11-20T10:00:00.500Z',
  topicIds: ['beeline'],
  matches: [{ topicId: 'beeline', terms: ['Билайн'] }],
  direct: false,
  duplicateOf: null,
  spam: { score: 0, reasons: [] },
  sentiment: { label: 'negative', score: 0.9, scores: { negative: 0.9, neutral: 0.05, positive: 0.05 }, byTopic: [] },
  model: { id: 'pulse-sentiment-v1', version: '1' },
  scoredAt: '2026-11-20T10:00:01.000Z',
  ...overrides,
});

describe('scoredMentionSchema identity', () => {
  it('accepts the id derived from source + sourceId (what the sentiment stage copies from a validated raw mention)', () => {
    expect(scoredMentionSchema.parse(scoredFixture()).id).toBe(mentionId('vk', 'wall-1_42'));
  });

  it("refuses an id that is not derived, with the raw edge's message, so a direct producer cannot overwrite or duplicate a mention", () => {
    const derivedMessage = mentionIdProblem({ id: 'm1', source: 'vk', sourceId: 'wall-1_42' });
    for (const id of ['m1', mentionId('telegram', 'wall-1_42'), mentionId('vk', 'wall-1_43')]) {
      const result = scoredMentionSchema.safeParse(scoredFixture({ id }));
      expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['id'], message: derivedMessage })]);
    }
  });

  it('keeps the id required: a scored mention is never derived on this wire', () => {
    expect(scoredMentionSchema.safeParse(scoredFixture({ id: undefined })).error?.issues.map((i) => i.path.join('.'))).toEqual(['id']);
  });

  it('derives from the canonical source name: twitter ids, never ids of the x alias', () => {
    const tweet = { source: 'twitter', sourceId: '123' };
    expect(scoredMentionSchema.safeParse(scoredFixture({ ...tweet, id: mentionId('twitter', '123') })).success).toBe(true);
    expect(scoredMentionSchema.safeParse(scoredFixture({ ...tweet, id: mentionId('x', '123') })).success).toBe(false);
    // The scored wire names sources canonically (the sentiment stage publishes parsed raw mentions).
    expect(scoredMentionSchema.safeParse(scoredFixture({ source: 'x', sourceId: '123', id: mentionId('twitter', '123') })).success).toBe(false);
  });

  it('applies the same rule on the stored topic, which shares the schema', () => {
    expect(TOPIC_SCHEMAS[TOPICS.storedMentions].safeParse(scoredFixture({ id: 'm1' })).success).toBe(false);
    expect(TOPIC_SCHEMAS[TOPICS.storedMentions].safeParse(scoredFixture()).success).toBe(true);
  });
});
