import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, useSeededGateway, type Harness } from '../testing/gateway-spec.fixtures.js';
import { gql, waitFor } from '../testing/gateway-test-kit.js';

describe('topics over GraphQL', () => {
  const seeded = useSeededGateway();
  const keys = seeded.keys;
  let gw: Harness;
  beforeAll(() => {
    gw = seeded.gw();
  });

  describe('topics', () => {
    it('creates, updates, pauses, resumes and deletes, publishing every version', async () => {
      const created = await gql<{ createTopic: { id: string } }>(gw.url, keys.analyst, `mutation { createTopic(input: { name: "Кофемания", query: "кофемания OR coffeemania", ownAccounts: [{ source: vk, handle: "coffeemania" }] }) { id query keywords ownAccounts { source handle } status } }`);
      expect(created.data).toEqual({ createTopic: { id: 'kofemaniya', query: 'кофемания OR coffeemania', keywords: [], ownAccounts: [{ source: 'vk', handle: 'coffeemania' }], status: 'active' } });
      const updated = await gql(gw.url, keys.analyst, `mutation { updateTopic(id: "kofemaniya", input: { keywords: ["Кофемания"], query: null }) { query keywords name } }`);
      expect(updated.data).toEqual({ updateTopic: { query: null, keywords: ['Кофемания'], name: 'Кофемания' } });
      expect((await gql(gw.url, keys.analyst, `mutation { pauseTopic(id: "kofemaniya") { status } }`)).data).toEqual({ pauseTopic: { status: 'paused' } });
      expect((await gql(gw.url, keys.analyst, `mutation { resumeTopic(id: "kofemaniya") { status } }`)).data).toEqual({ resumeTopic: { status: 'active' } });
      expect((await gql(gw.url, keys.analyst, `mutation { deleteTopic(id: "kofemaniya") { status } }`)).data).toEqual({ deleteTopic: { status: 'deleted' } });
      expect((await gql(gw.url, keys.viewer, `{ topic(id: "kofemaniya") { id } }`)).data).toEqual({ topic: null });
      expect(codeOf(await gql(gw.url, keys.analyst, `mutation { pauseTopic(id: "kofemaniya") { status } }`))).toBe('NOT_FOUND');
      const versions = await waitFor('published topic versions', () => {
        const mine = gw.published.topics.filter((t) => t.id === 'kofemaniya');
        return mine.length === 5 ? mine : undefined;
      });
      expect(versions.map((t) => t.status)).toEqual(['active', 'active', 'paused', 'active', 'deleted']);
      const times = versions.map((t) => Date.parse(t.updatedAt));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(new Set(times).size).toBe(times.length);
    });

    it('returns a query syntax error as a field error with its position', async () => {
      const res = await gql(gw.url, keys.analyst, `mutation { createTopic(input: { name: "Broken", query: "(acme OR globex" }) { id } }`);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_QUERY', field: 'input.query', position: 15, expected: ['")"'] });
      expect(codeOf(await gql(gw.url, keys.analyst, `mutation { createTopic(input: { name: "Empty" }) { id } }`))).toBe('INVALID_ARGUMENT');
    });
  });
});
