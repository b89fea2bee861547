import type { ScoredMention } from '@pulse/contracts';
import { createLogger } from '@pulse/runtime';
import { describe, expect, it } from 'vitest';
import { MentionFeed } from './mention-feed.js';

const mention = (id: string, over: Partial<ScoredMention> = {}): ScoredMention =>
  ({
    id,
    source: 'vk',
    text: `text ${id}`,
    language: 'ru',
    author: { handle: 'h' },
    publishedAt: '2026-03-01T00:00:00.000Z',
    topicIds: ['acme'],
    duplicateOf: null,
    spam: { score: 0, reasons: [] },
    sentiment: { label: 'negative' },
    ...over,
  }) as ScoredMention;

describe('MentionFeed', () => {
  it('keeps at most bufferSize per subscriber and reports the gap with the next event', async () => {
    const feed = new MentionFeed(createLogger('test', 'silent'), 2);
    const sub = feed.subscribe({});
    feed.publish(['a', 'b', 'c', 'd', 'e'].map((id) => mention(id)));
    expect((await sub.next()).value).toEqual({ mention: expect.objectContaining({ id: 'd' }), droppedBefore: 3 });
    expect((await sub.next()).value).toEqual({ mention: expect.objectContaining({ id: 'e' }), droppedBefore: 0 });
    await sub.return!();
    expect(feed.size).toBe(0);
  });

  it('applies the default spam and duplicate exclusions like the store', async () => {
    const feed = new MentionFeed(createLogger('test', 'silent'));
    const sub = feed.subscribe({ topicIds: [] });
    feed.publish([mention('spam', { spam: { score: 0.5, reasons: [] } }), mention('copy', { duplicateOf: 'x' }), mention('ok')]);
    expect((await sub.next()).value?.mention.id).toBe('ok');
    feed.closeAll();
  });
});
