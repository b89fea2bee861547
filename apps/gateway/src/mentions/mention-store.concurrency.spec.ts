import { beforeAll, expect, it } from 'vitest';
import type { SqlClient } from '../database/sql-client.port.js';
import { mention } from '../database/testing/store-fixtures.js';
import { forEachBackend } from '../database/testing/store-suite.js';
import { MentionRepository } from './mention.repository.js';

const TOPICS = ['acme', 'globex', 'initech', 'umbrella'];
const LABELS = ['negative', 'neutral', 'positive'] as const;
const SOURCES = ['vk', 'twitter', 'telegram'] as const;

/** A deterministic shuffle (mulberry32), so a failure replays. */
function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The gateway stores several partitions' batches at once (and replicas do as well): batches that
 * share rollup rows (same topic, hour or day, source, tone) must neither deadlock nor lose a count.
 */
forEachBackend('mention store under concurrent batches', (backend) => {
  let client: SqlClient;
  let repo: MentionRepository;

  beforeAll(() => {
    client = backend().client;
    repo = new MentionRepository(client);
  });

  it('stores overlapping batches concurrently with rollups equal to a recount', async () => {
    let n = 0;
    const batches = Array.from({ length: 24 }, (_, b) =>
      shuffled(
        Array.from({ length: 60 }, (_, i) => {
          const k = n++;
          return mention({
            id: `c-${b}-${i}`,
            topicIds: [TOPICS[k % TOPICS.length]!, TOPICS[(k >> 2) % TOPICS.length]!].filter((t, j, all) => all.indexOf(t) === j),
            label: LABELS[(k >> 1) % LABELS.length],
            source: SOURCES[(k >> 3) % SOURCES.length],
            publishedAt: new Date(Date.UTC(2026, 2, 1, k % 24, 5)).toISOString(),
          });
        }),
        b + 1,
      ),
    );
    // Eight at a time, like a gateway with several partitions in flight.
    for (let i = 0; i < batches.length; i += 8) await Promise.all(batches.slice(i, i + 8).map((batch) => repo.upsertMentions(batch)));

    const [rollup] = await client.query<{ n: number }>("SELECT coalesce(sum(mentions), 0)::int AS n FROM mention_rollups WHERE topic_id = ''");
    expect(rollup!.n).toBe(24 * 60);
    const mismatches = await client.query(`
      SELECT r.topic_id, r.bucket, r.source, r.sentiment_label FROM mention_rollups r
      FULL JOIN (
        SELECT t.topic_id, date_trunc('hour', m.published_at, 'UTC') AS bucket, m.source,
               mention_topic_tone(m.payload, m.sentiment_label, t.topic_id) AS sentiment_label, count(*)::int AS n
        FROM mentions m CROSS JOIN LATERAL (SELECT DISTINCT x FROM unnest(m.topic_ids || ''::text) AS x) AS t(topic_id)
        WHERE m.listed GROUP BY 1, 2, 3, 4
      ) c USING (topic_id, bucket, source, sentiment_label)
      WHERE coalesce(r.mentions, 0) <> coalesce(c.n, 0)`);
    expect(mismatches).toEqual([]);
    // Day cells are shared by every batch of the day: none lost either (0008-day-rollups).
    const dayMismatches = await client.query(`
      SELECT d.topic_id, d.bucket FROM mention_day_rollups d
      FULL JOIN (
        SELECT topic_id, date_trunc('day', bucket, 'UTC') AS bucket, source, sentiment_label, sum(mentions)::int AS n
        FROM mention_rollups GROUP BY 1, 2, 3, 4
      ) h USING (topic_id, bucket, source, sentiment_label)
      WHERE coalesce(d.mentions, 0) <> coalesce(h.n, 0)`);
    expect(dayMismatches).toEqual([]);
  });
});
