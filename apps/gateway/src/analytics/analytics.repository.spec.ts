import type { ScoredMention, SentimentLabel } from '@pulse/contracts';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SqlClient } from '../database/sql-client.port.js';
import { ids, mention } from '../database/testing/store-fixtures.js';
import { forEachBackend } from '../database/testing/store-suite.js';
import type { MentionFilter } from '../mentions/mention.model.js';
import { MentionRepository } from '../mentions/mention.repository.js';
import { RetentionRepository } from '../retention/retention.repository.js';
import { AnalyticsRepository } from './analytics.repository.js';

forEachBackend('analytics repository (rollups and scans)', (backend) => {
  let client: SqlClient;
  let mentionRepo: MentionRepository;
  let analyticsRepo: AnalyticsRepository;
  let retentionRepo: RetentionRepository;


  beforeAll(() => {
    client = backend().client;
    mentionRepo = new MentionRepository(client);
    analyticsRepo = new AnalyticsRepository(client);
    retentionRepo = new RetentionRepository(client);
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

});
