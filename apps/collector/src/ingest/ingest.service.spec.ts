import { TOPICS, mentionId, type RawMention } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import { MemoryBus } from '@pulse/bus/memory';
import { PulseMetrics, Readiness, createLogger } from '@pulse/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { QualityAssessor } from '../quality/quality.assessor.js';
import { QualityService } from '../quality/quality.service.js';
import { QualityWindow } from '../quality/quality.window.js';
import { TopicRegistry } from '../topics/topic-registry.service.js';
import { IngestService } from './ingest.service.js';
import { MentionNormalizer } from './mention-normalizer.service.js';

const logger = createLogger('test', 'silent');
const buses: MemoryBus[] = [];
afterEach(async () => {
  await Promise.all(buses.splice(0).map((b) => b.stop()));
});

interface Harness {
  service: IngestService;
  published: RawMention[];
}

/**
 * An ingest service as the module composes it, on an in-process bus: the quality marks come
 * back through the fingerprint log. `raw` replaces how the raw topic is published (a broker
 * that fails or never answers).
 */
async function harness(options: { metrics?: PulseMetrics; raw?: Bus['publish']; timeoutMs?: number } = {}): Promise<Harness> {
  const metrics = options.metrics ?? new PulseMetrics(false);
  const bus = new MemoryBus({ app: 'test', logger, metrics });
  buses.push(bus);
  const published: RawMention[] = [];
  await bus.subscribe({ topic: TOPICS.rawMentions, groupId: 'spec', handler: async (batch) => void published.push(...batch.map((m) => m.value)) });
  const quality = new QualityService({ bus, window: new QualityWindow(), assessor: new QualityAssessor(), topics: registry, readiness: new Readiness(), logger, clock: Date.now, verdictTimeoutMs: 2_000 });
  await quality.onApplicationBootstrap();
  await bus.start();
  const publish = bus.publish.bind(bus);
  const routed: Bus['publish'] = (topic, payloads, opts) => (topic === TOPICS.rawMentions && options.raw ? options.raw(topic, payloads, opts) : publish(topic, payloads, opts));
  // IngestService only publishes.
  const service = new IngestService(new MentionNormalizer(registry), quality, { publish: routed } as unknown as Bus, metrics, 'collector', options.timeoutMs ?? 2_000);
  return { service, published };
}

async function settled(h: Harness, count: number): Promise<RawMention[]> {
  for (let i = 0; i < 200 && h.published.length < count; i++) await new Promise((r) => setTimeout(r, 5));
  return h.published;
}

const registry = new TopicRegistry();
registry.apply([
  { id: 'beeline', name: 'Билайн', keywords: ['Билайн'], query: null, ownAccounts: [], status: 'active', createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z' },
]);

const valid = {
  source: 'webhook',
  sourceId: 'abc',
  text: 'Перешёл с Билайна, и не жалею',
  author: { id: 'u1', handle: 'petr', name: 'Пётр', url: null },
  publishedAt: '2026-11-20T10:00:00Z',
};

describe('IngestService', () => {
  it('accepts valid items, rejects invalid ones by index, and enriches what it publishes', async () => {
    const h = await harness();
    const result = await h.service.ingest([valid, { text: 'no source' }, { ...valid, sourceId: 'def', language: 'en' }]);
    const published = await settled(h, 2);
    expect(result.accepted).toBe(2);
    expect(result.ids[0]).toBe(mentionId('webhook', 'abc'));
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]!.index).toBe(1);
    expect(result.rejected[0]!.error).toMatch(/source/);
    expect(published[0]).toMatchObject({ language: 'ru', topicIds: ['beeline'], matches: [{ topicId: 'beeline', terms: ['Билайн'] }] });
    expect(published[1]!.language).toBe('en');
  });

  it("rejects, with the reason, an id that is not the one derived from source + sourceId, and text with nothing readable", async () => {
    const h = await harness();
    const result = await h.service.ingest([
      { ...valid, id: mentionId('webhook', 'abc') },
      { ...valid, sourceId: 'other', id: mentionId('webhook', 'abc') },
      { ...valid, sourceId: 'nul', text: '\u0000\u0000' },
      { ...valid, sourceId: 'zw', text: ' \u200b\u0007 ' },
    ]);
    expect(result.ids).toEqual([mentionId('webhook', 'abc')]);
    expect(result.rejected).toEqual([
      { index: 1, error: expect.stringMatching(new RegExp(`^id: id does not match source \\+ sourceId \\(expected ${mentionId('webhook', 'other')}`)) },
      { index: 2, error: expect.stringMatching(/^text: text is empty once control characters/) },
      { index: 3, error: expect.stringMatching(/^text: text is empty once control characters/) },
    ]);
    expect((await settled(h, 1)).map((m) => m.sourceId)).toEqual(['abc']);
  });

  it('reads source "x" as twitter', async () => {
    const h = await harness();
    const result = await h.service.ingest([{ ...valid, source: 'x', sourceId: '1850000000000000000' }]);
    expect(result.ids).toEqual([mentionId('twitter', '1850000000000000000')]);
    expect((await settled(h, 1))[0]!.source).toBe('twitter');
  });

  it('reports the bus being down instead of claiming acceptance', async () => {
    const h = await harness({
      raw: async () => {
        throw new Error('broker down');
      },
    });
    await expect(h.service.ingest([valid])).rejects.toMatchObject({ code: 'BUS_UNAVAILABLE' });
  });

  it('answers BUS_UNAVAILABLE within its deadline when the broker never acknowledges', async () => {
    const h = await harness({ raw: () => new Promise(() => undefined), timeoutMs: 300 });
    const started = Date.now();
    await expect(h.service.ingest([valid])).rejects.toMatchObject({ code: 'BUS_UNAVAILABLE', message: expect.stringContaining('300 ms') });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('IngestService metrics', () => {
  it('counts accepted, matched and rejected items per source', async () => {
    const metrics = new PulseMetrics(false);
    const { service } = await harness({ metrics });
    await service.ingest([valid, { ...valid, sourceId: 'x2', text: 'no brand here at all' }, { bad: true }]);
    const text = await metrics.render();
    expect(text).toContain('pulse_ingest_items_total{app="collector",source="webhook",outcome="accepted"} 2');
    expect(text).toContain('pulse_ingest_items_total{app="collector",source="webhook",outcome="matched"} 1');
    expect(text).toContain('pulse_ingest_items_total{app="collector",source="unknown",outcome="rejected"} 1');
  });
});
