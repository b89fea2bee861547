import type { ScoredMention } from '@pulse/contracts';
import { LeakWatch } from '@pulse/alerting';
import { createLogger } from '@pulse/runtime';
import { describe, expect, it } from 'vitest';
import { alertsSettings, gatewaySettingsSchema, refineGatewayEnv } from '../config/gateway.config.js';
import { MemoryAlertStore } from './alert-store.port.js';
import { alertSchema } from '@pulse/contracts';
import { AlertService } from './alert.service.js';

const logger = createLogger('test', 'silent');
const schema = gatewaySettingsSchema.superRefine(refineGatewayEnv);
/** A leak watch for anyone posting `term` (the gateway's own is src/leak-watch; the port is the same). */
const leaksOn = (term: string) => new LeakWatch({ terms: [{ term, always: true }] });

function post(id: string, text: string, handle: string, topicIds: string[]): ScoredMention {
  return {
    id,
    source: 'vk',
    sourceId: id,
    url: null,
    text,
    language: 'ru',
    author: { id: handle, handle, name: handle, url: null },
    publishedAt: '2026-03-02T10:00:00.000Z',
    collectedAt: '2026-03-02T10:00:01.000Z',
    topicIds,
    matches: topicIds.map((topicId) => ({ topicId, terms: [] })),
    direct: false,
    duplicateOf: null,
    spam: { score: 0, reasons: [] },
    sentiment: { label: 'neutral', score: 0.9, scores: { negative: 0.05, neutral: 0.9, positive: 0.05 }, byTopic: [] },
    model: { id: 'm', version: '1' },
    scoredAt: '2026-03-02T10:00:02.000Z',
  };
}

describe('alert settings', () => {
  it('keeps the package defaults and configures no channel when nothing is set', () => {
    const config = alertsSettings(schema.parse({}));
    expect(config).toEqual({ detector: {}, leakWatch: undefined, webhook: undefined, slack: undefined, telegram: undefined, email: undefined });
  });

  it('reports every half-configured channel at once', () => {
    const result = schema.safeParse({
      ALERT_WEBHOOK_URL: 'https://hooks.example.com/pulse',
      ALERT_TELEGRAM_CHAT_ID: '@ops',
      ALERT_SMTP_HOST: 'smtp.example.com',
      ALERT_Z_WARNING: '6',
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['ALERT_SMTP_FROM', 'ALERT_SMTP_TO', 'ALERT_TELEGRAM_BOT_TOKEN', 'ALERT_WEBHOOK_SECRET', 'ALERT_Z_WARNING']);
  });

  it('rejects a leak watch that is not JSON or not the expected shape', () => {
    for (const value of ['{not json', '{"terms":[{"term":""}]}']) {
      const result = schema.safeParse({ ALERT_LEAK_WATCH: value });
      expect(result.error?.issues[0]?.path).toEqual(['ALERT_LEAK_WATCH', ...(value.startsWith('{"') ? ['terms', 0, 'term'] : [])]);
    }
  });

  it('turns minutes into detector options and parses SMTP recipients and the leak watch', () => {
    const config = alertsSettings(
      schema.parse({
        ALERT_BUCKET_MINUTES: '10',
        ALERT_COOLDOWN_MINUTES: '60',
        ALERT_MAX_PER_HOUR: '5',
        ALERT_Z_CRITICAL: '12',
        ALERT_SMTP_HOST: 'smtp.example.com',
        ALERT_SMTP_FROM: 'pulse@example.com',
        ALERT_SMTP_TO: 'a@example.com, b@example.com',
        ALERT_LEAK_WATCH: '{"terms":[{"term":"Проект Сокол","always":true}]}',
      }),
    );
    expect(config.detector).toEqual({ bucketMs: 600_000, cooldownMs: 3_600_000, cap: { maxAlerts: 5, periodMs: 3_600_000 }, severityThresholds: { critical: 12 } });
    expect(config.email).toMatchObject({ host: 'smtp.example.com', to: ['a@example.com', 'b@example.com'], starttls: 'opportunistic', auth: undefined });
    expect(config.leakWatch?.terms).toEqual([{ term: 'Проект Сокол', always: true }]);
  });
});

describe('AlertService', () => {
  it('raises a leak once per mention, even when the batch is redelivered, and filters by topic', async () => {
    const service = new AlertService({ config: undefined, leaks: leaksOn('Проект Сокол'), logger, clock: () => Date.parse('2026-03-02T10:01:00.000Z') });
    const live = service.feed.subscribe(['acme']);
    const batch = [post('p1', 'слили детали: проект сокол запускают в мае', 'someone', ['acme']), post('p2', 'обычный пост', 'other', ['acme'])];
    service.observe(batch);
    await service.settle();
    service.observe(batch);
    await service.settle();
    const alerts = await service.list();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'leak', mentionId: 'p1', severity: 'high', matchedTerms: ['Проект Сокол'] });
    expect(await service.list({ topicIds: ['globex'] })).toEqual([]);
    expect((await live.next()).value).toEqual(alerts[0]);
    await service.stop(0);
    expect((await live.next()).done).toBe(true);
  });

  it('keeps only the newest alerts it is asked for, newest first', async () => {
    const service = new AlertService({ config: undefined, leaks: leaksOn('сокол'), logger });
    service.observe([post('a', 'сокол', 'x', ['acme']), post('b', 'сокол', 'y', ['globex'])]);
    await service.settle();
    expect((await service.list({ limit: 1 })).map((a) => (a.kind === 'leak' ? a.mentionId : a.id))).toEqual(['b']);
    await expect(service.list({ limit: 501 })).rejects.toThrow(/limit/);
  });

  it('publishes each new alert once to pulse.alerts.v1 and stores it before anyone sees it', async () => {
    const published: unknown[] = [];
    const store = new MemoryAlertStore();
    const service = new AlertService({ config: undefined, leaks: leaksOn('сокол'), logger, store, bus: { publish: async (topic, payloads) => void published.push(...payloads.map((p) => [topic, (p as { id: string }).id])) } });
    service.observe([post('a', 'сокол', 'x', ['acme'])]);
    service.observe([post('a', 'сокол', 'x', ['acme'])]);
    await service.settle();
    const [stored] = await store.list({ limit: 10 });
    expect(published).toEqual([['pulse.alerts.v1', stored!.id]]);
    expect(alertSchema.safeParse(stored).success).toBe(true);
  });

  it('resumes learned baselines after a restart instead of warming up again', async () => {
    const BUCKET = 5 * 60_000;
    const T0 = Date.parse('2026-03-02T10:00:00.000Z');
    let now = T0;
    const at = (id: string, label: 'negative' | 'neutral', ms: number): ScoredMention => ({
      ...post(id, 'x', `h-${id}`, ['acme']),
      publishedAt: new Date(ms).toISOString(),
      sentiment: { label, score: 0.9, scores: { negative: 0.9, neutral: 0.05, positive: 0.05 }, byTopic: [] },
    });
    const config = alertsSettings(schema.parse({ ALERT_WARMUP_BUCKETS: '6', ALERT_BUCKET_MINUTES: '5' }));
    let saved: string | null = null;
    const baselines = { load: async () => saved, save: async (s: string) => void (saved = s) };
    const make = () => new AlertService({ config, logger, clock: () => now, baselines });

    const before = make();
    expect(await before.resume()).toBe(false);
    for (let b = 0; b < 8; b++) {
      const start = T0 + b * BUCKET;
      before.observe([at(`c${b}a`, 'negative', start + 60_000), at(`c${b}b`, 'negative', start + 120_000), at(`c${b}c`, 'neutral', start + 180_000)]);
    }
    now = T0 + 8 * BUCKET + 3 * 60_000;
    before.tick();
    await before.stop(0);
    expect(saved).not.toBeNull();

    const burst = Array.from({ length: 100 }, (_, i) => at(`burst${i}`, 'negative', T0 + 8 * BUCKET + 1000 * i));
    const resumed = make();
    expect(await resumed.resume()).toBe(true);
    const fresh = make();
    for (const service of [resumed, fresh]) {
      service.observe(burst);
      service.tick(T0 + 10 * BUCKET);
      await service.settle();
    }
    expect((await resumed.list()).map((a) => a.kind)).toEqual(['spike']);
    // Without the snapshot the same burst falls in warm-up: nothing to compare it with.
    expect(await fresh.list()).toEqual([]);

    saved = '{"not": "a snapshot"}';
    const broken = make();
    expect(await broken.resume()).toBe(false);
  });
});
