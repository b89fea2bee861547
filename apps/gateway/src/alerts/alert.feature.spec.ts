import { verifyWebhookSignature } from '@pulse/alerting';
import type { MemoryBus } from '@pulse/bus/memory';
import { TOPICS, mentionId, type Alert, type ScoredMention, type SentimentLabel } from '@pulse/contracts';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { GatewayFeature } from '../gateway.feature.js';
import { TEST_ADMIN_KEY as ADMIN_KEY, gql, recordingEndpoint, startTestGateway, waitFor, type TestGateway } from '../testing/gateway-test-kit.js';

const WEBHOOK_SECRET = 'whsec-0123456789abcdef';
const BUCKET_MS = 5 * 60_000;
const T0 = Date.parse('2026-03-02T10:00:00.000Z');
const WARMUP_BUCKETS = 8;
const BURST_BUCKET = WARMUP_BUCKETS;

function mention(name: string, label: SentimentLabel, publishedAt: number, topicIds: string[] = ['acme']): ScoredMention {
  return {
    // Derived like every real id: the scored topic dead-letters any other.
    id: mentionId('vk', `s-${name}`),
    source: 'vk',
    sourceId: `s-${name}`,
    url: null,
    text: `mention ${name} about acme`,
    language: 'ru',
    author: { id: `a-${name}`, handle: `user_${name}`, name: 'User', url: null },
    publishedAt: new Date(publishedAt).toISOString(),
    collectedAt: new Date(publishedAt + 1000).toISOString(),
    topicIds,
    matches: topicIds.map((topicId) => ({ topicId, terms: ['acme'] })),
    direct: false,
    duplicateOf: null,
    spam: { score: 0, reasons: [] },
    sentiment: { label, score: 0.9, scores: { negative: 0.05, neutral: 0.9, positive: 0.05 }, byTopic: [] },
    model: { id: 'm', version: '1' },
    scoredAt: new Date(publishedAt + 2000).toISOString(),
  };
}

/** A local receiver standing in for a customer's webhook endpoint. */
const fakeWebhook = () => recordingEndpoint('/hooks/pulse');

const ALERT_FIELDS = 'id kind severity topicId topicIds metric count baseline zScore bucketStart bucketEnd raisedAt sampleMentionIds matchedTerms';

describe('spike alerts through the gateway', () => {
  let now = T0;
  let feature: GatewayFeature;
  let gateway: TestGateway;
  let bus: MemoryBus;
  let url: string;
  let viewerKey: string;
  let webhook: Awaited<ReturnType<typeof fakeWebhook>>;
  let ws: Client;
  const events: FormattedExecutionResult<Record<string, unknown>, unknown>[] = [];
  const onTopic: Alert[] = [];

  beforeAll(async () => {
    webhook = await fakeWebhook();
    gateway = await startTestGateway({
      env: { ALERT_WARMUP_BUCKETS: '6', ALERT_WEBHOOK_URL: webhook.url, ALERT_WEBHOOK_SECRET: WEBHOOK_SECRET },
      clock: () => now,
      topics: ['acme', 'globex'],
      beforeStart: (b) => b.subscribe({ topic: TOPICS.alerts, groupId: 'alert-reader', handler: async (batch) => void onTopic.push(...batch.map((m) => m.value)) }),
    });
    ({ bus, feature, url } = gateway);
    const created = await gql<{ createApiKey: { key: string } }>(url, ADMIN_KEY, `mutation { createApiKey(input: { name: "viewer", role: viewer }) { key } }`);
    viewerKey = created.data!.createApiKey.key;

    ws = createClient({ url: url.replace(/^http/, 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${viewerKey}` }, retryAttempts: 0 });
    ws.subscribe({ query: `subscription { alertRaised(topicIds: ["acme"]) { ${ALERT_FIELDS} } }` }, { next: (v) => void events.push(v), error: () => undefined, complete: () => undefined });
    await waitFor('alert subscription', () => feature.alerts.feed.size === 1);
  });

  afterAll(async () => {
    await ws?.dispose();
    await gateway?.stop();
    await new Promise((resolve) => webhook?.server.close(resolve));
  });

  it('raises exactly one alert for a negative burst after a calm warm-up, and serves, streams and delivers it', async () => {
    const batch: ScoredMention[] = [];
    for (let b = 0; b < WARMUP_BUCKETS; b++) {
      const start = T0 + b * BUCKET_MS;
      batch.push(mention(`calm-${b}-n1`, 'negative', start + 60_000), mention(`calm-${b}-n2`, 'negative', start + 120_000), mention(`calm-${b}-ok`, 'neutral', start + 180_000));
    }
    const burstStart = T0 + BURST_BUCKET * BUCKET_MS;
    for (let i = 0; i < 200; i++) batch.push(mention(`burst-${i}`, 'negative', burstStart + 1000 * i));
    now = burstStart + 200_000;
    await bus.publish(TOPICS.scoredMentions, batch);
    await waitFor('mentions observed', () => feature.alerts.detectorStats().observed === batch.length);
    await feature.alerts.settle();
    expect(await feature.alerts.list()).toEqual([]);

    // The burst bucket closes on the timer's tick once its lateness has passed.
    now = burstStart + BUCKET_MS + 3 * 60_000;
    feature.alerts.tick();
    feature.alerts.tick(now + 6 * BUCKET_MS);
    await feature.alerts.settle();

    const listed = await gql<{ alerts: Record<string, unknown>[] }>(url, viewerKey, `{ alerts(topicIds: ["acme"]) { ${ALERT_FIELDS} } }`);
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.alerts).toHaveLength(1);
    const alert = listed.data!.alerts[0]!;
    expect(alert).toMatchObject({
      kind: 'spike',
      topicId: 'acme',
      topicIds: ['acme'],
      metric: 'negative',
      severity: 'critical',
      count: 200,
      bucketStart: new Date(burstStart).toISOString(),
      matchedTerms: null,
    });
    expect(alert['baseline']).toBeCloseTo(2, 0);
    expect(alert['sampleMentionIds']).toHaveLength(5);
    expect((await gql<{ alerts: unknown[] }>(url, viewerKey, '{ alerts(topicIds: ["globex"]) { id } }')).data!.alerts).toEqual([]);
    expect((await gql<{ alerts: unknown[] }>(url, viewerKey, '{ alerts(since: "2030-01-01T00:00:00Z") { id } }')).data!.alerts).toEqual([]);

    await waitFor('subscription event', () => events.length >= 1);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toEqual({ alertRaised: alert });

    const delivered = await waitFor('webhook delivery', () => webhook.received[0]);
    expect(webhook.received).toHaveLength(1);
    expect(delivered.headers['x-pulse-alert-id']).toBe(alert['id']);
    expect(verifyWebhookSignature(WEBHOOK_SECRET, String(delivered.headers['x-pulse-signature']), delivered.body, { now })).toBe(true);
    expect(verifyWebhookSignature('another-secret-0123456789', String(delivered.headers['x-pulse-signature']), delivered.body, { now })).toBe(false);
    expect(JSON.parse(delivered.body)).toMatchObject({ id: alert['id'], kind: 'spike', topicId: 'acme' });
    await waitFor('alert on pulse.alerts.v1', () => onTopic.length >= 1);
    expect(onTopic.map((a) => a.id)).toEqual([alert['id']]);
  });

  it('shows delivery status to admins only', async () => {
    const query = '{ alertDelivery { name delivered failed pending consecutiveFailures lastError { message } } }';
    const denied = await gql(url, viewerKey, query);
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const status = await waitFor('delivery counted', async () => {
      const res = await gql<{ alertDelivery: { delivered: number }[] }>(url, ADMIN_KEY, query);
      return res.data?.alertDelivery[0]?.delivered === 1 ? res.data.alertDelivery : undefined;
    });
    expect(status).toEqual([{ name: 'webhook', delivered: 1, failed: 0, pending: 0, consecutiveFailures: 0, lastError: null }]);
  });

  it('rejects a limit outside 1 to 500', async () => {
    const res = await gql(url, viewerKey, '{ alerts(limit: 0) { id } }');
    expect(res.errors?.[0]?.extensions?.['code']).toBe('INVALID_ARGUMENT');
  });
});
