import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPICS, mentionId, type ScoredMention, type SentimentLabel } from '@pulse/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestGateway, waitFor, type TestGateway } from '../testing/gateway-test-kit.js';

const HOUR = 60 * 60_000;
const BUCKET = 5 * 60_000;
const NOW = Date.parse('2026-03-08T12:20:00.000Z');
const CURRENT_HOUR = Date.parse('2026-03-08T12:00:00.000Z');

function mention(name: string, label: SentimentLabel, publishedAt: number): ScoredMention {
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
    topicIds: ['acme'],
    matches: [{ topicId: 'acme', terms: ['acme'] }],
    direct: false,
    duplicateOf: null,
    spam: { score: 0, reasons: [] },
    sentiment: { label, score: 0.9, scores: { negative: 0.05, neutral: 0.9, positive: 0.05 }, byTopic: [] },
    model: { id: 'm', version: '1' },
    scoredAt: new Date(publishedAt + 2000).toISOString(),
  };
}

describe('spike baselines from stored history', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pulse-baseline-'));
  let gateway: TestGateway | undefined;
  let now = NOW;
  const start = () => startTestGateway({ clock: () => now, config: { database: { kind: 'pglite', dataDir } } });

  afterAll(async () => {
    await gateway?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('after a restart, a burst alerts at once from a history the detector never watched live', async () => {
    gateway = await start();
    // A day of history up to 11:00, all older than the detector's one-hour horizon: stored, not watched.
    const history: ScoredMention[] = [];
    for (let hour = 24; hour >= 2; hour -= 1) {
      for (let i = 0; i < 24; i += 1) history.push(mention(`h${hour}-${i}`, i % 4 === 0 ? 'negative' : 'neutral', CURRENT_HOUR - hour * HOUR + i * 150_000));
    }
    await gateway.bus.publish(TOPICS.scoredMentions, history);
    await waitFor('history stored', () => gateway!.feature.alerts.detectorStats().stale === history.length || undefined, 20_000);
    expect(gateway.feature.alerts.coldTopics()).toEqual([]);
    await gateway.stop();

    gateway = await start();
    const burstStart = Math.floor(NOW / BUCKET) * BUCKET;
    const burst = Array.from({ length: 60 }, (_, i) => mention(`burst-${i}`, 'negative', burstStart + i * 1000));
    await gateway.bus.publish(TOPICS.scoredMentions, burst);
    await waitFor('burst observed', () => gateway!.feature.alerts.detectorStats().observed === burst.length || undefined, 20_000);
    now = burstStart + BUCKET + 3 * 60_000;
    gateway.feature.alerts.tick();
    await gateway.feature.alerts.settle();
    const alerts = await gateway.feature.alerts.list();
    expect(alerts.map((a) => [a.kind, a.severity, 'metric' in a ? a.metric : null])).toEqual([['spike', 'critical', 'negative']]);
    // 6 negative an hour is 0.5 a 5-minute bucket; the empty hour 11:00 is twelve zeros after it: 0.5 × 0.9¹² ≈ 0.14.
    expect('baseline' in alerts[0]! ? alerts[0].baseline : null).toBeCloseTo(0.14, 1);
  });
});
