import { describe, expect, it } from 'vitest';
import type { FeedMention, MentionUpdate } from '../api/api.types.js';
import { withoutLate } from './late-arrivals.js';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const mention = (id: string, minutesAgo: number) => ({ mention: { id, publishedAt: new Date(NOW - minutesAgo * 60_000).toISOString() } as FeedMention });

describe('withoutLate', () => {
  it('keeps what was published within the hour and workflow changes, counts the rest', () => {
    const update = { update: { id: 'x' } as MentionUpdate };
    const { events, late } = withoutLate([mention('a', 1), mention('b', 3 * 24 * 60), update, mention('c', 59), mention('d', 61)], NOW);
    expect(events.map((e) => ('mention' in e ? e.mention.id : 'update'))).toEqual(['a', 'update', 'c']);
    expect(late).toBe(2);
  });
});
