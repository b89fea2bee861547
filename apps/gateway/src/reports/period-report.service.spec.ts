import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlClient } from '../database/sql-client.port.js';
import { pgliteHarness, postgresHarness, type Harness } from '../database/testing/sql-harness.js';
import type { PeriodReportService } from './period-report.service.js';
import { WorkflowStatsRepository } from '../workflow/workflow-stats.repository.js';
import { formatDuration } from './report-format.js';
import { DAY_FROM, DAY_TO, loadReportFixture, storeAnsweredRequest } from './testing/report-fixture.js';

/**
 * Every figure below is worked out by hand from the fixture (testing/report-fixture.ts):
 *
 * MTS mentions published on 2026-03-02, listed (m6 is spam; m8 and m10 are the days around):
 *   m1 neg, m2 neg, m3 neu, m4 pos, m5 neg, m7 pos (toward MTS; overall negative), m9 pos → 7: 3/1/3.
 * Requests owed an answer (reply needed or taken up, not ignored, collected that day): m1 m2 m3 m7
 *   (m5 was ignored) → 4; responded m1 m2 m7 → 3 (0.75); resolved m1 m2 → 2.
 * First responses from collection: m1 600 s, m2 1,800 s, m7 3,000 s → median 1,800;
 *   p90 = 1,800 + 0.8 × 1,200 = 2,760. Resolutions: m2 1,800 s, m1 4,200 s → median 3,000;
 *   p90 = 1,800 + 0.9 × 2,400 = 3,960.
 * Requests by category (reply needed, listed, any status): connection m1 m2, billing m3 m7, none m5 → 5.
 * Handling (±168 h around each author's first response): anna at 10:11 — before m8 m1 (neg), after m3 m9;
 *   boris at 11:01 — before m2 (neg), after m10 (neg); dmitry at 14:51 — before m7 (overall neg).
 *   Before 4 (4 negative) → 1.0; after 3 (1 negative) → 1/3.
 * Share of voice with the active competitors (МегаФон is paused): MTS 7, Beeline b1 b2 m7 = 3, Tele2 1.
 */
function reportSuite(openHarness: () => Promise<Harness>): void {
  let harness: Harness;
  let client: SqlClient;
  let reports: PeriodReportService;

  beforeAll(async () => {
    harness = await openHarness();
    client = harness.client;
    reports = await loadReportFixture(client);
  });

  afterAll(async () => {
    await client?.close();
    await harness?.dispose();
  });

  it('reports one topic’s day: volumes, requests, reaction times, problems, handling, voice, sources, authors', async () => {
    const report = await reports.report({ topicIds: ['mts'], from: DAY_FROM, to: DAY_TO });
    expect(report).toMatchObject({ topicIds: ['mts'], competitorTopicIds: ['beeline', 'tele2'], from: DAY_FROM, to: DAY_TO, interval: 'HOUR', windowHours: 168 });
    expect(report.topicNames).toEqual({ mts: 'МТС', beeline: 'Билайн', tele2: 'Tele2' });
    expect(report.mentions).toEqual({ total: 7, negative: 3, neutral: 1, positive: 3, negativeShare: 3 / 7 });
    expect(report.requests).toEqual({
      inScope: 4,
      responded: 3,
      resolved: 2,
      answeredShare: 0.75,
      firstResponseMedianSeconds: 1800,
      firstResponseP90Seconds: 2760,
      resolutionMedianSeconds: 3000,
      resolutionP90Seconds: 3960,
    });

    expect(report.categories.map((g) => [g.key, g.name, g.requests, g.share, g.examples.map((e) => e.mentionId)])).toEqual([
      ['net-svyazi-ili-interneta', 'Нет связи или интернета', 2, 0.4, ['m2', 'm1']],
      ['spisaniya-i-oplata', 'Списания и оплата', 2, 0.4, ['m7', 'm3']],
      [null, 'No typical answer', 1, 0.2, ['m5']],
    ]);
    expect(report.intents.map((g) => [g.key, g.name, g.requests, g.share, g.examples.map((e) => e.mentionId)])).toEqual([
      ['complaint', 'Complaint', 3, 0.6, ['m5', 'm2']],
      ['question', 'Question', 2, 0.4, ['m7', 'm3']],
    ]);
    expect(report.categories[0]!.examples[0]).toEqual({
      mentionId: 'm2',
      source: 'vk',
      handle: 'boris',
      url: 'https://vk.com/wall-1_m2',
      excerpt: 'МТС нет интернета с утра, что происходит?',
      publishedAt: '2026-03-02T10:30:00.000Z',
    });

    expect(report.toneTrend).toHaveLength(24);
    const busy = report.toneTrend.filter((b) => b.total > 0).map((b) => [b.start.slice(11, 16), b.negative, b.neutral, b.positive]);
    expect(busy).toEqual([
      ['10:00', 2, 0, 0],
      ['11:00', 0, 1, 0],
      ['12:00', 1, 0, 1],
      ['14:00', 0, 0, 1],
      ['16:00', 0, 0, 1],
    ]);
    expect(report.negativeShareTrend[12]).toEqual({ start: '2026-03-02T12:00:00.000Z', negative: 1, total: 2, share: 0.5 });
    expect(report.negativeShareTrend[13]!.share).toBeNull();

    expect(report.handling).toEqual({ windowHours: 168, authors: 3, beforeTotal: 4, beforeNegative: 4, beforeNegativeShare: 1, afterTotal: 3, afterNegative: 1, afterNegativeShare: 1 / 3 });
    expect(report.shareOfVoice.map((v) => [v.topicId, v.total, v.share, v.negative, v.competitor])).toEqual([
      ['mts', 7, 7 / 11, 3, false],
      ['beeline', 3, 3 / 11, 2, true],
      ['tele2', 1, 1 / 11, 0, true],
    ]);
    expect(report.topSources).toEqual([
      { source: 'vk', total: 5, negative: 2, neutral: 1, positive: 2 },
      { source: 'telegram', total: 2, negative: 1, neutral: 0, positive: 1 },
    ]);
    expect(report.topAuthors.map((a) => [a.handle, a.total, a.negative])).toEqual([
      ['anna', 3, 1],
      ['gleb', 1, 1],
      ['boris', 1, 1],
      ['vera', 1, 0],
      ['dmitry', 1, 0],
    ]);
    expect(report.handledRequests.map((h) => [h.mentionId, h.status, h.firstResponseSeconds, h.resolutionSeconds, h.categoryName])).toEqual([
      ['m7', 'in_progress', 3000, null, 'Списания и оплата'],
      ['m2', 'resolved', 1800, 1800, 'Нет связи или интернета'],
      ['m1', 'resolved', 600, 4200, 'Нет связи или интернета'],
    ]);
    expect(report.handledRequests[0]).toMatchObject({ collectedAt: '2026-03-02T14:01:00.000Z', firstResponseAt: '2026-03-02T14:51:00.000Z', handle: 'dmitry' });
    expect(report.generatedAt).toBe('2026-03-09T08:00:00.000Z');
  });

  it('takes several topics together, each mention once with its overall tone, and only the named competitors', async () => {
    const report = await reports.report({ topicIds: ['mts', 'beeline', 'mts'], competitorTopicIds: [], from: DAY_FROM, to: DAY_TO, interval: 'DAY' });
    expect(report.topicIds).toEqual(['mts', 'beeline']);
    // m7 is about both: counted once, with its overall (negative) tone; b1 negative, b2 neutral.
    expect(report.mentions).toEqual({ total: 9, negative: 5, neutral: 2, positive: 2, negativeShare: 5 / 9 });
    expect(report.toneTrend).toEqual([{ start: DAY_FROM, negative: 5, neutral: 2, positive: 2, total: 9 }]);
    expect(report.shareOfVoice.map((v) => [v.topicId, v.total, v.share, v.competitor])).toEqual([
      ['mts', 7, 0.7, false],
      ['beeline', 3, 0.3, false],
    ]);
    expect(report.requests).toMatchObject({ inScope: 4, responded: 3, resolved: 2 });
    expect(report.topSources).toEqual([
      { source: 'vk', total: 7, negative: 4, neutral: 2, positive: 1 },
      { source: 'telegram', total: 2, negative: 1, neutral: 0, positive: 1 },
    ]);
  });

  it('rounds the bounds to whole hours, picks the interval by length, and refuses bad arguments with the field', async () => {
    const week = await reports.report({ topicIds: ['mts'], from: '2026-03-01T23:30:00Z', to: '2026-03-08T00:10:00Z', competitorTopicIds: ['tele2', 'megafon'] });
    expect(week).toMatchObject({ from: '2026-03-01T23:00:00.000Z', to: '2026-03-08T01:00:00.000Z', interval: 'DAY', competitorTopicIds: ['tele2', 'megafon'] });
    // МегаФон (no mentions) is compared but not listed; shares are of all compared topics.
    expect(week.shareOfVoice.map((v) => [v.topicId, v.share])).toEqual([
      ['mts', 8 / 9],
      ['tele2', 1 / 9],
    ]);
    expect(week.mentions.total).toBe(8);
    const refused = async (args: Record<string, unknown>) => reports.report({ topicIds: ['mts'], from: DAY_FROM, to: DAY_TO, ...args }).then(() => undefined, (e: unknown) => e);
    expect(await refused({ topicIds: [] })).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'topicIds' } });
    expect(await refused({ topicIds: ['nope'] })).toMatchObject({ code: 'NOT_FOUND', details: { field: 'topicIds' } });
    expect(await refused({ competitorTopicIds: ['megafon-x'] })).toMatchObject({ code: 'NOT_FOUND', details: { field: 'competitorTopicIds' } });
    expect(await refused({ from: DAY_TO, to: DAY_FROM })).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'from' } });
    expect(await refused({ from: 'yesterday' })).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'from' } });
    expect(await refused({ from: '2024-01-01T00:00:00Z' })).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'to' } });
    expect(await refused({ interval: 'MONTH' })).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'interval' } });
  });

  it('gives reaction times to the millisecond, so the report reads the same seconds as the mention’s own panel', async () => {
    // 2.46 s: rounded to tenths first (2.5) it would then read "3 s" where the mention says "2 s".
    await storeAnsweredRequest(client, 'fast', '2026-02-20T09:00:00.000Z', 2_460);
    const report = await reports.report({ topicIds: ['tele2'], from: '2026-02-20T00:00:00Z', to: '2026-02-21T00:00:00Z' });
    expect(report.handledRequests.map((h) => [h.mentionId, h.firstResponseSeconds])).toEqual([['fast', 2.46]]);
    expect(report.requests).toMatchObject({ responded: 1, inScope: 1, firstResponseMedianSeconds: 2.46, firstResponseP90Seconds: 2.46 });
    expect(formatDuration(report.handledRequests[0]!.firstResponseSeconds)).toBe('2 s');
    // The same figure as the support card's reactionTimes for the window.
    const [, tele2] = await new WorkflowStatsRepository(client).reactionTimes({ from: '2026-02-20T00:00:00Z', to: '2026-02-21T00:00:00Z', topicIds: ['tele2'] });
    expect(tele2).toMatchObject({ topicId: 'tele2', firstResponseMedianSeconds: 2.46, firstResponseP90Seconds: 2.46 });
  });
}

describe('period report on PGlite', () => {
  reportSuite(pgliteHarness);
});

const databaseUrl = process.env['PULSE_TEST_DATABASE_URL'];

describe.runIf(databaseUrl)('period report on PostgreSQL', () => {
  reportSuite(() => postgresHarness(databaseUrl ?? ''));
});
