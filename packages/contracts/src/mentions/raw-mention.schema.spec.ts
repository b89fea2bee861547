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

  it('accepts an explicit id only when it is the derived one', () => {
    expect(rawMentionSchema.parse({ ...minimal, id: mentionId('vk', 'wall-1_42') }).id).toBe(mentionId('vk', 'wall-1_42'));
    const custom = rawMentionSchema.safeParse({ ...minimal, id: 'custom' });
    expect(custom.error?.issues).toEqual([expect.objectContaining({ path: ['id'], message: expect.stringContaining(`expected ${mentionId('vk', 'wall-1_42')}`) })]);
  });

  it("rejects another post's id, so no producer can overwrite or duplicate a mention", () => {
    const other = mentionId('telegram', 'beeline/1');
    expect(rawMentionSchema.safeParse({ ...minimal, id: other }).success).toBe(false);
    // Same source, another sourceId: a second row for another post under this id.
    expect(rawMentionSchema.safeParse({ ...minimal, id: mentionId('vk', 'wall-1_43') }).success).toBe(false);
  });

  it('reads source "x" as twitter, ids derived from the canonical name', () => {
    const parsed = rawMentionSchema.parse({ ...minimal, source: 'x', sourceId: '123' });
    expect(parsed).toMatchObject({ source: 'twitter', id: mentionId('twitter', '123') });
    expect(rawMentionSchema.parse({ ...minimal, source: 'x', sourceId: '123', id: mentionId('twitter', '123') }).id).toBe(mentionId('twitter', '123'));
  });

  it.each([
    ['NUL only', '\u0000\u0000\u0000'],
    ['controls and white space', ' \u0001\t\u007f\n\u0085 '],
    ['zero-width and direction marks', '\u200b\u200d\u200e\ufeff\u2060'],
    ['exotic spaces', '\u00a0\u2003\u3000'],
  ])('rejects text that is empty after normalization: %s', (_name, text) => {
    const result = rawMentionSchema.safeParse({ ...minimal, text });
    expect(result.success).toBe(false);
    expect(new Set(result.error?.issues.map((i) => i.path.join('.')))).toEqual(new Set(['text']));
  });

  it('refuses links that are not http(s) and dates outside 1970-2999, by field', () => {
    const result = rawMentionSchema.safeParse({
      ...minimal,
      url: 'javascript:alert(1)',
      author: { ...minimal.author, url: 'data:text/html,<script>alert(1)</script>' },
      publishedAt: '0000-01-01T00:00:00Z',
    });
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['author.url', 'publishedAt', 'url']);
    expect(rawMentionSchema.safeParse({ ...minimal, url: 'https://vk.com/wall-1_42', publishedAt: '2999-12-31T23:59:59Z' }).success).toBe(true);
    expect(rawMentionSchema.safeParse({ ...minimal, collectedAt: '1969-12-31T23:59:59Z' }).success).toBe(false);
  });

  it('keeps text that has content among control characters', () => {
    expect(rawMentionSchema.parse({ ...minimal, text: '\u0000ok' }).text).toBe('\u0000ok');
    expect(rawMentionSchema.parse({ ...minimal, text: '👍' }).text).toBe('👍');
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
