import { TOPICS, mentionId, type RawMention } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import { PulseMetrics } from '@pulse/runtime';
import { describe, expect, it } from 'vitest';
import { TopicRegistry } from '../topics/topic-registry.service.js';
import { IngestService } from './ingest.service.js';
import { MentionNormalizer } from './mention-normalizer.service.js';

function fakeBus(fail = false): Bus & { published: RawMention[] } {
  const published: RawMention[] = [];
  return {
    published,
    publish: async (topic, payloads) => {
      if (fail) throw new Error('broker down');
      expect(topic).toBe(TOPICS.rawMentions);
      published.push(...(payloads as RawMention[]));
    },
    subscribe: async () => undefined,
    start: async () => undefined,
    stop: async () => undefined,
    isReady: () => true,
  };
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
    const bus = fakeBus();
    const service = new IngestService(new MentionNormalizer(registry), bus, new PulseMetrics(false), 'collector');
    const result = await service.ingest([valid, { text: 'no source' }, { ...valid, sourceId: 'def', language: 'en' }]);
    expect(result.accepted).toBe(2);
    expect(result.ids[0]).toBe(mentionId('webhook', 'abc'));
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]!.index).toBe(1);
    expect(result.rejected[0]!.error).toMatch(/source/);
    expect(bus.published[0]).toMatchObject({ language: 'ru', topicIds: ['beeline'], matches: [{ topicId: 'beeline', terms: ['Билайн'] }] });
    expect(bus.published[1]!.language).toBe('en');
  });

  it("rejects, with the reason, an id that is not the one derived from source + sourceId, and text with nothing readable", async () => {
    const bus = fakeBus();
    const service = new IngestService(new MentionNormalizer(registry), bus, new PulseMetrics(false), 'collector');
    const result = await service.ingest([
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
    expect(bus.published.map((m) => m.sourceId)).toEqual(['abc']);
  });

  it('reads source "x" as twitter', async () => {
    const bus = fakeBus();
    const service = new IngestService(new MentionNormalizer(registry), bus, new PulseMetrics(false), 'collector');
    const result = await service.ingest([{ ...valid, source: 'x', sourceId: '1850000000000000000' }]);
    expect(result.ids).toEqual([mentionId('twitter', '1850000000000000000')]);
    expect(bus.published[0]!.source).toBe('twitter');
  });

  it('reports the bus being down instead of claiming acceptance', async () => {
    const service = new IngestService(new MentionNormalizer(registry), fakeBus(true), new PulseMetrics(false), 'collector');
    await expect(service.ingest([valid])).rejects.toMatchObject({ code: 'BUS_UNAVAILABLE' });
  });
});

describe('IngestService metrics', () => {
  it('counts accepted, matched and rejected items per source', async () => {
    const metrics = new PulseMetrics(false);
    const service = new IngestService(new MentionNormalizer(registry), fakeBus(), metrics, 'collector');
    await service.ingest([valid, { ...valid, sourceId: 'x2', text: 'no brand here at all' }, { bad: true }]);
    const text = await metrics.render();
    expect(text).toContain('pulse_ingest_items_total{app="collector",source="webhook",outcome="accepted"} 2');
    expect(text).toContain('pulse_ingest_items_total{app="collector",source="webhook",outcome="matched"} 1');
    expect(text).toContain('pulse_ingest_items_total{app="collector",source="unknown",outcome="rejected"} 1');
  });
});
