import { beforeAll, describe, expect, it, vi } from 'vitest';
import { MentionRepository } from './mention.repository.js';
import { SEEDED, codeOf, seededName, useSeededGateway, type Harness } from '../testing/gateway-spec.fixtures.js';
import { gql, type GqlResponse } from '../testing/gateway-test-kit.js';

describe('mentions over GraphQL', () => {
  const seeded = useSeededGateway();
  const keys = seeded.keys;
  let gw: Harness;
  beforeAll(() => {
    gw = seeded.gw();
  });

  describe('mentions', () => {
    const LIST = `query($f: MentionFilter, $first: Int, $after: String, $order: MentionOrder) {
      mentions(filter: $f, first: $first, after: $after, orderBy: $order) { totalCount edges { node { id spam { score } duplicateOf direct } } pageInfo { hasNextPage endCursor } }
    }`;
    type ListResult = { mentions: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    /** Seeded names in the order served (ids are derived from source + sourceId, names read better). */
    const idsOf = (res: GqlResponse<ListResult>): string[] => res.data!.mentions.edges.map((e) => seededName(e.node.id));

    it('hides spam and duplicates unless asked, and pages either way', async () => {
      expect(idsOf(await gql<ListResult>(gw.url, keys.viewer, LIST, {}))).toEqual(['m6', 'm3', 'm2', 'm1']);
      expect(idsOf(await gql<ListResult>(gw.url, keys.viewer, LIST, { f: { includeSpam: true } }))).toEqual(['m6', 'm4', 'm3', 'm2', 'm1']);
      expect(idsOf(await gql<ListResult>(gw.url, keys.viewer, LIST, { f: { includeDuplicates: true } }))).toEqual(['m6', 'm5', 'm3', 'm2', 'm1']);
      const first = await gql<ListResult>(gw.url, keys.viewer, LIST, { order: 'OLDEST_FIRST', first: 2 });
      expect(idsOf(first)).toEqual(['m1', 'm2']);
      const second = await gql<ListResult>(gw.url, keys.viewer, LIST, { order: 'OLDEST_FIRST', first: 2, after: first.data!.mentions.pageInfo.endCursor });
      expect(idsOf(second)).toEqual(['m3', 'm6']);
      expect(codeOf(await gql(gw.url, keys.viewer, LIST, { after: first.data!.mentions.pageInfo.endCursor }))).toBe('INVALID_CURSOR');
    });

    it('says whether totalCount is exact', async () => {
      const res = await gql<{ mentions: { totalCount: number; totalCountIsExact: boolean } }>(gw.url, keys.viewer, '{ mentions(filter: { search: "m" }) { totalCount totalCountIsExact } }');
      expect(res.data?.mentions.totalCountIsExact).toBe(true);
    });

    it('loads parents and originals through one batched lookup per request', async () => {
      const spy = vi.spyOn(MentionRepository.prototype, 'getMentions');
      const res = await gql<{ mentions: { edges: { node: { id: string; parent: { id: string } | null; original: { id: string } | null } }[] } }>(
        gw.url,
        keys.viewer,
        '{ mentions(filter: { includeDuplicates: true }) { edges { node { id parent { id } original { id } } } } }',
      );
      const nodes = Object.fromEntries(res.data!.mentions.edges.map((e) => [e.node.id, e.node]));
      expect(nodes[SEEDED.m6]).toEqual({ id: SEEDED.m6, parent: { id: SEEDED.m1 }, original: null });
      expect(nodes[SEEDED.m5]).toEqual({ id: SEEDED.m5, parent: { id: SEEDED.m2 }, original: { id: SEEDED.m1 } });
      expect(spy).toHaveBeenCalledTimes(1);
      expect([...spy.mock.calls[0]![0]].sort()).toEqual([SEEDED.m1, SEEDED.m2].sort());
      spy.mockRestore();
    });

    it('refuses invalid filter values, a huge first, bad search syntax, too-deep and too-costly queries with stable codes', async () => {
      const bad = async (variables: Record<string, unknown>): Promise<GqlResponse> => gql(gw.url, keys.viewer, LIST, variables);
      expect(codeOf(await bad({ f: { sentiments: ['angry'] } }))).toBe('INVALID_ARGUMENT');
      expect(codeOf(await bad({ f: { from: 'yesterday' } }))).toBe('INVALID_ARGUMENT');
      expect(codeOf(await bad({ f: { languages: ['russian'] } }))).toBe('INVALID_ARGUMENT');
      expect(codeOf(await bad({ f: { from: '2026-03-05T00:00:00Z', to: '2026-03-01T00:00:00Z' } }))).toBe('INVALID_ARGUMENT');
      expect(codeOf(await bad({ first: 100000 }))).toBe('INVALID_ARGUMENT');
      expect(codeOf(await bad({ first: 0 }))).toBe('INVALID_ARGUMENT');
      const syntax = await bad({ f: { search: 'интернет "без' } });
      expect(syntax.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_QUERY', field: 'filter.search', position: 13, expected: ['a closing "'] });

      const deep = await gql(gw.url, keys.viewer, '{ mentions { edges { node { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } }');
      expect(deep.status).toBe(400);
      expect(codeOf(deep)).toBe('QUERY_TOO_COMPLEX');
      expect(deep.errors?.[0]?.message).toMatch(/depth 11 exceeds the limit of 10/);
      const costly = await gql(gw.url, keys.viewer, `{ a: mentions(first: 200) { edges { node { ${'id text language source '.repeat(30)} } } } b: mentions(first: 200) { edges { node { id text } } } }`);
      expect(codeOf(costly)).toBe('QUERY_TOO_COMPLEX');
      expect(codeOf(await gql(gw.url, keys.viewer, '{ mentions { nope } }'))).toBe('INVALID_ARGUMENT');
    });

    it('searches with stemming', async () => {
      expect(idsOf(await gql<ListResult>(gw.url, keys.viewer, LIST, { f: { search: 'провайдера' } }))).toEqual(['m1']);
    });
  });
});
