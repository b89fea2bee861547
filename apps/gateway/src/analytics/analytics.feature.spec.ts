import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, useSeededGateway, type Harness } from '../testing/gateway-spec.fixtures.js';
import { gql } from '../testing/gateway-test-kit.js';

describe('analytics over GraphQL', () => {
  const seeded = useSeededGateway();
  const keys = seeded.keys;
  let gw: Harness;
  beforeAll(() => {
    gw = seeded.gw();
  });

  describe('analytics', () => {
    it('answers tone over time, share of voice, negative share, top authors and sources', async () => {
      const res = await gql<Record<string, unknown>>(
        gw.url,
        keys.viewer,
        `{
          timeline: sentimentTimeline(topicIds: ["acme"], from: "2026-03-02T00:00:00Z", to: "2026-03-05T00:00:00Z", interval: DAY) { start negative neutral positive total }
          all: sentimentTimeline(from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z") { total }
          negativeShare(topicIds: ["acme"], from: "2026-03-02T00:00:00Z", to: "2026-03-05T00:00:00Z") { start negative total share }
          shareOfVoice(topicIds: ["acme", "globex"], from: "2026-03-01T00:00:00Z", to: "2026-03-05T00:00:00Z") { topicId topic { name } total share }
          topAuthors(filter: { sentiments: [negative] }, limit: 1) { handle name source total negative followers }
          sourceBreakdown(filter: { topicIds: ["acme", "globex"] }) { source total negative positive }
        }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!['timeline']).toEqual([
        { start: '2026-03-02T00:00:00.000Z', negative: 2, neutral: 0, positive: 0, total: 2 },
        { start: '2026-03-03T00:00:00.000Z', negative: 0, neutral: 0, positive: 0, total: 0 },
        { start: '2026-03-04T00:00:00.000Z', negative: 1, neutral: 0, positive: 0, total: 1 },
      ]);
      expect(res.data!['all']).toEqual([{ total: 2 }]);
      expect(res.data!['negativeShare']).toEqual([
        { start: '2026-03-02T00:00:00.000Z', negative: 2, total: 2, share: 1 },
        { start: '2026-03-03T00:00:00.000Z', negative: 0, total: 0, share: null },
        { start: '2026-03-04T00:00:00.000Z', negative: 1, total: 1, share: 1 },
      ]);
      expect(res.data!['shareOfVoice']).toEqual([
        { topicId: 'acme', topic: { name: 'acme' }, total: 3, share: 0.75 },
        { topicId: 'globex', topic: { name: 'globex' }, total: 1, share: 0.25 },
      ]);
      expect(res.data!['topAuthors']).toEqual([{ handle: 'ivan', name: 'Иван', source: 'vk', total: 2, negative: 2, followers: 10 }]);
      expect(res.data!['sourceBreakdown']).toEqual([
        { source: 'vk', total: 3, negative: 3, positive: 0 },
        { source: 'telegram', total: 1, negative: 0, positive: 1 },
      ]);
    });

    it('refuses an inverted window, too many buckets and a large limit', async () => {
      expect(codeOf(await gql(gw.url, keys.viewer, '{ sentimentTimeline(from: "2026-03-05T00:00:00Z", to: "2026-03-01T00:00:00Z") { total } }'))).toBe('INVALID_ARGUMENT');
      expect(codeOf(await gql(gw.url, keys.viewer, '{ sentimentTimeline(from: "2000-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z", interval: HOUR) { total } }'))).toBe('INVALID_ARGUMENT');
      expect(codeOf(await gql(gw.url, keys.viewer, '{ topAuthors(limit: 1000) { handle } }'))).toBe('INVALID_ARGUMENT');
    });
  });
});
