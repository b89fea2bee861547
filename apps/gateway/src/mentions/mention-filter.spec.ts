import type { ScoredMention } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { compileMentionFilter, parseMentionFilter } from './mention-filter.js';

const mention = {
  id: 'm',
  source: 'vk',
  text: 'МТС лучше, чем Билайн',
  language: 'ru',
  author: { handle: 'ivan' },
  publishedAt: '2026-03-01T10:00:00.000Z',
  topicIds: ['mts', 'beeline'],
  duplicateOf: null,
  spam: { score: 0, reasons: [] },
  sentiment: { label: 'neutral', byTopic: [{ topicId: 'mts', label: 'positive' }, { topicId: 'beeline', label: 'negative' }] },
  intent: { label: 'praise', replyNeeded: false, confidence: 0.5, reasons: [] },
} as unknown as ScoredMention;

const matches = (filter: Record<string, unknown>) => compileMentionFilter(parseMentionFilter(filter))(mention);

describe('compileMentionFilter', () => {
  it('reads tone toward the one topic a filter names, and the overall tone otherwise, like the store', () => {
    expect(matches({ topicIds: ['beeline'], sentiments: ['negative'] })).toBe(true);
    expect(matches({ topicIds: ['mts'], sentiments: ['negative'] })).toBe(false);
    expect(matches({ topicIds: ['mts'], sentiments: ['positive'] })).toBe(true);
    expect(matches({ topicIds: ['mts', 'beeline'], sentiments: ['neutral'] })).toBe(true);
    expect(matches({ sentiments: ['negative'] })).toBe(false);
  });

  it('filters on intent and replyNeeded from the payload', () => {
    expect(matches({ intents: ['praise'], replyNeeded: false })).toBe(true);
    expect(matches({ replyNeeded: true })).toBe(false);
    expect(compileMentionFilter(parseMentionFilter({ intents: ['complaint'] }))({ ...mention, intent: undefined })).toBe(false);
  });
});
