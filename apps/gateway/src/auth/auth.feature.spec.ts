import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, codeOf, startGateway, useSeededGateway, type Harness } from '../testing/gateway-spec.fixtures.js';
import { gql, waitFor } from '../testing/gateway-test-kit.js';

describe('auth over GraphQL: keys and roles', () => {
  const seeded = useSeededGateway();
  const keys = seeded.keys;
  let gw: Harness;
  beforeAll(() => {
    gw = seeded.gw();
  });

  describe('authentication and roles', () => {
    it('answers a request without a key, or with an unknown key, with 401 UNAUTHENTICATED and no data', async () => {
      for (const key of [undefined, 'not-a-key']) {
        const res = await gql(gw.url, key, '{ mentions { totalCount } }');
        expect(res.status).toBe(401);
        expect(codeOf(res)).toBe('UNAUTHENTICATED');
        expect(res.data).toBeUndefined();
      }
      const malformed = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: ADMIN_KEY }, body: '{"query":"{ topics { id } }"}' });
      expect(malformed.status).toBe(401);
      expect(malformed.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('lets a viewer read but not manage topics or keys; an analyst manage topics but not keys', async () => {
      expect((await gql(gw.url, keys.viewer, '{ mentions { totalCount } }')).data).toEqual({ mentions: { totalCount: 4 } });
      const create = `mutation { createTopic(input: { name: "Viewer Topic", keywords: ["x"] }) { id } }`;
      const denied = await gql(gw.url, keys.viewer, create);
      expect(codeOf(denied)).toBe('FORBIDDEN');
      expect(denied.status).toBe(403);
      expect(codeOf(await gql(gw.url, keys.viewer, '{ apiKeys { id } }'))).toBe('FORBIDDEN');
      expect((await gql(gw.url, keys.analyst, create.replace('Viewer', 'Analyst'))).data).toEqual({ createTopic: { id: 'analyst-topic' } });
      expect(codeOf(await gql(gw.url, keys.analyst, `mutation { createApiKey(input: { name: "x", role: admin }) { key } }`))).toBe('FORBIDDEN');
    });

    it('gives an ingest key nothing to read', async () => {
      const res = await gql(gw.url, keys.ingest, '{ mentions { totalCount } }');
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(res.data).toBeNull();
      const exported = await fetch(`${gw.url}/export?format=ndjson`, { headers: { authorization: `Bearer ${keys.ingest}` } });
      expect(exported.status).toBe(403);
    });

    it('lists keys without secrets, tells a caller who it is, revokes, and publishes every change to the keys topic', async () => {
      const created = await gql<{ createApiKey: { key: string; apiKey: { id: string } } }>(gw.url, ADMIN_KEY, `mutation { createApiKey(input: { name: "temp", role: viewer }) { key apiKey { id name role revoked } } }`);
      const { key, apiKey } = created.data!.createApiKey;
      expect(key).toMatch(/^pulse_[A-Za-z0-9_-]{32}$/);
      expect((await gql(gw.url, key, '{ me { id role } }')).data).toEqual({ me: { id: apiKey.id, role: 'viewer' } });
      const list = await gql<{ apiKeys: Record<string, unknown>[] }>(gw.url, ADMIN_KEY, '{ apiKeys { id name role revoked lastUsedAt } }');
      expect(list.data!.apiKeys.map((k) => k['id'])).toEqual(expect.arrayContaining(['bootstrap', apiKey.id]));
      expect(JSON.stringify(list)).not.toContain(key);

      expect((await gql(gw.url, ADMIN_KEY, `mutation($id: ID!) { revokeApiKey(id: $id) { revoked } }`, { id: apiKey.id })).data).toEqual({ revokeApiKey: { revoked: true } });
      expect((await gql(gw.url, key, '{ me { id } }')).status).toBe(401);
      expect(codeOf(await gql(gw.url, ADMIN_KEY, `mutation { revokeApiKey(id: "nope") { id } }`))).toBe('NOT_FOUND');

      const records = await waitFor('published key records', () => {
        const mine = gw.published.keys.filter((k) => k.id === apiKey.id);
        return mine.length === 2 ? mine : undefined;
      });
      expect(records.map((r) => r.revoked)).toEqual([false, true]);
      expect(records[0]).not.toHaveProperty('key');
      expect(records[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(gw.published.keys.some((k) => k.id === 'bootstrap' && k.role === 'admin')).toBe(true);
    });
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once a key used its budget', async () => {
    const gw = await startGateway({ rateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await gql(gw.url, ADMIN_KEY, '{ topics { id } }')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` }, body: '{"query":"{ topics { id } }"}' });
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await limited.json()).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
    } finally {
      await gw.close();
    }
  });

  it('charges a key by what its requests cost the store, not by their count', async () => {
    const gw = await startGateway({ rateLimitPerMinute: 10 });
    try {
      // Twelve top-author scans weigh 6,000 store units: 12 tokens, more than the key has in a minute.
      const scans = Array.from({ length: 12 }, (_, i) => `a${i}: topAuthors(limit: 1) { total }`).join(' ');
      const costly = await gql(gw.url, ADMIN_KEY, `{ ${scans} }`);
      expect(costly.errors).toBeUndefined();
      const next = await gql(gw.url, ADMIN_KEY, '{ topics { id } }');
      expect(next.status).toBe(429);
      expect(codeOf(next)).toBe('RATE_LIMITED');
    } finally {
      await gw.close();
    }
  });

  it('refuses a request that aliases one scanning field a thousand times before it runs', async () => {
    const gw = await startGateway();
    try {
      const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: topAuthors(limit: 1) { total }`).join(' ');
      const res = await gql(gw.url, ADMIN_KEY, `{ ${aliases} }`);
      expect(codeOf(res)).toBe('QUERY_TOO_COMPLEX');
      expect(res.errors?.[0]?.message).toMatch(/cost \d+ exceeds the limit/);
    } finally {
      await gw.close();
    }
  });
});
