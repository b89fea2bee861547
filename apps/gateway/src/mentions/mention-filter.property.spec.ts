import { SENTIMENT_LABELS, type IntentLabel, type ScoredMention, type SentimentLabel, type Source } from '@pulse/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorStats } from '../analytics/analytics.model.js';
import { AnalyticsRepository } from '../analytics/analytics.repository.js';
import { recountAuthorRollups, storedAuthorRollups } from '../analytics/testing/author-rollups.recount.js';
import { openDatabase } from '../database/database.js';
import type { SqlClient } from '../database/sql-client.port.js';
import { compileMentionFilter } from './mention-filter.js';
import type { MentionFilter } from './mention.model.js';
import { MentionRepository } from './mention.repository.js';

// The SQL filter (stored queries, export, analytics) and the in-memory predicate (live feed)
// are two translations of one MentionFilter: generated mentions and filters must agree on both,
// and the rollup shortcuts (topic and author rollups) must equal a recount of the rows.

const TOPICS = ['mts', 'beeline', 'tele2'];
const SOURCES: Source[] = ['vk', 'telegram', 'twitter', 'demo'];
const LANGUAGES = ['ru', 'en', 'uk'];
const HANDLES = ['ivan', 'Ivan', 'olga', 'bot_1'];
const INTENTS: IntentLabel[] = ['complaint', 'question', 'praise', 'other'];
const T0 = Date.parse('2026-03-01T00:00:00.000Z');
const HOUR = 3_600_000;

const label = fc.constantFrom<SentimentLabel>(...SENTIMENT_LABELS);

const mentionArb = (index: number) =>
  fc
    .record({
      topicIds: fc.subarray(TOPICS, { minLength: 1 }),
      label,
      toward: fc.array(label, { minLength: 3, maxLength: 3 }),
      source: fc.constantFrom(...SOURCES),
      language: fc.constantFrom(...LANGUAGES),
      handle: fc.constantFrom(...HANDLES),
      minutes: fc.integer({ min: 0, max: 48 * 60 }),
      spam: fc.constantFrom(0, 0.2, 0.5, 0.9),
      duplicate: fc.boolean(),
      intent: fc.option(fc.record({ label: fc.constantFrom(...INTENTS), replyNeeded: fc.boolean() }), { nil: undefined }),
    })
    .map((r): ScoredMention => {
      const id = `m${index}`;
      const at = new Date(T0 + r.minutes * 60_000).toISOString();
      return {
        id,
        source: r.source,
        sourceId: id,
        url: null,
        text: `text ${id}`,
        language: r.language,
        author: { id: r.handle.toLowerCase(), handle: r.handle, name: r.handle, url: null },
        publishedAt: at,
        collectedAt: at,
        topicIds: r.topicIds,
        matches: r.topicIds.map((topicId) => ({ topicId, terms: [topicId] })),
        direct: false,
        duplicateOf: r.duplicate && index > 0 ? 'm0' : null,
        spam: { score: r.spam, reasons: [] },
        sentiment: {
          label: r.label,
          score: 0.8,
          scores: { negative: 0.1, neutral: 0.1, positive: 0.8 },
          // The scored stream's invariant (apps/sentiment scoring): a one-topic mention's tone toward
          // its topic is its overall tone; the SQL tone expression relies on it (0004-topic-tone).
          byTopic: r.topicIds.map((topicId) => ({ topicId, label: r.topicIds.length === 1 ? r.label : r.toward[TOPICS.indexOf(topicId)]!, score: 0.8 })),
        },
        ...(r.intent ? { intent: { ...r.intent, confidence: 0.7, reasons: [] } } : {}),
        model: { id: 'm', version: '1' },
        scoredAt: at,
      } as ScoredMention;
    });

const hourIso = fc.integer({ min: 0, max: 48 }).map((h) => new Date(T0 + h * HOUR).toISOString());
const minuteIso = fc.integer({ min: 0, max: 48 * 60 }).map((m) => new Date(T0 + m * 60_000).toISOString());

const filterArb: fc.Arbitrary<MentionFilter> = fc
  .record(
    {
      topicIds: fc.subarray(TOPICS, { minLength: 1 }),
      sentiments: fc.subarray([...SENTIMENT_LABELS], { minLength: 1 }),
      sources: fc.subarray(SOURCES, { minLength: 1 }),
      languages: fc.subarray(LANGUAGES, { minLength: 1 }),
      from: fc.oneof(hourIso, minuteIso),
      to: fc.oneof(hourIso, minuteIso),
      authorHandle: fc.constantFrom(...HANDLES),
      includeSpam: fc.boolean(),
      includeDuplicates: fc.boolean(),
      intents: fc.subarray(INTENTS, { minLength: 1 }),
      replyNeeded: fc.boolean(),
    },
    { requiredKeys: [] },
  )
  .map((f) => f as MentionFilter);

/** topAuthors recomputed in memory: matching mentions per (source, author), shown as the author's latest mention. */
function rankAuthors(mentions: readonly ScoredMention[], filter: MentionFilter, limit: number): AuthorStats[] {
  const matches = compileMentionFilter(filter);
  const one = filter.topicIds?.length === 1 ? filter.topicIds[0] : undefined;
  const counts = new Map<string, AuthorStats>();
  const latest = new Map<string, ScoredMention>();
  const newer = (a: ScoredMention, b: ScoredMention): boolean => a.publishedAt > b.publishedAt || (a.publishedAt === b.publishedAt && a.id > b.id);
  for (const m of mentions) {
    const key = `${m.source}\u0000${m.author.id}`;
    const seen = latest.get(key);
    if (!seen || newer(m, seen)) latest.set(key, m);
    if (!matches(m)) continue;
    const tone = (one && m.sentiment.byTopic.find((t) => t.topicId === one)?.label) || m.sentiment.label;
    const row = counts.get(key) ?? { source: m.source, authorId: m.author.id, handle: '', name: '', followers: null, negative: 0, neutral: 0, positive: 0, total: 0 };
    row[tone] += 1;
    row.total += 1;
    counts.set(key, row);
  }
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...counts.entries()]
    .map(([key, row]) => {
      const shown = latest.get(key)!;
      return { ...row, handle: shown.author.handle, name: shown.author.name ?? '', followers: shown.author.followers ?? null };
    })
    .sort((a, b) => b.total - a.total || b.negative - a.negative || order(a.source, b.source) || order(a.authorId, b.authorId))
    .slice(0, limit);
}

function recount(mentions: readonly ScoredMention[], filter: MentionFilter): Map<string, Record<SentimentLabel, number>> {
  const matches = compileMentionFilter(filter);
  const one = filter.topicIds?.length === 1 ? filter.topicIds[0] : undefined;
  const out = new Map<string, Record<SentimentLabel, number>>();
  for (const m of mentions.filter(matches)) {
    const tone = (one && m.sentiment.byTopic.find((t) => t.topicId === one)?.label) || m.sentiment.label;
    const row = out.get(m.source) ?? { negative: 0, neutral: 0, positive: 0 };
    row[tone] += 1;
    out.set(m.source, row);
  }
  return out;
}

describe('one filter semantics: SQL and the live predicate agree (property, PGlite)', () => {
  let db: SqlClient;
  let mentionRepo: MentionRepository;
  let analytics: AnalyticsRepository;

  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite', dataDir: undefined });
    mentionRepo = new MentionRepository(db);
    analytics = new AnalyticsRepository(db);
  });

  afterAll(async () => {
    await db?.close();
  });

  it('finds exactly the mentions the in-memory predicate accepts, and counts sources like a recount', async () => {
    const dataset = fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => mentionArb(i))));
    await fc.assert(
      fc.asyncProperty(dataset, fc.array(filterArb, { minLength: 1, maxLength: 6 }), async (mentions, filters) => {
        await db.exec('TRUNCATE mentions, mention_events');
        await mentionRepo.upsertMentions(mentions);
        for (const filter of filters) {
          if (filter.from && filter.to && filter.from >= filter.to) continue;
          const expected = mentions.filter(compileMentionFilter(filter)).map((m) => m.id).sort();
          const page = await mentionRepo.findMentions(filter, 1_000);
          expect(page.items.map((m) => m.id).sort(), JSON.stringify(filter)).toEqual(expected);
          expect(page.totalCount).toBe(expected.length);
          expect(page.totalCountIsExact).toBe(true);
          // sourceBreakdown answers from the rollups when the filter allows it, else by a scan: both must equal the recount.
          const breakdown = await analytics.sourceBreakdown(filter);
          const counted = recount(mentions, filter);
          expect(
            Object.fromEntries(breakdown.map((r) => [r.source, { negative: r.negative, neutral: r.neutral, positive: r.positive }])),
            JSON.stringify(filter),
          ).toEqual(Object.fromEntries([...counted].filter(([, r]) => r.negative + r.neutral + r.positive > 0)));
          // topAuthors takes the weekly bound, the daily author rollups or a scan as the filter allows: each must equal the recount.
          for (const limit of [2, 100]) {
            expect(await analytics.topAuthors(filter, limit), JSON.stringify(filter)).toEqual(rankAuthors(mentions, filter, limit));
          }
        }
        // Incremental maintenance (including the re-scores and removals below) equals a recount.
        expect(await storedAuthorRollups(db)).toEqual(await recountAuthorRollups(db));
        const rescored = mentions.filter((_, i) => i % 3 === 0).map((m) => ({ ...m, sentiment: { ...m.sentiment, label: 'negative' as const, byTopic: m.sentiment.byTopic.map((t) => ({ ...t, label: 'negative' as const })) }, scoredAt: '2027-01-01T00:00:00.000Z' }));
        await mentionRepo.upsertMentions(rescored);
        await db.query('DELETE FROM mentions WHERE id = ANY($1::text[])', [mentions.filter((_, i) => i % 4 === 1).map((m) => m.id)]);
        expect(await storedAuthorRollups(db)).toEqual(await recountAuthorRollups(db));
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
