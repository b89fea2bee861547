import { describe, expect, it } from 'vitest';
import { topicDayKeys } from './mention-count.js';
import { zoned } from './rollup-rows.sql.js';

// 2026-03-24 is day 20536 since 1970-01-01 (UTC).
const DAY = 20536;

describe('topicDayKeys (keys of mentions_topic_days_idx)', () => {
  it('names every UTC day the period touches, per topic; a period ending at midnight stops the day before', () => {
    expect(topicDayKeys({ topicIds: ['a'], from: '2026-03-24T00:00:00.000Z', to: '2026-03-26T00:00:00.000Z' })).toEqual([`a@${DAY}`, `a@${DAY + 1}`]);
    expect(topicDayKeys({ topicIds: ['a', 'b'], from: '2026-03-24T23:59:00Z', to: '2026-03-25T00:00:00.001Z' })).toEqual([
      `a@${DAY}`,
      `a@${DAY + 1}`,
      `b@${DAY}`,
      `b@${DAY + 1}`,
    ]);
    // An offset moves the instant, not the UTC day arithmetic: 02:00+03:00 is 23:00 UTC the day before.
    expect(topicDayKeys({ topicIds: ['a'], from: '2026-03-25T02:00:00+03:00', to: '2026-03-25T02:30:00+03:00' })).toEqual([`a@${DAY}`]);
  });

  it('keeps the day of a `to` at midnight when it carries digits below the millisecond (PostgreSQL keeps microseconds)', () => {
    expect(topicDayKeys({ topicIds: ['a'], from: '2026-03-24T12:00:00Z', to: '2026-03-25T00:00:00.000500Z' })).toEqual([`a@${DAY}`, `a@${DAY + 1}`]);
  });

  it('is null without topics, without both bounds, for a time-zone-less bound, or past the key limit', () => {
    expect(topicDayKeys({ from: '2026-03-24T00:00:00Z', to: '2026-03-25T00:00:00Z' })).toBeNull();
    expect(topicDayKeys({ topicIds: ['a'], from: '2026-03-24T00:00:00Z' })).toBeNull();
    expect(topicDayKeys({ topicIds: ['a'], from: '2026-03-24T00:00:00', to: '2026-03-25T00:00:00Z' })).toBeNull();
    expect(topicDayKeys({ topicIds: ['a', 'b'], from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toBeNull();
    expect(topicDayKeys({ topicIds: ['a'], from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })?.length).toBe(731);
  });
});

describe('zoned', () => {
  it('accepts an instant with Z or an offset, not a local time or a bare date', () => {
    for (const value of ['2026-03-24T00:00:00Z', '2026-03-24T00:00:00.123456z', '2026-03-24T00:00:00+03:00', '2026-03-24 00:00:00-0500', '2026-03-24T00:00+03']) expect(zoned(value)).toBe(true);
    for (const value of ['2026-03-24', '2026-03-24T00:00:00', '2026-03-24 00:00:00.5']) expect(zoned(value)).toBe(false);
    expect(zoned(undefined)).toBe(true);
  });
});
