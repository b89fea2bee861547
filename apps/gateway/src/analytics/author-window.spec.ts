import { describe, expect, it } from 'vitest';
import { authorWindow } from './author-window.js';
import { weeksOf } from './top-authors.sql.js';

describe('authorWindow', () => {
  it('reads a day-aligned period from whole days only', () => {
    expect(authorWindow({ topicIds: ['acme'], sentiments: ['negative'], sources: ['vk'], from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T00:00:00.000Z' })).toEqual({
      fromDay: '2026-03-01',
      toDay: '2026-03-31',
      edges: [],
      firstDay: '2026-03-01',
      lastDay: '2026-03-30',
      wholeDays: 30,
    });
  });

  it('reads the partial days at both ends from mentions', () => {
    expect(authorWindow({ from: '2026-03-01T11:00:00.000Z', to: '2026-03-08T11:00:00.000Z' })).toEqual({
      fromDay: '2026-03-02',
      toDay: '2026-03-08',
      edges: [
        { from: '2026-03-01T11:00:00.000Z', to: '2026-03-02T00:00:00.000Z' },
        { from: '2026-03-08T00:00:00.000Z', to: '2026-03-08T11:00:00.000Z' },
      ],
      firstDay: '2026-03-01',
      lastDay: '2026-03-08',
      wholeDays: 6,
    });
  });

  it('leaves open ends open', () => {
    expect(authorWindow({})).toEqual({ fromDay: '-infinity', toDay: 'infinity', edges: [], wholeDays: Infinity });
    expect(authorWindow({ to: '2026-03-08T06:00:00.000Z' })).toMatchObject({ fromDay: '-infinity', toDay: '2026-03-08', lastDay: '2026-03-08', wholeDays: Infinity });
  });

  it('declines a period without one whole day, and dimensions the rollups do not keep', () => {
    expect(authorWindow({ from: '2026-03-01T11:00:00.000Z', to: '2026-03-02T11:00:00.000Z' })).toBeNull();
    expect(authorWindow({ from: '2026-03-01T11:00:00.000Z', to: '2026-03-01T12:00:00.000Z' })).toBeNull();
    expect(authorWindow({ topicIds: ['acme', 'globex'] })).toBeNull();
    expect(authorWindow({ languages: ['ru'] })).toBeNull();
    expect(authorWindow({ search: 'сбой' })).toBeNull();
    expect(authorWindow({ authorHandle: 'ivan' })).toBeNull();
    expect(authorWindow({ includeSpam: true })).toBeNull();
    expect(authorWindow({ includeDuplicates: true })).toBeNull();
    expect(authorWindow({ tags: ['vip'] })).toBeNull();
    expect(authorWindow({ statuses: ['new'] })).toBeNull();
    expect(authorWindow({ replyNeeded: false })).toBeNull();
  });
});

describe('weeksOf', () => {
  it('lists the Monday of every ISO week the days touch', () => {
    // 2026-03-01 is a Sunday; 2026-03-30 a Monday.
    expect(weeksOf('2026-03-01', '2026-03-30')).toEqual(['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30']);
    expect(weeksOf('2026-03-02', '2026-03-08')).toEqual(['2026-03-02']);
    expect(weeksOf('2026-03-04', '2026-03-04')).toEqual(['2026-03-02']);
  });
});
