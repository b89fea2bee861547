import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookMention } from '../support/fixtures.js';
import { TEST_API_KEY, graphql, postIngest } from '../support/graphql-client.js';
import { waitFor } from '../support/ports.js';
import { FAST_ALERTS, liveMentions, liveSubscription, startScaleOutCluster, storedCounts, withDatabase, type ScaleOutCluster } from '../support/scale-out-cluster.js';
import { BURST_TEXTS } from './burst-texts.js';

const N = 240;
const FEED = 'скейлтест';
const BURST = 'всплесктест';
const BUCKET_MS = Number(FAST_ALERTS.ALERT_BUCKET_MINUTES) * 60_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface AlertView {
  id: string;
  kind: string;
  metric: string | null;
  count: number | null;
  bucketStart: string | null;
}
const ALERT_FIELDS = 'id kind metric count bucketStart';

// Two replicas of every app over one Kafka cluster and one PostgreSQL: the answers must be
// those of one replica each (issue 14: scale out for real).
describe('scale-out: 2 collectors, 2 sentiment workers, 2 gateways', { timeout: 420_000 }, () => {
  let cluster: ScaleOutCluster;

  beforeAll(async () => {
    cluster = await startScaleOutCluster('scale', [FEED, BURST], FAST_ALERTS);
  }, 400_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('stores each mention once and delivers every one, once, to a subscriber on each gateway', async () => {
    const { gateways, collectors, postgres, topics } = cluster;
    const subscribers = gateways.map((g) => liveMentions(g.baseUrl, TEST_API_KEY, topics[FEED]!));
    await sleep(500);
    const run = randomUUID().slice(0, 8);
    const mentions = Array.from({ length: N }, (_, i) => webhookMention(`scale-${run}-${i}`, `${FEED} ${run}: связь пропала, номер ${i}`));
    // Half through each collector, in batches, interleaved. (Near-identical texts: most are marked
    // copies of the first, which the subscription asks for explicitly.)
    for (let i = 0; i < N; i += 20) {
      const res = await postIngest(collectors[(i / 20) % 2]!.baseUrl, JSON.stringify(mentions.slice(i, i + 20)));
      expect(res.status).toBe(202);
    }
    const stored = await waitFor('every mention stored', async () => {
      const row = await storedCounts(postgres.url, `scale-${run}-`);
      return row.rows >= N ? row : undefined;
    }, 120_000);
    expect(stored).toEqual({ rows: N, ids: N });
    const matched = await withDatabase(postgres.url, async (db) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mentions WHERE source_id LIKE $1 AND $2 = ANY(topic_ids)`, [`scale-${run}-%`, topics[FEED]])).rows[0]!.n);
    expect(matched).toBe(N);
    for (const [index, subscriber] of subscribers.entries()) {
      await waitFor(`gateway ${index} subscriber to receive all`, async () => (subscriber.received.length >= N ? true : undefined), 60_000).catch((error: unknown) => {
        throw new Error(`${String(error)} (received ${subscribers.map((s) => s.received.length).join(' / ')})`);
      });
      // A moment more: a duplicate delivery would arrive now.
      await sleep(1000);
      expect(subscriber.received).toHaveLength(N);
      expect(new Set(subscriber.received).size).toBe(N);
    }
    await Promise.all(subscribers.map((s) => s.client.dispose()));
  });

  it('one negative burst gives exactly one spike alert, the same on both gateways', async () => {
    const { gateways, collectors, topics } = cluster;
    const topicId = topics[BURST]!;
    const raised = gateways.map((g) =>
      liveSubscription<AlertView>(g.baseUrl, TEST_API_KEY, `subscription($t: [ID!]) { alertRaised(topicIds: $t) { ${ALERT_FIELDS} } }`, { t: [topicId] }, (data) => data['alertRaised'] as AlertView),
    );
    const feeds = gateways.map((g) => liveMentions(g.baseUrl, TEST_API_KEY, topicId));
    await sleep(500);
    const run = randomUUID().slice(0, 8);
    // One quiet bucket first: a topic's baseline starts when a bucket holding it closes
    // (ALERT_WARMUP_BUCKETS=1), so the burst must fall into a later bucket than this post.
    const quiet = await postIngest(collectors[0]!.baseUrl, JSON.stringify([webhookMention(`burst-${run}-quiet`, `${BURST} ${run}: обычный день, пользуюсь связью как всегда`)]));
    expect(quiet.status).toBe(202);
    // Both detectors have counted it once both gateways relayed it live (the same relay feeds both).
    await waitFor('the quiet post relayed by both gateways', async () => (feeds.every((f) => f.received.length >= 1) ? true : undefined), 90_000);
    const quietBucket = Math.floor(Date.now() / BUCKET_MS);
    await waitFor('the next alert bucket', async () => (Math.floor(Date.now() / BUCKET_MS) > quietBucket ? true : undefined), BUCKET_MS + 5_000, 250);
    // Every complaint carries the same moment, so the burst is one bucket whatever the machine's load.
    const at = new Date().toISOString();
    const burst = BURST_TEXTS.map((text, i) => webhookMention(`burst-${run}-${i}`, `${BURST} ${run}: ${text}`, { publishedAt: at }));
    for (let i = 0; i < burst.length; i += 6) {
      const res = await postIngest(collectors[(i / 6) % 2]!.baseUrl, JSON.stringify(burst.slice(i, i + 6)));
      expect(res.status).toBe(202);
    }
    // The bucket closes half a bucket after its end, on each gateway's 30 s tick.
    const listed = async (index: number): Promise<AlertView[]> => {
      const res = await graphql<{ alerts: AlertView[] }>(gateways[index]!.baseUrl, `query($t: [ID!]) { alerts(topicIds: $t) { ${ALERT_FIELDS} } }`, { t: [topicId] });
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      return res.data.alerts;
    };
    await waitFor('a spike alert for the burst', async () => ((await listed(0)).length > 0 ? true : undefined), 4 * BUCKET_MS, 1_000);
    await waitFor('the alert on both live subscriptions', async () => (raised.every((r) => r.received.length > 0) ? true : undefined), 60_000);
    // Both replicas' detectors close that bucket within one tick of each other; a second alert
    // (another id, or the other replica's copy of this one) would show by now.
    await sleep(45_000);
    const [onA, onB] = [await listed(0), await listed(1)];
    expect(onA).toHaveLength(1);
    expect(onB).toEqual(onA);
    expect(onA[0]).toMatchObject({ kind: 'spike', metric: 'negative', bucketStart: new Date(Math.floor(Date.parse(at) / BUCKET_MS) * BUCKET_MS).toISOString() });
    expect(onA[0]!.count).toBeGreaterThanOrEqual(Number(FAST_ALERTS.ALERT_MIN_COUNT));
    for (const subscription of raised) expect(subscription.received).toEqual(onA);
    await Promise.all([...raised, ...feeds].map((s) => s.client.dispose()));
  });

  it('a key revoked on one gateway closes its subscription held on the other', async () => {
    const { gateways, topics } = cluster;
    const created = await graphql<{ createApiKey: { key: string; apiKey: { id: string } } }>(gateways[0]!.baseUrl, 'mutation { createApiKey(input: { name: "wall screen", role: viewer }) { key apiKey { id } } }');
    const { key, apiKey } = created.data!.createApiKey;
    const held = liveMentions(gateways[1]!.baseUrl, key, topics[FEED]!);
    await sleep(1000);
    const started = Date.now();
    const revoked = await graphql(gateways[0]!.baseUrl, 'mutation($id: ID!) { revokeApiKey(id: $id) { revoked } }', { id: apiKey.id });
    expect(revoked.errors).toBeUndefined();
    const closed = await Promise.race([held.closed, sleep(10_000).then(() => undefined)]);
    expect(closed && { code: closed.code, reason: closed.reason }).toEqual({ code: 4403, reason: 'API key revoked' });
    expect(Date.now() - started).toBeLessThan(10_000);
    await held.client.dispose();
  });
});
