import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, isFiltered, toMentionFilter } from './feed-filter.js';

describe('toMentionFilter', () => {
  it('sends nothing for the empty filter', () => {
    expect(toMentionFilter(EMPTY_FILTER)).toEqual({});
    expect(isFiltered(EMPTY_FILTER)).toBe(false);
  });

  it('maps Needs reply and the intent to fields the subscription accepts too', () => {
    const filter = toMentionFilter({ ...EMPTY_FILTER, needsReply: true, intent: 'complaint' });
    expect(filter).toEqual({ replyNeeded: true, intents: ['complaint'] });
    // The workflow fields are refused on subscriptions: the feed never sends them.
    for (const field of ['statuses', 'assignee', 'unassigned', 'tags']) expect(filter).not.toHaveProperty(field);
    expect(isFiltered({ ...EMPTY_FILTER, needsReply: true })).toBe(true);
  });
});
