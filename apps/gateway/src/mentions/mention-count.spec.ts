import type { SentimentLabel } from '@pulse/contracts';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import type { SqlClient } from '../database/sql-client.port.js';
import { mention } from '../database/testing/store-fixtures.js';
import { forEachBackend } from '../database/testing/store-suite.js';
import { MentionCounter } from './mention-count.js';
import { compileMentionFilter } from './mention-filter.js';
import type { MentionFilter } from './mention.model.js';
import { MentionRepository } from './mention.repository.js';

const CAP = 5;
const labels: SentimentLabel[] = ['negative', 'neutral', 'positive'];
// 60 mentions over 30 hours: every third negative, every fourth in globex too, every seventh spam,
// every other one saying "сбой".
const dataset = Array.from({ length: 60 }, (_, i) =>
  mention({
    id: `c-${i}`,
    label: labels[i % 3],
    topicIds: i % 4 === 0 ? ['acme', 'globex'] : ['acme'],
    spam: i % 7 === 0 ? 0.9 : 0,
    text: i % 2 === 0 ? `опять сбой ${i}` : `всё хорошо ${i}`,
    source: i % 5 === 0 ? 'vk' : 'telegram',
    publishedAt: new Date(Date.UTC(2026, 2, 1) + i * 1_800_000).toISOString(),
  }),
);
const expected = (filter: MentionFilter): number => dataset.filter(compileMentionFilter(filter)).length;

forEachBackend('mention totalCount (rollups, narrowed, capped, estimated)', (backend) => {
  let client: SqlClient;
  let counter: MentionCounter;

  beforeAll(() => {
    client = backend().client;
    counter = new MentionCounter(client, CAP);
  });

  beforeEach(async () => {
    await new MentionRepository(client).upsertMentions(dataset);
  });

  it('sums the rollups when they answer the filter', async () => {
    for (const filter of [{}, { topicIds: ['acme'], sentiments: ['negative' as const] }, { sources: ['vk' as const], from: '2026-03-01T05:00:00.000Z' }]) {
      expect(await counter.count(filter)).toEqual({ totalCount: expected(filter), totalCountIsExact: true, path: 'rollups' });
    }
  });

  it('counts exactly through the coarse part when the rollups bound it within the cap', async () => {
    const filter: MentionFilter = { topicIds: ['globex'], search: 'сбой', from: '2026-03-01T00:00:00.000Z', to: '2026-03-01T06:00:00.000Z' };
    expect(await counter.count(filter)).toEqual({ totalCount: expected(filter), totalCountIsExact: true, path: 'narrowed' });
    // Minutes, not hours: the rollups bound it but do not answer it.
    const minutes: MentionFilter = { topicIds: ['globex'], from: '2026-03-01T00:10:00.000Z', to: '2026-03-01T06:00:00.000Z' };
    expect(await counter.count(minutes)).toEqual({ totalCount: expected(minutes), totalCountIsExact: true, path: 'narrowed' });
    // Through the topic-day index: periods across and up to UTC midnight (the data ends 2026-03-02T05:30).
    for (const [from, to] of [
      ['2026-03-01T22:00:00.000Z', '2026-03-02T02:00:00.000Z'],
      ['2026-03-01T21:50:00.000Z', '2026-03-02T00:00:00.000Z'],
      ['2026-03-02T00:00:00.000Z', '2026-03-02T00:00:00.001Z'],
    ] as const) {
      const across: MentionFilter = { topicIds: ['globex'], from, to };
      expect(expected(across), `${from}..${to}`).toBeGreaterThan(0);
      expect(await counter.count({ ...across, search: 'сбой' })).toEqual({ totalCount: expected({ ...across, search: 'сбой' }), totalCountIsExact: true, path: 'narrowed' });
    }
  });

  it('stops counting past the cap, exact below it', async () => {
    const few: MentionFilter = { includeSpam: true, search: 'сбой', sources: ['vk'], to: '2026-03-01T12:00:00.000Z' };
    expect(expected(few)).toBeLessThanOrEqual(CAP);
    expect(await counter.count(few)).toEqual({ totalCount: expected(few), totalCountIsExact: true, path: 'capped' });
  });

  it('estimates above the cap: more than the cap, no more than the rollups allow, flagged', async () => {
    const many: MentionFilter = { topicIds: ['acme'], search: 'сбой' };
    const bound = expected({ topicIds: ['acme'] }); // the topic's listed mentions
    const result = await counter.count(many);
    expect(result).toMatchObject({ totalCountIsExact: false, path: 'estimate' });
    expect(result.totalCount).toBeGreaterThan(CAP);
    expect(result.totalCount).toBeLessThanOrEqual(bound);

    const withSpam = await counter.count({ search: 'сбой', includeSpam: true });
    expect(withSpam).toMatchObject({ totalCountIsExact: false, path: 'estimate' });
    expect(withSpam.totalCount).toBeGreaterThan(CAP);
  });

  it('reaches findMentions with its flag', async () => {
    const repo = new MentionRepository(client, { exactCountCap: CAP });
    expect(await repo.findMentions({ search: 'сбой' }, 2)).toMatchObject({ totalCountIsExact: false, hasNextPage: true });
    const few: MentionFilter = { search: 'сбой', sources: ['vk'], includeSpam: true, to: '2026-03-01T12:00:00.000Z' };
    expect(await repo.findMentions(few, 2)).toMatchObject({
      totalCount: expected(few),
      totalCountIsExact: true,
    });
  });
});
