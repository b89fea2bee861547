import type { ScoredMention, SentimentLabel, Source, TrackedTopic } from '@pulse/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MentionFilter } from './mention.model.js';
import { PostgresClient } from '../database/postgres.client.js';
import { PgliteClient } from '../database/pglite.client.js';
import type { SqlClient } from '../database/sql-client.port.js';
import { pingDatabase } from '../database/database.js';
import { MentionRepository, mentionCursor } from './mention.repository.js';
import { AnalyticsRepository } from '../analytics/analytics.repository.js';
import { TopicRepository } from '../topics/topic.repository.js';
import { ApiKeyRepository } from '../auth/api-key.repository.js';
import { RetentionRepository } from '../retention/retention.repository.js';
import { pgliteHarness, postgresHarness, type Harness } from '../database/testing/sql-harness.js';
import { MIGRATIONS } from '../database/migrations/migration.registry.js';
import { runMigrations } from '../database/migrations/migration.runner.js';

// ---------- fixtures ----------

interface MentionSpec {
  id: string;
  text?: string;
  source?: Source;
  language?: string;
  publishedAt?: string;
  topicIds?: string[];
  label?: SentimentLabel;
  handle?: string;
  scoredAt?: string;
  modelVersion?: string;
  spam?: number;
  duplicateOf?: string;
  /** Tone toward particular topics, when it differs from the overall label. */
  toward?: Record<string, SentimentLabel>;
}

function mention(spec: MentionSpec): ScoredMention {
  const label = spec.label ?? 'neutral';
  const topicIds = spec.topicIds ?? ['acme'];
  return {
    id: spec.id,
    source: spec.source ?? 'demo',
    sourceId: `src-${spec.id}`,
    url: `https://example.test/${encodeURIComponent(spec.id)}`,
    text: spec.text ?? `mention ${spec.id}`,
    language: spec.language ?? 'en',
    author: { id: `uid-${spec.handle ?? 'alice'}`, handle: spec.handle ?? 'alice', name: 'Alice', url: null },
    publishedAt: spec.publishedAt ?? '2026-03-01T12:00:00.000Z',
    collectedAt: '2026-03-01T12:05:00.000Z',
    topicIds,
    matches: topicIds.map((topicId) => ({ topicId, terms: ['acme'] })),
    engagement: { likes: 3, reposts: 1, comments: 0 },
    direct: false,
    duplicateOf: spec.duplicateOf ?? null,
    spam: { score: spec.spam ?? 0, reasons: spec.spam ? ['link-farm'] : [] },
    sentiment: {
      label,
      score: 0.8,
      scores: {
        negative: label === 'negative' ? 0.8 : 0.1,
        neutral: label === 'neutral' ? 0.8 : 0.1,
        positive: label === 'positive' ? 0.8 : 0.1,
      },
      byTopic: topicIds.map((topicId) => ({ topicId, label: spec.toward?.[topicId] ?? label, score: 0.8 })),
    },
    model: { id: 'rubert-tiny-sentiment', version: spec.modelVersion ?? 'v1' },
    scoredAt: spec.scoredAt ?? '2026-03-01T12:06:00.000Z',
  };
}

function topic(id: string, name: string, over: Partial<TrackedTopic> = {}): TrackedTopic {
  return {
    id,
    name,
    keywords: [name.toLowerCase()],
    query: null,
    ownAccounts: [],
    status: 'active',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

const ids = (items: ScoredMention[]): string[] => items.map((m) => m.id);

// ---------- backends ----------

// ---------- the suite, run once per backend ----------

function mentionStoreSuite(openHarness: () => Promise<Harness>): void {
  let harness: Harness;
  let client: SqlClient;
  let mentionRepo: MentionRepository;
  let analyticsRepo: AnalyticsRepository;
  let topicRepo: TopicRepository;
  let keyRepo: ApiKeyRepository;
  let retentionRepo: RetentionRepository;
  const migrate = (db: SqlClient = client) => runMigrations(db, MIGRATIONS);

  beforeAll(async () => {
    harness = await openHarness();
    client = harness.client;
    mentionRepo = new MentionRepository(client);
    analyticsRepo = new AnalyticsRepository(client);
    topicRepo = new TopicRepository(client);
    keyRepo = new ApiKeyRepository(client);
    retentionRepo = new RetentionRepository(client);
    await migrate();
  });

  afterAll(async () => {
    await client?.close();
    await harness?.dispose();
  });

  beforeEach(async () => {
    await client.exec('TRUNCATE mentions, mention_events, topics, api_keys');
  });

  const rowCount = async (): Promise<number> =>
    (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM mentions'))[0]?.n ?? -1;

  describe('migrations', () => {
    it('are idempotent and recorded once per version', async () => {
      await migrate();
      await Promise.all([migrate(), migrate()]);
      const rows = await client.query<{ version: number; name: string }>(
        'SELECT version, name FROM schema_migrations ORDER BY version',
      );
      expect(rows).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
      expect(rows.slice(0, 4).map((r) => r.name)).toEqual(['init', 'analytics', 'workflow', 'topic-tone']);
    });

    it('serializes two processes migrating the same empty schema at once', async () => {
      if (!harness.sibling) return; // PGlite is single-process: nothing to race.
      const a = harness.sibling();
      const b = harness.sibling();
      try {
        // Empty the test's schema, whatever later migrations add to it.
        await client.exec(`DO $$ DECLARE r record; BEGIN
            FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
              EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', r.tablename);
            END LOOP;
            FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema() LOOP
              EXECUTE format('DROP FUNCTION IF EXISTS %s CASCADE', r.fn);
            END LOOP;
          END $$`);
        await Promise.all([migrate(a), migrate(b), migrate()]);
        const rows = await client.query('SELECT version FROM schema_migrations');
        expect(rows).toHaveLength(MIGRATIONS.length);
        expect(await rowCount()).toBe(0);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
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
      expect(page).toEqual({ items: [], totalCount: 23, hasNextPage: false });
    });

    it('rejects a non-positive or fractional page size', async () => {
      await expect(mentionRepo.findMentions({}, 0)).rejects.toThrow(/first must be a positive integer/);
      await expect(mentionRepo.findMentions({}, -5)).rejects.toThrow(RangeError);
      await expect(mentionRepo.findMentions({}, 1.5)).rejects.toThrow(RangeError);
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

  describe('topics', () => {
    it('creates, lists by name without deleted ones, updates and soft-deletes', async () => {
      expect(await topicRepo.listTopics()).toEqual([]);
      expect(await topicRepo.getTopic('t1')).toBeNull();

      const zeta = topic('t1', 'Zeta');
      const acme = topic('t2', 'acme');
      const beta = topic('t3', 'Beta');
      await topicRepo.upsertTopic(zeta);
      await topicRepo.upsertTopic(acme);
      await topicRepo.upsertTopic(beta);
      expect(await topicRepo.listTopics()).toEqual([acme, beta, zeta]);
      expect(await topicRepo.getTopic('t2')).toEqual(acme);

      const renamed = { ...zeta, name: 'Alpha', keywords: ['alpha', 'альфа'], updatedAt: '2026-02-01T00:00:00.000Z' };
      await topicRepo.upsertTopic(renamed);
      expect(await topicRepo.listTopics()).toEqual([acme, renamed, beta]);

      const deleted = { ...beta, status: 'deleted' as const, updatedAt: '2026-02-02T00:00:00.000Z' };
      await topicRepo.upsertTopic(deleted);
      expect(await topicRepo.listTopics()).toEqual([acme, renamed]);
      expect(await topicRepo.getTopic('t3')).toEqual(deleted);

      // A replayed older version from the compacted log does not win.
      await topicRepo.upsertTopic(zeta);
      expect(await topicRepo.getTopic('t1')).toEqual(renamed);
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

  describe('rollups', () => {
    interface RollupRow {
      topic_id: string;
      bucket: string;
      source: string;
      sentiment_label: string;
      mentions: number;
    }
    const rollups = async (): Promise<RollupRow[]> =>
      client.query<RollupRow>(
        `SELECT topic_id, to_char(bucket AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24') AS bucket, source, sentiment_label, mentions
         FROM mention_rollups WHERE mentions <> 0 ORDER BY 1, 2, 3, 4`,
      );
    /** The rollups recomputed from scratch: what incremental maintenance must always equal. */
    const recount = async (): Promise<RollupRow[]> =>
      client.query<RollupRow>(
        `SELECT t.topic_id, to_char(date_trunc('hour', m.published_at, 'UTC') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24') AS bucket,
                m.source, mention_topic_tone(m.payload, m.sentiment_label, t.topic_id) AS sentiment_label, count(*)::int AS mentions
         FROM mentions m CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(m.topic_ids || ''::text) x) t(topic_id)
         WHERE m.listed GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      );

    it('count each listed mention per topic, hour, source and tone, plus once under the all-topics row', async () => {
      await mentionRepo.upsertMentions([
        mention({ id: 'r1', topicIds: ['acme', 'globex'], label: 'negative', publishedAt: '2026-03-01T10:05:00.000Z' }),
        mention({ id: 'r2', topicIds: ['acme', 'acme'], label: 'negative', publishedAt: '2026-03-01T10:55:00.000Z' }),
        mention({ id: 'r3', topicIds: [], label: 'positive', publishedAt: '2026-03-01T11:00:00.000Z', source: 'vk' }),
        mention({ id: 'r4', topicIds: ['acme'], label: 'positive', spam: 0.8, publishedAt: '2026-03-01T11:00:00.000Z' }),
      ]);
      expect(await rollups()).toEqual([
        { topic_id: '', bucket: '2026-03-01T10', source: 'demo', sentiment_label: 'negative', mentions: 2 },
        { topic_id: '', bucket: '2026-03-01T11', source: 'vk', sentiment_label: 'positive', mentions: 1 },
        { topic_id: 'acme', bucket: '2026-03-01T10', source: 'demo', sentiment_label: 'negative', mentions: 2 },
        { topic_id: 'globex', bucket: '2026-03-01T10', source: 'demo', sentiment_label: 'negative', mentions: 1 },
      ]);
    });

    it('count each topic with the tone toward it, and the all-topics row with the overall tone; scans for one topic agree', async () => {
      await mentionRepo.upsertMentions([
        mention({ id: 'cmp', topicIds: ['acme', 'globex'], label: 'neutral', toward: { acme: 'positive', globex: 'negative' }, publishedAt: '2026-03-01T10:05:00.000Z' }),
      ]);
      expect(await rollups()).toEqual([
        { topic_id: '', bucket: '2026-03-01T10', source: 'demo', sentiment_label: 'neutral', mentions: 1 },
        { topic_id: 'acme', bucket: '2026-03-01T10', source: 'demo', sentiment_label: 'positive', mentions: 1 },
        { topic_id: 'globex', bucket: '2026-03-01T10', source: 'demo', sentiment_label: 'negative', mentions: 1 },
      ]);
      const window = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' };
      // Rollup path (hour-aligned, one topic) and scan path (a language filter forces it) give the same answer.
      expect(await analyticsRepo.sourceBreakdown({ ...window, topicIds: ['globex'] })).toEqual([{ source: 'demo', negative: 1, neutral: 0, positive: 0, total: 1 }]);
      expect(await analyticsRepo.sourceBreakdown({ ...window, topicIds: ['globex'], languages: ['en'] })).toEqual([{ source: 'demo', negative: 1, neutral: 0, positive: 0, total: 1 }]);
      expect((await analyticsRepo.topAuthors({ topicIds: ['acme'] }, 5))[0]).toMatchObject({ positive: 1, negative: 0 });
      expect(ids((await mentionRepo.findMentions({ topicIds: ['globex'], sentiments: ['negative'] }, 10)).items)).toEqual(['cmp']);
      expect(ids((await mentionRepo.findMentions({ topicIds: ['acme'], sentiments: ['negative'] }, 10)).items)).toEqual([]);
      // Several topics: the overall tone.
      expect(ids((await mentionRepo.findMentions({ topicIds: ['acme', 'globex'], sentiments: ['neutral'] }, 10)).items)).toEqual(['cmp']);
      expect(await rollups()).toEqual(await recount());
    });

    it('do not double count re-deliveries, and move a re-scored mention from its old tone to the new one', async () => {
      const first = mention({ id: 'rs', label: 'positive' });
      await mentionRepo.upsertMentions([first]);
      await mentionRepo.upsertMentions([first]);
      await mentionRepo.upsertMentions([{ ...first, scoredAt: '2026-03-01T13:00:00.000Z' }]);
      expect((await rollups()).map((r) => [r.topic_id, r.sentiment_label, r.mentions])).toEqual([
        ['', 'positive', 1],
        ['acme', 'positive', 1],
      ]);
      await mentionRepo.upsertMentions([mention({ id: 'rs', label: 'negative', scoredAt: '2026-03-02T00:00:00.000Z' })]);
      expect((await rollups()).map((r) => [r.topic_id, r.sentiment_label, r.mentions])).toEqual([
        ['', 'negative', 1],
        ['acme', 'negative', 1],
      ]);
      // A late, older score is ignored by the upsert, so the rollups must not move either.
      await mentionRepo.upsertMentions([first]);
      expect(await rollups()).toEqual(await recount());
    });

    it('follow a mention in and out of spam, across topics and hours, and through retention', async () => {
      const base = mention({ id: 'mv', topicIds: ['acme'], publishedAt: '2026-03-01T10:00:00.000Z' });
      const steps: ScoredMention[] = [
        { ...base, spam: { score: 0.9, reasons: ['x'] }, scoredAt: '2026-03-01T12:10:00.000Z' },
        { ...base, scoredAt: '2026-03-01T12:20:00.000Z', topicIds: ['globex', 'initech'] },
        { ...base, scoredAt: '2026-03-01T12:30:00.000Z', publishedAt: '2026-03-01T09:59:59.000Z' },
        { ...base, scoredAt: '2026-03-01T12:40:00.000Z', duplicateOf: 'other' },
        { ...base, scoredAt: '2026-03-01T12:50:00.000Z' },
      ];
      await mentionRepo.upsertMentions([base, mention({ id: 'keep', publishedAt: '2026-03-05T00:00:00.000Z' })]);
      for (const step of steps) {
        await mentionRepo.upsertMentions([step]);
        expect(await rollups()).toEqual(await recount());
      }
      expect(await retentionRepo.deleteMentionsBefore('2026-03-02T00:00:00.000Z', 10)).toBe(1);
      expect(await rollups()).toEqual(await recount());
      expect(await client.query('SELECT 1 FROM mention_rollups WHERE mentions = 0')).toEqual([]);
      await client.exec('TRUNCATE mentions, mention_events');
      expect(await client.query('SELECT 1 FROM mention_rollups')).toEqual([]);
    });

    it('stay equal to a full recount after a large mixed batch', async () => {
      const labels: SentimentLabel[] = ['negative', 'neutral', 'positive'];
      const batch = Array.from({ length: 600 }, (_, i) =>
        mention({
          id: `mix-${i}`,
          label: labels[i % 3],
          topicIds: [['acme'], ['globex'], ['acme', 'globex'], []][i % 4],
          source: (['vk', 'telegram', 'demo'] as const)[i % 3],
          spam: i % 7 === 0 ? 0.7 : 0,
          publishedAt: new Date(Date.UTC(2026, 2, 1) + i * 600_000).toISOString(),
        }),
      );
      await mentionRepo.upsertMentions(batch);
      const rescored = batch.filter((_, i) => i % 5 === 0).map((m, i) => ({ ...m, sentiment: { ...m.sentiment, label: labels[(i + 1) % 3]! }, scoredAt: '2026-04-01T00:00:00.000Z' }));
      await mentionRepo.upsertMentions(rescored);
      expect(await rollups()).toEqual(await recount());
      expect(await retentionRepo.deleteMentionsBefore('2026-03-02T00:00:00.000Z', 50)).toBe(50);
      while ((await retentionRepo.deleteMentionsBefore('2026-03-02T00:00:00.000Z', 50)) > 0);
      expect(await rollups()).toEqual(await recount());
    }, 30_000);
  });

  describe('analytics', () => {
    beforeEach(async () => {
      await mentionRepo.upsertMentions([
        mention({ id: 'a1', topicIds: ['acme'], label: 'negative', publishedAt: '2026-03-02T10:15:00.000Z', handle: 'ivan', source: 'vk' }),
        mention({ id: 'a2', topicIds: ['acme'], label: 'negative', publishedAt: '2026-03-02T10:45:00.000Z', handle: 'ivan', source: 'vk' }),
        mention({ id: 'a3', topicIds: ['acme', 'globex'], label: 'positive', publishedAt: '2026-03-02T12:00:00.000Z', handle: 'olga', source: 'telegram' }),
        mention({ id: 'a4', topicIds: ['globex'], label: 'neutral', publishedAt: '2026-03-04T09:00:00.000Z', handle: 'bob', source: 'telegram' }),
        mention({ id: 'a5', topicIds: ['globex'], label: 'negative', publishedAt: '2026-03-10T09:00:00.000Z', handle: 'ivan', source: 'vk' }),
        mention({ id: 'a6', topicIds: ['acme'], label: 'negative', spam: 0.9, publishedAt: '2026-03-02T10:00:00.000Z', handle: 'spammer' }),
      ]);
    });

    it('sentimentTimeline counts tones per hour with empty buckets filled, from rounded down to the hour', async () => {
      const timeline = await analyticsRepo.sentimentTimeline({ topicIds: ['acme'], from: '2026-03-02T10:30:00.000Z', to: '2026-03-02T13:00:00.000Z' }, 'HOUR');
      expect(timeline).toEqual([
        { start: '2026-03-02T10:00:00.000Z', negative: 2, neutral: 0, positive: 0, total: 2 },
        { start: '2026-03-02T11:00:00.000Z', negative: 0, neutral: 0, positive: 0, total: 0 },
        { start: '2026-03-02T12:00:00.000Z', negative: 0, neutral: 0, positive: 1, total: 1 },
      ]);
    });

    it('sentimentTimeline by day and by (Monday) week, all topics counting each mention once', async () => {
      const days = await analyticsRepo.sentimentTimeline({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-05T00:00:00.000Z' }, 'DAY');
      expect(days.map((d) => [d.start.slice(0, 10), d.total, d.negative])).toEqual([
        ['2026-03-02', 3, 2],
        ['2026-03-03', 0, 0],
        ['2026-03-04', 1, 0],
      ]);
      const weeks = await analyticsRepo.sentimentTimeline({ topicIds: [], from: '2026-03-01T00:00:00.000Z', to: '2026-03-15T00:00:00.000Z' }, 'WEEK');
      expect(weeks.map((w) => [w.start, w.total])).toEqual([
        ['2026-02-23T00:00:00.000Z', 0],
        ['2026-03-02T00:00:00.000Z', 4],
        ['2026-03-09T00:00:00.000Z', 1],
      ]);
    });

    it('topicVolumes counts per topic in the window, zero for silent topics', async () => {
      const volumes = await analyticsRepo.topicVolumes({ topicIds: ['acme', 'globex', 'initech'], from: '2026-03-01T00:00:00.000Z', to: '2026-03-05T00:00:00.000Z' });
      expect(volumes).toEqual([
        { topicId: 'acme', negative: 2, neutral: 0, positive: 1, total: 3 },
        { topicId: 'globex', negative: 0, neutral: 1, positive: 1, total: 2 },
        { topicId: 'initech', negative: 0, neutral: 0, positive: 0, total: 0 },
      ]);
    });

    it('topAuthors ranks authors by volume under any filter', async () => {
      const top = await analyticsRepo.topAuthors({ sentiments: ['negative'] }, 10);
      expect(top.map((a) => [a.handle, a.source, a.total, a.negative])).toEqual([['ivan', 'vk', 3, 3]]);
      expect(top[0]).toMatchObject({ authorId: 'uid-ivan', name: 'Alice', followers: null });
      expect((await analyticsRepo.topAuthors({ topicIds: ['acme'] }, 2)).map((a) => a.handle)).toEqual(['ivan', 'olga']);
      // Ties on volume go to the more negative author: the one driving a wave.
      expect((await analyticsRepo.topAuthors({ includeSpam: true, topicIds: ['acme'] }, 2)).map((a) => a.handle)).toEqual(['ivan', 'spammer']);
    });

    it('sourceBreakdown counts per source and tone under the filter', async () => {
      expect(await analyticsRepo.sourceBreakdown({ topicIds: ['globex'] })).toEqual([
        { source: 'telegram', negative: 0, neutral: 1, positive: 1, total: 2 },
        { source: 'vk', negative: 1, neutral: 0, positive: 0, total: 1 },
      ]);
    });
  });

  describe('sourceBreakdown from rollups', () => {
    it('gives the same answer as a scan of mentions whenever it takes the rollup path', async () => {
      const labels: SentimentLabel[] = ['negative', 'neutral', 'positive'];
      await mentionRepo.upsertMentions(
        Array.from({ length: 120 }, (_, i) =>
          mention({
            id: `sb-${i}`,
            label: labels[i % 3],
            source: (['vk', 'telegram', 'reddit'] as const)[i % 3 === 0 ? 0 : i % 2],
            topicIds: i % 4 === 0 ? ['acme', 'globex'] : ['acme'],
            spam: i % 9 === 0 ? 0.8 : 0,
            duplicateOf: i % 11 === 0 ? 'x' : undefined,
            publishedAt: new Date(Date.UTC(2026, 2, 1) + i * 1_700_000).toISOString(),
          }),
        ),
      );
      // languages: ['en'] matches every fixture but forces the scan.
      const filters: MentionFilter[] = [
        {},
        { topicIds: ['globex'] },
        { topicIds: ['acme'], from: '2026-03-01T10:00:00.000Z', to: '2026-03-02T05:00:00.000Z', sentiments: ['negative', 'positive'] },
        { sources: ['vk'] },
      ];
      for (const filter of filters) {
        const viaRollups = await analyticsRepo.sourceBreakdown(filter);
        expect(viaRollups.length).toBeGreaterThan(0);
        expect(viaRollups).toEqual(await analyticsRepo.sourceBreakdown({ ...filter, languages: ['en'] }));
      }
    });
  });

  describe('api keys', () => {
    const key = {
      id: 'k1',
      name: 'dashboard',
      role: 'viewer' as const,
      sha256: 'a'.repeat(64),
      revoked: false,
      createdAt: '2026-03-01T00:00:00.000Z',
      updatedAt: '2026-03-01T00:00:00.000Z',
    };

    it('stores, finds by hash, revokes and records use at most once a minute', async () => {
      await keyRepo.upsertApiKey(key);
      expect(await keyRepo.findApiKeyBySha256(key.sha256)).toEqual({ ...key, lastUsedAt: null });
      expect(await keyRepo.findApiKeyBySha256('b'.repeat(64))).toBeNull();
      await keyRepo.upsertApiKey({ ...key, revoked: true, updatedAt: '2026-03-02T00:00:00.000Z' });
      expect(await keyRepo.getApiKey('k1')).toMatchObject({ revoked: true, createdAt: key.createdAt });
      await keyRepo.touchApiKey('k1', '2026-03-03T00:00:00.000Z');
      await keyRepo.touchApiKey('k1', '2026-03-03T00:00:30.000Z');
      expect((await keyRepo.listApiKeys()).map((k) => k.lastUsedAt)).toEqual(['2026-03-03T00:00:00.000Z']);
      await expect(keyRepo.upsertApiKey({ ...key, id: 'k2' })).rejects.toThrow(/duplicate|unique/i);
    });
  });

  describe('ping', () => {
    it('is true on a live connection', async () => {
      expect(await pingDatabase(client)).toBe(true);
    });
  });
}

describe('mention, analytics, topic, key and retention repositories on PGlite', () => {
  mentionStoreSuite(pgliteHarness);

  it('ping is false once closed, and close is idempotent', async () => {
    const closed = await PgliteClient.open();
    await closed.close();
    await closed.close();
    expect(await pingDatabase(closed)).toBe(false);
  });
});

const databaseUrl = process.env['PULSE_TEST_DATABASE_URL'];

// CI must exercise the PostgreSQL path too; only a developer's quick run may leave it out.
it.runIf(process.env['CI'] === 'true' && !databaseUrl)('CI provides PULSE_TEST_DATABASE_URL (.ci/run starts PostgreSQL)', () => {
  expect.fail('PULSE_TEST_DATABASE_URL is not set in CI: the PostgreSQL store suite would be skipped');
});

describe.runIf(databaseUrl)('mention, analytics, topic, key and retention repositories on PostgreSQL', () => {
  mentionStoreSuite(() => postgresHarness(databaseUrl ?? ''));

  it('ping is false when the server is unreachable', async () => {
    const unreachable = new PostgresClient({ connectionString: 'postgres://nobody@127.0.0.1:1/none', poolSize: 1 });
    expect(await pingDatabase(unreachable)).toBe(false);
    await unreachable.close();
    await unreachable.close();
  });
});
