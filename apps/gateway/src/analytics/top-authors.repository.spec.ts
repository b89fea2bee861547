import type { ScoredMention, SentimentLabel, Source } from '@pulse/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../database/migrations/migration.registry.js';
import { runMigrations } from '../database/migrations/migration.runner.js';
import { PgliteClient } from '../database/pglite.client.js';
import type { SqlClient } from '../database/sql-client.port.js';
import { Params } from '../database/sql.helpers.js';
import { mention } from '../database/testing/store-fixtures.js';
import { forEachBackend } from '../database/testing/store-suite.js';
import type { MentionFilter } from '../mentions/mention.model.js';
import { MentionRepository } from '../mentions/mention.repository.js';
import { RetentionRepository } from '../retention/retention.repository.js';
import type { AuthorStats } from './analytics.model.js';
import { recountAuthorRollups, storedAuthorRollups } from './testing/author-rollups.recount.js';
import { TopAuthorsRepository } from './top-authors.repository.js';
import { scanSql, type RankedAuthorRow } from './top-authors.sql.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2); // a Monday
const at = (days: number, hours = 12): string => new Date(T0 + days * DAY + hours * 3_600_000).toISOString();
const by = (m: ScoredMention, source: Source, author: string, handle = author): ScoredMention => ({
  ...m,
  source,
  author: { ...m.author, id: author, handle, name: handle.toUpperCase() },
});

forEachBackend('author rollups and topAuthors', (backend) => {
  let client: SqlClient;
  let mentions: MentionRepository;
  let authors: TopAuthorsRepository;
  let retention: RetentionRepository;

  beforeAll(() => {
    client = backend().client;
    mentions = new MentionRepository(client);
    authors = new TopAuthorsRepository(client);
    retention = new RetentionRepository(client);
  });

  /** The ranking a plain scan of mentions gives: what every other path must return. */
  const scan = async (filter: MentionFilter, limit: number): Promise<AuthorStats[]> => {
    const params = new Params();
    const rows = await client.query<RankedAuthorRow>(scanSql(filter, limit, params), params.values);
    return rows.map((r) => ({
      source: r.source as Source,
      authorId: r.author_id!,
      handle: r.handle!,
      name: r.name ?? '',
      followers: r.followers,
      negative: r.negative,
      neutral: r.neutral,
      positive: r.positive,
      total: r.total,
    }));
  };

  it('stay equal to a recount through inserts, re-scores, spam flags, moves, retention deletes and TRUNCATE', async () => {
    const labels: SentimentLabel[] = ['negative', 'neutral', 'positive'];
    const batch = Array.from({ length: 300 }, (_, i) =>
      by(
        mention({
          id: `ar-${i}`,
          label: labels[i % 3],
          topicIds: [['acme'], ['globex'], ['acme', 'globex'], []][i % 4],
          toward: i % 4 === 2 ? { acme: 'positive', globex: 'negative' } : undefined,
          spam: i % 7 === 0 ? 0.7 : 0,
          duplicateOf: i % 11 === 0 ? 'x' : undefined,
          publishedAt: new Date(T0 + i * 5_400_000).toISOString(),
        }),
        (['vk', 'telegram'] as const)[i % 2]!,
        `a${i % 9}`,
      ),
    );
    await mentions.upsertMentions(batch);
    expect(await storedAuthorRollups(client)).toEqual(await recountAuthorRollups(client));

    const changed = batch.filter((_, i) => i % 5 === 0).map((m, i) => ({
      ...m,
      sentiment: { ...m.sentiment, label: labels[(i + 1) % 3]!, byTopic: [] },
      spam: { score: i % 2 === 0 ? 0.9 : 0, reasons: [] },
      topicIds: i % 3 === 0 ? ['initech'] : m.topicIds,
      publishedAt: i % 4 === 0 ? new Date(Date.parse(m.publishedAt) + 3 * DAY).toISOString() : m.publishedAt,
      author: i % 6 === 0 ? { ...m.author, id: 'moved' } : m.author,
      scoredAt: '2026-05-01T00:00:00.000Z',
    }));
    await mentions.upsertMentions(changed);
    expect(await storedAuthorRollups(client)).toEqual(await recountAuthorRollups(client));

    expect(await retention.deleteMentionsBefore(at(6), 40)).toBe(40);
    expect(await storedAuthorRollups(client)).toEqual(await recountAuthorRollups(client));
    while ((await retention.deleteMentionsBefore(at(6), 40)) > 0);
    const afterRetention = await storedAuthorRollups(client);
    expect(afterRetention).toEqual(await recountAuthorRollups(client));
    expect(afterRetention.daily.length).toBeGreaterThan(0);

    await client.exec('TRUNCATE mentions, mention_events');
    expect(await storedAuthorRollups(client)).toEqual({ daily: [], weekly: [] });
  }, 60_000);

  describe('ranking', () => {
    // 90 quiet authors with one negative a week for three weeks, and six loud ones (each suite test starts empty).
    const seed = async (): Promise<void> => {
      const quiet = Array.from({ length: 90 * 3 }, (_, i) =>
        by(mention({ id: `q-${i}`, label: 'negative', topicIds: ['acme'], publishedAt: at(7 * (i % 3) + (i % 5), i % 24) }), 'vk', `quiet-${Math.floor(i / 3)}`),
      );
      const loud = Array.from({ length: 6 * 12 }, (_, i) =>
        by(
          mention({
            id: `l-${i}`,
            label: (['negative', 'neutral', 'positive'] as const)[i % 3],
            topicIds: i % 4 === 0 ? ['acme', 'globex'] : ['acme'],
            // Per-topic tone only where there are two topics: with one, it is the overall tone (the scored stream's rule).
            toward: i % 4 === 0 ? { acme: 'negative', globex: 'positive' } : undefined,
            publishedAt: at(i % 21, (i * 5) % 24),
          }),
          (['vk', 'telegram'] as const)[i % 2]!,
          `loud-${i % 6}`,
        ),
      );
      await mentions.upsertMentions([...quiet, ...loud]);
    };

    it('gives the scan answer on every path', async () => {
      await seed();
      const filters: MentionFilter[] = [
        { from: at(0, 0), to: at(21, 0) },
        { topicIds: ['acme'], from: at(0, 0), to: at(21, 0) },
        { topicIds: ['globex'], sentiments: ['positive'] },
        { topicIds: ['acme'], sentiments: ['negative'], sources: ['telegram'], from: at(0, 0), to: at(21, 0) },
        { sentiments: ['neutral', 'positive'], from: at(1, 7), to: at(15, 19) },
        { from: at(2, 0), to: at(5, 0) },
        { from: at(2, 3), to: at(2, 20) },
        { sources: ['vk'] },
        { to: at(10, 6) },
      ];
      for (const limit of [3, 10]) {
        for (const filter of filters) {
          const { path, authors: ranked } = await authors.rank(filter, limit);
          expect(ranked, `${path} ${JSON.stringify(filter)} limit ${limit}`).toEqual(await scan(filter, limit));
        }
      }
    });

    it('settles a long period from the weekly lists when the loudest beat the bound, else sums the days', async () => {
      await seed();
      const month = { topicIds: ['acme'], from: at(0, 0), to: at(21, 0) };
      const settled = await authors.rank(month, 6);
      expect(settled.path).toBe('bounded');
      expect(settled.authors.map((a) => a.authorId)).toEqual(expect.arrayContaining(['loud-0', 'loud-5']));
      // The seventh place is a quiet author with 3 (one a week): no more than the bound, so the days decide.
      const tied = await authors.rank(month, 7);
      expect(tied.path).toBe('rollups');
      expect(tied.authors).toEqual(await scan(month, 7));
      expect((await authors.rank({ ...month, from: at(0, 0), to: at(7, 0) }, 6)).path).toBe('rollups');
      expect((await authors.rank({ ...month, languages: ['en'] }, 6)).path).toBe('scan');
    });
  });

  it('shows an author as their latest mention does, counted or not', async () => {
    await mentions.upsertMentions([
      by(mention({ id: 'h1', publishedAt: at(0) }), 'vk', 'ivan', 'ivan_old'),
      by(mention({ id: 'h2', publishedAt: at(3) }), 'vk', 'ivan', 'ivan_new'),
      by(mention({ id: 'h3', publishedAt: at(5), spam: 0.9 }), 'vk', 'ivan', 'ivan_spam'),
    ]);
    for (const filter of [{ from: at(0, 0), to: at(2, 0) }, { from: at(0, 0), to: at(20, 0) }, {}]) {
      expect(await authors.topAuthors(filter, 5)).toEqual([
        { source: 'vk', authorId: 'ivan', handle: 'ivan_spam', name: 'IVAN_SPAM', followers: null, negative: 0, neutral: filter.to === at(2, 0) ? 1 : 2, positive: 0, total: filter.to === at(2, 0) ? 1 : 2 },
      ]);
    }
  });
});

describe('0007-author-rollups on a store with mentions', () => {
  it('counts the mentions stored before it', async () => {
    const db = await PgliteClient.open();
    try {
      await runMigrations(db, MIGRATIONS.filter((m) => m.version < 7));
      await new MentionRepository(db).upsertMentions(
        Array.from({ length: 40 }, (_, i) => by(mention({ id: `b-${i}`, topicIds: i % 2 ? ['acme'] : ['acme', 'globex'], spam: i % 9 === 0 ? 0.9 : 0, publishedAt: at(i % 10) }), 'vk', `b${i % 4}`)),
      );
      await runMigrations(db, MIGRATIONS);
      const stored = await storedAuthorRollups(db);
      expect(stored.daily.length).toBeGreaterThan(0);
      expect(stored).toEqual(await recountAuthorRollups(db));
    } finally {
      await db.close();
    }
  });
});
