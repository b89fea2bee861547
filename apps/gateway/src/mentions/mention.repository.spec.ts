import type { ScoredMention } from '@pulse/contracts';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SqlClient } from '../database/sql-client.port.js';
import { ids, mention } from '../database/testing/store-fixtures.js';
import { forEachBackend, requirePostgresInCi } from '../database/testing/store-suite.js';
import type { MentionFilter } from './mention.model.js';
import { MentionRepository, mentionCursor } from './mention.repository.js';

forEachBackend('mention repository', (backend) => {
  let client: SqlClient;
  let mentionRepo: MentionRepository;
  const rowCount = () => backend().rowCount();

  beforeAll(() => {
    client = backend().client;
    mentionRepo = new MentionRepository(client);
  });

  describe('upsertMentions', () => {
    it('is idempotent: the same batch twice inserts, then counts updates without adding rows or rewriting them', async () => {
      const batch = [mention({ id: 'a' }), mention({ id: 'b' }), mention({ id: 'c' })];
      expect(await mentionRepo.upsertMentions(batch)).toMatchObject({ inserted: 3, updated: 0 });
      expect(await mentionRepo.upsertMentions(batch)).toMatchObject({ inserted: 0, updated: 3 });
      expect(await rowCount()).toBe(3);
      const rewritten = await client.query('SELECT id FROM mentions WHERE updated_at <> stored_at');
      expect(rewritten).toEqual([]);
      expect(await mentionRepo.getMentions(['a'])).toEqual([batch[0]]);
    });

    it('returns zero counts for an empty batch', async () => {
      expect(await mentionRepo.upsertMentions([])).toMatchObject({ inserted: 0, updated: 0 });
    });

    it('a re-scored mention replaces sentiment, model and scoredAt; a late older score does not undo it', async () => {
      const first = mention({ id: 'r', label: 'positive' });
      const rescored = mention({
        id: 'r',
        label: 'negative',
        modelVersion: 'v2',
        scoredAt: '2026-03-02T00:00:00.000Z',
      });
      await mentionRepo.upsertMentions([first]);
      expect(await mentionRepo.upsertMentions([rescored])).toMatchObject({ inserted: 0, updated: 1 });
      expect(await mentionRepo.getMentions(['r'])).toEqual([rescored]);
      const [row] = await client.query<{ sentiment_label: string; model_version: string }>(
        'SELECT sentiment_label, model_version FROM mentions WHERE id = $1',
        ['r'],
      );
      expect(row).toEqual({ sentiment_label: 'negative', model_version: 'v2' });
      expect(ids((await mentionRepo.findMentions({ sentiments: ['negative'] }, 10)).items)).toEqual(['r']);

      await mentionRepo.upsertMentions([first]);
      expect(await mentionRepo.getMentions(['r'])).toEqual([rescored]);
    });

    it('keeps the last copy when one batch repeats an id', async () => {
      const older = mention({ id: 'd', label: 'positive' });
      const newer = mention({ id: 'd', label: 'negative', scoredAt: '2026-03-03T00:00:00.000Z' });
      expect(await mentionRepo.upsertMentions([older, mention({ id: 'e' }), newer])).toMatchObject({ inserted: 2, updated: 0 });
      expect(await mentionRepo.getMentions(['d'])).toEqual([newer]);
      expect(await rowCount()).toBe(2);
    });

    it('stores large batches (beyond one statement) atomically', async () => {
      const batch = Array.from({ length: 5_001 }, (_, i) =>
        mention({ id: `bulk-${String(i).padStart(5, '0')}`, text: `bulk outage report number ${i}` }),
      );
      expect(await mentionRepo.upsertMentions(batch)).toMatchObject({ inserted: 5_001, updated: 0 });
      const rescored = batch.map((m) => ({ ...m, scoredAt: '2026-04-01T00:00:00.000Z' }));
      expect(await mentionRepo.upsertMentions(rescored)).toMatchObject({ inserted: 0, updated: 5_001 });
      expect(await rowCount()).toBe(5_001);
    }, 60_000);

    it('stores text with NUL and lone surrogates, which jsonb would reject', async () => {
      const m = mention({ id: 'nul', text: 'broken\u0000 emoji \uD83D end' });
      expect(await mentionRepo.upsertMentions([m])).toMatchObject({ inserted: 1, updated: 0 });
      const [stored] = await mentionRepo.getMentions(['nul']);
      expect(stored?.text).toBe('broken emoji \uFFFD end');
    });
  });

  describe('findMentions filters', () => {
    const fixtures = [
      mention({ id: 'f1', source: 'vk', language: 'ru', label: 'negative', topicIds: ['acme'], handle: 'Ivan', publishedAt: '2026-03-01T10:00:00.000Z' }),
      mention({ id: 'f2', source: 'telegram', language: 'ru', label: 'positive', topicIds: ['globex'], handle: 'olga', publishedAt: '2026-03-02T10:00:00.000Z' }),
      mention({ id: 'f3', source: 'reddit', language: 'en', label: 'neutral', topicIds: ['acme', 'globex'], handle: 'bob', publishedAt: '2026-03-03T10:00:00.000Z' }),
      mention({ id: 'f4', source: 'reddit', language: 'en', label: 'negative', topicIds: ['initech'], handle: 'IVAN', publishedAt: '2026-03-04T10:00:00.000Z' }),
      mention({ id: 'f5', source: 'vk', language: 'und', label: 'positive', topicIds: [], handle: 'ivanov', publishedAt: '2026-03-05T10:00:00.000Z' }),
    ];
    const find = async (filter: MentionFilter): Promise<string[]> =>
      ids((await mentionRepo.findMentions(filter, 100)).items).sort();

    beforeEach(async () => {
      await mentionRepo.upsertMentions(fixtures);
    });

    it('returns everything newest first without a filter, and treats empty lists as no constraint', async () => {
      expect(ids((await mentionRepo.findMentions({}, 100)).items)).toEqual(['f5', 'f4', 'f3', 'f2', 'f1']);
      expect(await find({ topicIds: [], sentiments: [], sources: [], languages: [], search: '  ' })).toHaveLength(5);
    });

    it('topicIds matches any overlapping topic', async () => {
      expect(await find({ topicIds: ['globex'] })).toEqual(['f2', 'f3']);
      expect(await find({ topicIds: ['acme', 'initech'] })).toEqual(['f1', 'f3', 'f4']);
      expect(await find({ topicIds: ['nope'] })).toEqual([]);
    });

    it('sentiments, sources and languages match any listed value', async () => {
      expect(await find({ sentiments: ['negative'] })).toEqual(['f1', 'f4']);
      expect(await find({ sentiments: ['positive', 'neutral'] })).toEqual(['f2', 'f3', 'f5']);
      expect(await find({ sources: ['vk'] })).toEqual(['f1', 'f5']);
      expect(await find({ sources: ['telegram', 'reddit'] })).toEqual(['f2', 'f3', 'f4']);
      expect(await find({ languages: ['ru'] })).toEqual(['f1', 'f2']);
      expect(await find({ languages: ['en', 'und'] })).toEqual(['f3', 'f4', 'f5']);
    });

    it('from is inclusive, to is exclusive', async () => {
      expect(await find({ from: '2026-03-02T10:00:00.000Z' })).toEqual(['f2', 'f3', 'f4', 'f5']);
      expect(await find({ to: '2026-03-02T10:00:00.000Z' })).toEqual(['f1']);
      expect(await find({ from: '2026-03-02T10:00:00.000Z', to: '2026-03-04T10:00:00.000Z' })).toEqual(['f2', 'f3']);
      // Offsets are honoured: 13:00+03:00 is 10:00Z.
      expect(await find({ from: '2026-03-05T13:00:00+03:00' })).toEqual(['f5']);
    });

    it('authorHandle is a case-insensitive exact match', async () => {
      expect(await find({ authorHandle: 'ivan' })).toEqual(['f1', 'f4']);
      expect(await find({ authorHandle: 'IvAn' })).toEqual(['f1', 'f4']);
      expect(await find({ authorHandle: 'iva' })).toEqual([]);
    });

    it('combines filters with AND', async () => {
      expect(await find({ sources: ['reddit'], sentiments: ['negative'] })).toEqual(['f4']);
      expect(await find({ topicIds: ['acme'], languages: ['ru'], authorHandle: 'ivan' })).toEqual(['f1']);
    });

    it('rejects malformed timestamps with a clear error', async () => {
      await expect(mentionRepo.findMentions({ from: 'yesterday' }, 10)).rejects.toThrow(/from is not an ISO 8601/);
    });
  });


  describe('getMentions', () => {
    it('answers in the order asked, null for unknown ids, repeated ids repeated', async () => {
      const [a, b] = [mention({ id: 'g-a' }), mention({ id: 'g-b' })];
      await mentionRepo.upsertMentions([a, b]);
      expect(await mentionRepo.getMentions(['g-b', 'missing', 'g-a', 'g-b'])).toEqual([b, null, a, b]);
      expect(await mentionRepo.getMentions([])).toEqual([]);
    });
  });


  describe('spam and duplicates', () => {
    beforeEach(async () => {
      await mentionRepo.upsertMentions([
        mention({ id: 'clean', publishedAt: '2026-03-01T10:00:00.000Z' }),
        mention({ id: 'borderline', spam: 0.49, publishedAt: '2026-03-01T11:00:00.000Z' }),
        mention({ id: 'spam', spam: 0.5, publishedAt: '2026-03-01T12:00:00.000Z' }),
        mention({ id: 'copy', duplicateOf: 'clean', publishedAt: '2026-03-01T13:00:00.000Z' }),
        mention({ id: 'spam-copy', spam: 0.9, duplicateOf: 'clean', publishedAt: '2026-03-01T14:00:00.000Z' }),
      ]);
    });
    const find = async (filter: MentionFilter): Promise<string[]> => ids((await mentionRepo.findMentions(filter, 100)).items).sort();

    it('hides spam (score ≥ 0.5) and copies by default, each flag bringing back its own kind', async () => {
      expect(await find({})).toEqual(['borderline', 'clean']);
      expect(await find({ includeSpam: true })).toEqual(['borderline', 'clean', 'spam']);
      expect(await find({ includeDuplicates: true })).toEqual(['borderline', 'clean', 'copy']);
      expect(await find({ includeSpam: true, includeDuplicates: true })).toEqual(['borderline', 'clean', 'copy', 'spam', 'spam-copy']);
      expect((await mentionRepo.findMentions({}, 1)).totalCount).toBe(2);
    });
  });

  describe('ordering and streaming', () => {
    const times = ['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z'];
    const all = Array.from({ length: 9 }, (_, i) => mention({ id: `o-${i}`, publishedAt: times[i % 2] }));

    beforeEach(async () => {
      await mentionRepo.upsertMentions(all);
    });

    it('OLDEST_FIRST walks every row once in ascending (publishedAt, id) order', async () => {
      const expected = [...all].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || (a.id < b.id ? -1 : 1)).map((m) => m.id);
      const seen: string[] = [];
      let after;
      for (let pages = 0; pages < 20; pages++) {
        const page = await mentionRepo.findMentions({}, 2, after, 'OLDEST_FIRST');
        seen.push(...ids(page.items));
        if (!page.hasNextPage) break;
        after = mentionCursor(page.items.at(-1)!);
      }
      expect(seen).toEqual(expected);
    });

    it('streamMentions yields every match newest first in bounded pages', async () => {
      const pages: string[][] = [];
      for await (const page of mentionRepo.streamMentions({ from: times[1] }, 2)) pages.push(ids(page));
      expect(pages.map((p) => p.length)).toEqual([2, 2]);
      expect(pages.flat()).toEqual(ids((await mentionRepo.findMentions({ from: times[1] }, 100)).items));
      const none: ScoredMention[][] = [];
      for await (const page of mentionRepo.streamMentions({ sources: ['vk'] })) none.push(page);
      expect(none).toEqual([]);
    });
  });

});

requirePostgresInCi();
