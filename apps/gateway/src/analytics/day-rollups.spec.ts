import type { SentimentLabel, Source } from '@pulse/contracts';
import { beforeAll, expect, it } from 'vitest';
import { RecordingClient } from '../bench/query-plans.js';
import type { SqlClient } from '../database/sql-client.port.js';
import { mention } from '../database/testing/store-fixtures.js';
import { forEachBackend } from '../database/testing/store-suite.js';
import { MentionRepository } from '../mentions/mention.repository.js';
import { RetentionRepository } from '../retention/retention.repository.js';
import { AnalyticsRepository } from './analytics.repository.js';
import type { TimelineBucket } from './analytics.model.js';

const TOPICS = ['acme', 'globex', 'initech'];
const LABELS: SentimentLabel[] = ['negative', 'neutral', 'positive'];
const SOURCES: Source[] = ['vk', 'telegram', 'twitter'];
const START = Date.UTC(2026, 2, 1, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** 240 mentions every 37 minutes over ~6 days (from a Sunday), mixed topics, tones, sources, spam, copies. */
const dataset = (scoredAt = '2026-03-10T00:00:00.000Z', shift = 0) =>
  Array.from({ length: 240 }, (_, i) =>
    mention({
      id: `d-${i}`,
      topicIds: i % 5 === 0 ? [TOPICS[i % 3]!, TOPICS[(i + 1) % 3]!] : i % 11 === 0 ? [] : [TOPICS[i % 3]!],
      label: LABELS[(i + shift) % 3],
      toward: i % 10 === 0 ? { [TOPICS[i % 3]!]: LABELS[(i + shift + 1) % 3]! } : undefined,
      source: SOURCES[(i >> 2) % 3],
      spam: (i + shift) % 13 === 0 ? 0.9 : 0,
      duplicateOf: i % 17 === 0 ? 'd-1' : undefined,
      publishedAt: new Date(START + i * 37 * 60_000).toISOString(),
      scoredAt,
    }),
  );

interface DayRow {
  topic_id: string;
  day: string;
  source: string;
  sentiment_label: string;
  mentions: number;
}

forEachBackend('day rollups (0008-day-rollups)', (backend) => {
  let client: SqlClient;
  let mentions: MentionRepository;
  let analytics: AnalyticsRepository;

  beforeAll(() => {
    client = backend().client;
    mentions = new MentionRepository(client);
    analytics = new AnalyticsRepository(client);
  });

  const stored = (): Promise<DayRow[]> =>
    client.query<DayRow>(
      `SELECT topic_id, to_char(bucket AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24') AS day, source, sentiment_label, mentions
       FROM mention_day_rollups WHERE mentions <> 0 ORDER BY 1, 2, 3, 4`,
    );
  /** The hourly rows summed per UTC day, and the same recounted from the mentions: what the day rows must equal. */
  const fromHours = (): Promise<DayRow[]> =>
    client.query<DayRow>(
      `SELECT topic_id, to_char(date_trunc('day', bucket AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24') AS day, source, sentiment_label, sum(mentions)::int AS mentions
       FROM mention_rollups GROUP BY 1, 2, 3, 4 HAVING sum(mentions) <> 0 ORDER BY 1, 2, 3, 4`,
    );
  const recount = (): Promise<DayRow[]> =>
    client.query<DayRow>(
      `SELECT t.topic_id, to_char(date_trunc('day', m.published_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24') AS day, m.source,
              mention_topic_tone(m.payload, m.sentiment_label, t.topic_id) AS sentiment_label, count(*)::int AS mentions
       FROM mentions m CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(m.topic_ids || ''::text) x) t(topic_id)
       WHERE m.listed GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    );
  const expectConsistent = async (): Promise<void> => {
    const rows = await stored();
    expect(rows).toEqual(await fromHours());
    expect(rows).toEqual(await recount());
  };

  it('stay the hourly rows summed per UTC day through inserts, re-scoring, spam flags, deletes and truncate', async () => {
    await mentions.upsertMentions(dataset());
    expect((await stored()).length).toBeGreaterThan(50);
    await expectConsistent();

    // Re-scored: other tones, other per-topic tones, other spam flags.
    await mentions.upsertMentions(dataset('2026-03-11T00:00:00.000Z', 1));
    await expectConsistent();

    // Retention: the first two and a half days go, and the cells they emptied are swept.
    await new RetentionRepository(client).deleteMentionsBefore(new Date(START + 2.5 * DAY).toISOString(), 1_000);
    await expectConsistent();
    const [zeros] = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM mention_day_rollups WHERE mentions = 0');
    expect(zeros?.n).toBe(0);

    await client.exec('TRUNCATE mentions, mention_events');
    expect(await client.query('SELECT 1 FROM mention_day_rollups')).toEqual([]);
  });

  it('answer share of voice, day and week timelines and source breakdowns as the hourly rows do, whatever the window edges', async () => {
    await mentions.upsertMentions(dataset());
    const at = (hours: number, minutes = 0): string => new Date(START + hours * HOUR + minutes * 60_000).toISOString();
    const windows = [
      { from: at(0), to: at(6 * 24) }, // whole days
      { from: at(-48), to: at(200) }, // wider than the data
      { from: at(5, 30), to: at(77, 10) }, // minutes at both edges
      { from: at(23), to: at(25) }, // across one midnight, no whole day
      { from: at(24), to: at(48) }, // exactly one day
      { from: at(30), to: at(40) }, // inside one day
      { from: at(0, 1), to: at(72, 59) },
    ];
    for (const window of windows) {
      const hourly = await client.query<{ topic_id: string; total: number; negative: number }>(
        `SELECT topic_id, sum(mentions)::int AS total, coalesce(sum(mentions) FILTER (WHERE sentiment_label = 'negative'), 0)::int AS negative
         FROM mention_rollups WHERE topic_id = ANY($1::text[]) AND bucket >= date_trunc('hour', $2::timestamptz, 'UTC') AND bucket < $3::timestamptz
         GROUP BY topic_id`,
        [TOPICS, window.from, window.to],
      );
      const volumes = await analytics.topicVolumes({ topicIds: TOPICS, ...window });
      expect(volumes.map((v) => ({ topic_id: v.topicId, total: v.total, negative: v.negative })).filter((v) => v.total > 0)).toEqual(
        TOPICS.map((t) => hourly.find((h) => h.topic_id === t)).filter((h) => h !== undefined),
      );

      // Days and weeks, summed here from the hour timeline (hourly rows only).
      for (const topicIds of [['acme'], undefined]) {
        const hours = await analytics.sentimentTimeline({ topicIds, ...window }, 'HOUR');
        for (const [interval, span] of [['DAY', DAY], ['WEEK', 7 * DAY]] as const) {
          const buckets = await analytics.sentimentTimeline({ topicIds, ...window }, interval);
          const summed = buckets.map((b): TimelineBucket => {
            const inside = hours.filter((h) => Date.parse(h.start) >= Date.parse(b.start) && Date.parse(h.start) < Date.parse(b.start) + span);
            const sum = (key: 'negative' | 'neutral' | 'positive' | 'total'): number => inside.reduce((n, h) => n + h[key], 0);
            return { start: b.start, negative: sum('negative'), neutral: sum('neutral'), positive: sum('positive'), total: sum('total') };
          });
          expect(buckets, `${interval} ${window.from}..${window.to}`).toEqual(summed);
        }
      }
    }
    // Source breakdown through the rollups (hour-aligned) equals the scan of mentions (a language filter forces it).
    const filter = { topicIds: ['globex'], from: at(3), to: at(99) };
    expect(await analytics.sourceBreakdown(filter)).toEqual(await analytics.sourceBreakdown({ ...filter, languages: ['en'] }));
  });

  it('are what share of voice reads for whole days, and the topic-day index what a narrowed count reads', async () => {
    await mentions.upsertMentions(dataset());
    await client.exec('ANALYZE mentions');
    const recording = new RecordingClient(client);
    const shareOfVoice = (await recording.plans(() => new AnalyticsRepository(recording).topicVolumes({ topicIds: TOPICS, from: '2026-03-01T05:00:00.000Z', to: '2026-03-05T00:00:00.000Z' })))
      .flatMap((p) => p.plan)
      .join('\n');
    expect(shareOfVoice).toMatch(/mention_day_rollups/);
    // Only the edge hours (05:00–24:00 of the first day) from the hourly table.
    expect(shareOfVoice).toMatch(/mention_rollups/);

    const search = { topicIds: ['globex'], search: 'mention', from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T12:00:00.000Z' };
    const page = await mentions.findMentions(search, 5);
    expect(page.totalCountIsExact).toBe(true);
    const counted = (await recording.plans(() => new MentionRepository(recording).findMentions(search, 5))).find((p) => p.sql.includes('count(*)'));
    expect(counted?.plan.join('\n')).toMatch(/mentions_topic_days_idx/);
  });
});
