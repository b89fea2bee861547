/**
 * Analyst queries over a large store. Not a test: run after `npm run build`:
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55433/postgres node apps/gateway/dist/bench/analytics.bench.js
 *   node apps/gateway/dist/bench/analytics.bench.js            # PGlite in memory
 *
 * BENCH_MENTIONS (default 1,000,000), BENCH_RUNS (default 20). Loads through the real
 * upsert (so rollups are maintained incrementally, as in production) in batches of
 * 5,000, then prints p50/p95 per query as one JSON line on stdout; progress goes to stderr.
 *
 * Recorded 2026-11-21, PostgreSQL 15 on the 2-core CI machine (other jobs running), 1,000,000
 * mentions (446,905 rollup rows), load 164 s (6,089 mentions/s incl. rollup triggers), 20 runs, ms p50 / p95:
 *   sentimentTimeline 1 topic, 30 d by DAY       12.8 /   18.9
 *   sentimentTimeline 1 topic, 90 d by HOUR      33.7 /   40.1
 *   sentimentTimeline all, 90 d by WEEK          25.3 /   31.6
 *   shareOfVoice 20 topics, 30 d                 62.3 /   78.7
 *   negativeShare 5 topics, 30 d by DAY          50.0 /   67.4
 *   topAuthors negative, 1 topic, 7 d            60.5 /   78.6
 *   topAuthors all, 30 d (scans ~330k rows)     783.3 / 1234.9
 *   sourceBreakdown 1 topic, 30 d (rollups)      10.7 /   11.7
 *   mentions search + topic + 7 d, totalCount   120.6 /  137.2
 *   mentions negative, 1 topic, totalCount      831.4 /  959.5   (the exact count of ~140k matches dominates)
 *
 * Recorded 2026-12-06 after migration 0008 (day rollups, topic-day index), same machine while other
 * benches and tests ran (load average 4–7), 1,000,000 mentions loaded fresh (33,930 day rollup rows;
 * 2,030 mentions/s into PostgreSQL, 891/s into PGlite, both slowed by the other jobs), 20 runs, ms p50 / p95
 * (PostgreSQL 15 | PGlite in memory; before 0008 on the same machine the same day: PostgreSQL
 * shareOfVoice 65.2 / 74.6 and filteredSearch 67.7 / 92.4 in a loaded run, 78.4 / 110.3 and
 * 72.4 / 112.4 in the 11:38 full run; PGlite 98.8 / 152.2 and 74.8 / 135.3):
 *   sentimentTimeline 1 topic, 30 d by DAY        1.5 /  3.4  |  6.2 / 12.8
 *   sentimentTimeline 1 topic, 90 d by HOUR      26.4 / 31.4  | 74.5 / 94.3   (hourly rows, unchanged)
 *   sentimentTimeline all, 90 d by WEEK           1.8 /  2.2  |  5.5 /  7.2
 *   shareOfVoice 20 topics, 30 d                 14.9 / 20.8  | 16.3 / 29.7   (10,769 day rows, was ~136,000 hourly)
 *   negativeShare 5 topics, 30 d by DAY          13.6 / 27.8  |  6.5 / 14.0
 *   topAuthors negative, 1 topic, 7 d            13.1 / 22.3  |  9.9 / 20.0
 *   topAuthors all, 30 d                         15.9 / 23.1  | 17.4 / 22.4
 *   sourceBreakdown 1 topic, 30 d                 1.1 /  2.6  |  1.4 /  5.2
 *   mentions search + topic + 7 d, totalCount    18.0 / 24.0  | 24.0 / 37.3   (count: 7,853 rows from the topic-day index, was a BitmapAnd of 109k × 72k entries)
 *   mentions negative, 1 topic, totalCount        1.6 /  4.1  |  2.3 /  6.6
 */
import type { ScoredMention, SentimentLabel, Source } from '@pulse/contracts';
import { AnalyticsService } from '../analytics/analytics.service.js';
import { AnalyticsRepository } from '../analytics/analytics.repository.js';
import { MIGRATIONS } from '../database/migrations/migration.registry.js';
import { runMigrations } from '../database/migrations/migration.runner.js';
import { PgliteClient } from '../database/pglite.client.js';
import { PostgresClient } from '../database/postgres.client.js';
import { MentionRepository } from '../mentions/mention.repository.js';
import { RecordingClient, type StatementPlan } from './query-plans.js';

const TOTAL = Number(process.env['BENCH_MENTIONS'] ?? 1_000_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 20);
const BATCH = 5_000;
const DAYS = 90;
const END = Date.UTC(2026, 2, 31);
const TOPICS = Array.from({ length: 20 }, (_, i) => `brand-${i}`);
const SOURCES: Source[] = ['vk', 'telegram', 'twitter', 'reddit', 'youtube', 'web'];
const WORDS = ['интернет', 'провайдер', 'связь', 'скорость', 'поддержка', 'тариф', 'деньги', 'сбой', 'роуминг', 'офис', 'support', 'outage', 'billing', 'network', 'app', 'delivery', 'курьер', 'заказ', 'возврат', 'карта'];

/** Deterministic (mulberry32, 32-bit integer math), so runs on different machines load the same data. */
let seed = 42;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function generate(i: number): ScoredMention {
  // Skewed: brand-0 is the loudest, like a real client brand among competitors.
  const topic = TOPICS[Math.min(TOPICS.length - 1, Math.floor(-Math.log(1 - random()) * 4))]!;
  const topicIds = random() < 0.1 ? [topic, pick(TOPICS)] : [topic];
  const roll = random();
  const label: SentimentLabel = roll < 0.4 ? 'negative' : roll < 0.75 ? 'neutral' : 'positive';
  const author = Math.floor(random() ** 2 * 50_000);
  const published = new Date(END - Math.floor(random() * DAYS * 86_400_000)).toISOString();
  const text = Array.from({ length: 8 + Math.floor(random() * 12) }, () => pick(WORDS)).join(' ') + ` ${topic}`;
  return {
    id: `bench:${i}`,
    source: pick(SOURCES),
    sourceId: String(i),
    url: null,
    text,
    language: 'ru',
    author: { id: String(author), handle: `user${author}`, name: `User ${author}`, url: null, followers: author % 1000 },
    publishedAt: published,
    collectedAt: published,
    topicIds: [...new Set(topicIds)],
    matches: [...new Set(topicIds)].map((topicId) => ({ topicId, terms: [topicId] })),
    direct: random() < 0.02,
    duplicateOf: random() < 0.03 && i > 0 ? `bench:${i - 1}` : null,
    spam: { score: random() < 0.05 ? 0.9 : 0.05, reasons: [] },
    sentiment: { label, score: 0.8, scores: { negative: 0.1, neutral: 0.1, positive: 0.8 }, byTopic: [] },
    model: { id: 'bench', version: '1' },
    scoredAt: published,
  };
}

interface Timing {
  key: string;
  name: string;
  p50Ms: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

async function time(key: string, name: string, fn: () => Promise<unknown>): Promise<Timing> {
  await fn(); // warm-up: plans and buffers
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number): number => Math.round(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]! * 10) / 10;
  const result = { key, name, p50Ms: at(0.5), p95Ms: at(0.95), minMs: at(0), maxMs: at(1) };
  process.stderr.write(`${JSON.stringify(result)}\n`);
  return result;
}

async function main(): Promise<void> {
  const url = process.env['BENCH_DATABASE_URL'];
  // BENCH_PGLITE_DIR keeps PGlite's data on disk (with BENCH_REUSE, to measure again without reloading); default in memory.
  const pgliteDir = process.env['BENCH_PGLITE_DIR'];
  const client = new RecordingClient(url ? new PostgresClient({ connectionString: url, poolSize: 4 }) : await PgliteClient.open(pgliteDir ? { dataDir: pgliteDir } : {}));
  const store = new MentionRepository(client);
  await runMigrations(client, MIGRATIONS);
  const [stored] = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM mentions');
  // BENCH_REUSE=1 keeps a database this bench already loaded with the same BENCH_MENTIONS (PostgreSQL or BENCH_PGLITE_DIR).
  const reuse = process.env['BENCH_REUSE'] === '1' && stored?.n === TOTAL;
  if (!reuse) await client.exec('TRUNCATE mentions, mention_events');

  const loadStart = performance.now();
  for (let done = 0; done < (reuse ? 0 : TOTAL); done += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, TOTAL - done) }, (_, j) => generate(done + j));
    await store.upsertMentions(batch);
    if ((done + BATCH) % 50_000 === 0 || done + BATCH >= TOTAL) {
      const seconds = (performance.now() - loadStart) / 1000;
      process.stderr.write(`loaded ${Math.min(done + BATCH, TOTAL)} / ${TOTAL} (${Math.round(Math.min(done + BATCH, TOTAL) / seconds)} mentions/s)\n`);
    }
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  // One statement each: VACUUM refuses to run inside the implicit transaction of a multi-statement string.
  await client.exec('VACUUM ANALYZE mentions');
  await client.exec('VACUUM ANALYZE mention_rollups');
  await client.exec('VACUUM ANALYZE mention_day_rollups');
  await client.exec('VACUUM ANALYZE author_rollups');
  await client.exec('VACUUM ANALYZE author_week_rollups');
  const [counts] = await client.query<{ mentions: number; rollups: number; day_rollups: number; author_rollups: number; author_week_rollups: number }>(
    `SELECT (SELECT count(*)::int FROM mentions) AS mentions, (SELECT count(*)::int FROM mention_rollups) AS rollups,
            (SELECT count(*)::int FROM mention_day_rollups) AS day_rollups,
            (SELECT count(*)::int FROM author_rollups) AS author_rollups, (SELECT count(*)::int FROM author_week_rollups) AS author_week_rollups`,
  );

  const analytics = new AnalyticsService(new AnalyticsRepository(client), async () => TOPICS);
  const day = 86_400_000;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const month = { from: iso(END - 30 * day), to: iso(END) };
  const week = { from: iso(END - 7 * day), to: iso(END) };
  const slow: Record<string, () => Promise<unknown>> = {
    topAuthors: () => analytics.topAuthors({ topicIds: ['brand-0'], sentiments: ['negative'], ...week }, 10),
    topAuthorsAll: () => analytics.topAuthors(month, 10),
    filteredSearch: () => store.findMentions({ search: 'роуминг -сбой', topicIds: ['brand-3'], ...week }, 20),
    negativeMentions: () => store.findMentions({ topicIds: ['brand-0'], sentiments: ['negative'] }, 20),
  };
  const results = [
    await time('timeline', 'sentimentTimeline 1 topic, 30 days by DAY', () => analytics.sentimentTimeline({ topicIds: ['brand-0'], ...month }, 'DAY')),
    await time('timelineHourly', 'sentimentTimeline 1 topic, 90 days by HOUR', () => analytics.sentimentTimeline({ topicIds: ['brand-0'], from: iso(END - DAYS * day), to: iso(END) }, 'HOUR')),
    await time('timelineAll', 'sentimentTimeline all mentions, 90 days by WEEK', () => analytics.sentimentTimeline({ from: iso(END - DAYS * day), to: iso(END) }, 'WEEK')),
    await time('shareOfVoice', 'shareOfVoice 20 topics, 30 days', () => analytics.shareOfVoice(month)),
    await time('negativeShare', 'negativeShare 5 topics, 30 days by DAY', () => analytics.negativeShare({ topicIds: TOPICS.slice(0, 5), ...month }, 'DAY')),
    await time('topAuthors', 'topAuthors negative, 1 topic, 7 days', slow['topAuthors']!),
    await time('topAuthorsAll', 'topAuthors all, 30 days', slow['topAuthorsAll']!),
    await time('sourceBreakdown', 'sourceBreakdown 1 topic, 30 days', () => analytics.sourceBreakdown({ topicIds: ['brand-0'], ...month })),
    await time('filteredSearch', 'mentions search "роуминг -сбой" + topic + 7 days, first 20 with totalCount', slow['filteredSearch']!),
    await time('negativeMentions', 'mentions negative, 1 topic, first 20 with totalCount', slow['negativeMentions']!),
  ];
  // The four queries issue 17 names, and share of voice (the widest rollup read): every statement
  // each ran, as EXPLAIN (ANALYZE, BUFFERS) shows it.
  const explained: Record<string, () => Promise<unknown>> = { ...slow, shareOfVoice: () => analytics.shareOfVoice(month) };
  const plans: Record<string, StatementPlan[]> = {};
  for (const [key, fn] of Object.entries(explained)) plans[key] = await client.plans(fn);
  const goalP95Ms = url ? 100 : 150;
  const database = url ? ((await client.query<{ version: string }>('SELECT version()'))[0]?.version ?? 'postgres') : pgliteDir ? 'PGlite (on disk)' : 'PGlite (in memory)';
  process.stdout.write(
    // One line: `npm run bench` collects it with the other stages' figures.
    `${JSON.stringify({
      database,
      mentions: counts?.mentions,
      rollupRows: counts?.rollups,
      dayRollupRows: counts?.day_rollups,
      authorRollupRows: counts?.author_rollups,
      authorWeekRollupRows: counts?.author_week_rollups,
      reusedLoad: reuse,
      loadSeconds: reuse ? null : Math.round(loadSeconds),
      loadPerSecond: reuse ? null : Math.round(TOTAL / loadSeconds),
      runs: RUNS,
      queries: Object.fromEntries(results.map(({ key, ...timing }) => [key, { ...timing, ...(key in slow ? { goalP95Ms } : {}) }])),
      plans,
    })}\n`,
  );
  await client.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
