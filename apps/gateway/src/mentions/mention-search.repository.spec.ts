import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SqlClient } from '../database/sql-client.port.js';
import { ids, mention } from '../database/testing/store-fixtures.js';
import { forEachBackend } from '../database/testing/store-suite.js';
import type { MentionFilter } from './mention.model.js';
import { MentionRepository, mentionCursor } from './mention.repository.js';

forEachBackend('mention search and paging', (backend) => {
  let client: SqlClient;
  let mentionRepo: MentionRepository;
  const rowCount = () => backend().rowCount();

  beforeAll(() => {
    client = backend().client;
    mentionRepo = new MentionRepository(client);
  });

  describe('findMentions full-text search', () => {
    beforeEach(async () => {
      await mentionRepo.upsertMentions([
        mention({ id: 's1', language: 'ru', text: 'Опять нет интернета у провайдера, третий день сбой' }),
        mention({ id: 's2', language: 'ru', text: 'Провайдер быстро починил всё, спасибо поддержке' }),
        mention({ id: 's3', language: 'en', text: 'Massive outages across the region tonight' }),
        mention({ id: 's4', language: 'en', text: 'One outage and the weather is to blame' }),
        mention({ id: 's5', language: 'en', text: 'Support answered quickly, great service' }),
      ]);
    });
    const search = async (q: string): Promise<string[]> =>
      ids((await mentionRepo.findMentions({ search: q }, 100)).items).sort();

    it('matches Russian word forms through stemming', async () => {
      expect(await search('провайдер')).toEqual(['s1', 's2']);
      expect(await search('провайдерами')).toEqual(['s1', 's2']);
      expect(await search('сбои')).toEqual(['s1']);
    });

    it('matches English word forms through stemming', async () => {
      expect(await search('outages')).toEqual(['s3', 's4']);
      expect(await search('outage')).toEqual(['s3', 's4']);
    });

    it('honours the query language: exclusions, phrases and OR', async () => {
      expect(await search('outage -weather')).toEqual(['s3']);
      // The exclusion applies to every form of the word, not only the exact spelling ("сбой" vs "сбоя"/"сбой").
      expect(await search('провайдер -сбоя')).toEqual(['s2']);
      expect(await search('"massive outages"')).toEqual(['s3']);
      expect(await search('"outages massive"')).toEqual([]);
      expect(await search('weather OR поддержке')).toEqual(['s2', 's4']);
      // OR binds tighter than AND, as in the collectors' topic queries.
      expect(await search('провайдер OR outage -сбой')).toEqual(['s2', 's3', 's4']);
    });

    it('supports NEAR, prefixes and field filters like the live matcher', async () => {
      expect(await search('интернета NEAR/3 провайдер')).toEqual(['s1']);
      expect(await search('интернет NEAR/1 провайдер')).toEqual([]);
      expect(await search('провайд*')).toEqual(['s1', 's2']);
      expect(await search('outage lang:en')).toEqual(['s3', 's4']);
      expect(await search('outage lang:ru')).toEqual([]);
      expect(await search('source:demo провайдер')).toEqual(['s1', 's2']);
      expect(await search('NOT source:demo')).toEqual([]);
      expect(await search('author:alice "great service"')).toEqual(['s5']);
    });

    it('combines with other filters and counts only matches', async () => {
      const page = await mentionRepo.findMentions({ search: 'outage', languages: ['en'] }, 1);
      expect(page.totalCount).toBe(2);
      expect(page.items).toHaveLength(1);
      expect(page.hasNextPage).toBe(true);
    });

    it('treats operators in user input as text, never as SQL', async () => {
      expect(await search(`"'); DROP TABLE mentions; --"`)).toEqual([]);
      expect(await search(`"a & b | !c :* <->"`)).toEqual([]);
      expect(await search(`source:"vk' OR 1=1 --"`)).toEqual([]);
      expect(await search(`o'reilly*`)).toEqual([]);
      expect(await rowCount()).toBe(5);
    });
  });

  describe('findMentions pagination', () => {
    // Three timestamps shared by many rows: the id tie-breaker has to carry the walk.
    const times = ['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z'];
    const all = Array.from({ length: 23 }, (_, i) =>
      mention({
        id: `p-${String.fromCharCode(65 + (i % 26))}${i}`,
        publishedAt: times[i % 3],
        label: i % 2 ? 'negative' : 'positive',
      }),
    );
    const expected = [...all]
      .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .map((m) => m.id);

    beforeEach(async () => {
      await mentionRepo.upsertMentions(all);
    });

    async function walk(filter: MentionFilter, first: number): Promise<{ seen: string[]; pages: number }> {
      const seen: string[] = [];
      let after;
      let pages = 0;
      for (;;) {
        const page = await mentionRepo.findMentions(filter, first, after);
        pages += 1;
        expect(page.totalCount).toBe(all.filter((m) => !filter.sentiments || filter.sentiments.includes(m.sentiment.label)).length);
        seen.push(...ids(page.items));
        const last = page.items.at(-1);
        if (!page.hasNextPage || !last) break;
        expect(page.items).toHaveLength(first);
        after = mentionCursor(last);
        if (pages > 50) throw new Error('pagination does not terminate');
      }
      return { seen, pages };
    }

    it('walks every row exactly once in (publishedAt desc, id desc) order across ties', async () => {
      const { seen, pages } = await walk({}, 4);
      expect(seen).toEqual(expected);
      expect(pages).toBe(6);
    });

    it('walks with page size 1 and with one page holding everything', async () => {
      expect((await walk({}, 1)).seen).toEqual(expected);
      const whole = await mentionRepo.findMentions({}, 23);
      expect(whole.hasNextPage).toBe(false);
      expect(ids(whole.items)).toEqual(expected);
    });

    it('walks a filtered result, totalCount ignoring the cursor', async () => {
      const { seen } = await walk({ sentiments: ['negative'] }, 3);
      const negatives = new Set(all.filter((m) => m.sentiment.label === 'negative').map((m) => m.id));
      expect(seen).toEqual(expected.filter((id) => negatives.has(id)));
    });

    it('returns an empty last page after the final cursor', async () => {
      const lastId = expected.at(-1) ?? '';
      const last = all.find((m) => m.id === lastId);
      const page = await mentionRepo.findMentions({}, 5, last && mentionCursor(last));
      expect(page).toEqual({ items: [], totalCount: 23, totalCountIsExact: true, hasNextPage: false });
    });

    it('rejects a non-positive or fractional page size', async () => {
      await expect(mentionRepo.findMentions({}, 0)).rejects.toThrow(/first must be a positive integer/);
      await expect(mentionRepo.findMentions({}, -5)).rejects.toThrow(RangeError);
      await expect(mentionRepo.findMentions({}, 1.5)).rejects.toThrow(RangeError);
    });
  });

});
