import { TOPICS } from '@pulse/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, collect, idOf, mention, startGateway, useSeededGateway, wsClient, type Harness } from '../testing/gateway-spec.fixtures.js';
import { gql, waitFor } from '../testing/gateway-test-kit.js';

describe('live subscriptions over graphql-ws', () => {
  const seeded = useSeededGateway();
  const keys = seeded.keys;
  let gw: Harness;
  beforeAll(() => {
    gw = seeded.gw();
  });

  describe('live subscriptions (graphql-ws)', () => {
    const SUB = `subscription($f: MentionFilter) { mentionScored(filter: $f) { id sentiment { label } } }`;

    it('refuses a connection without a valid key at connection_init, saying which', async () => {
      for (const [key, code, reason] of [
        [undefined, 4401, /^missing key/],
        ['wrong', 4403, /^unknown or revoked key$/],
      ] as const) {
        const ws = wsClient(gw.url, key);
        const sub = collect(ws.client, SUB);
        expect(await ws.closed).toBe(code);
        expect(await ws.reason).toMatch(reason);
        expect(sub.events).toEqual([]);
        await ws.client.dispose();
      }
    });

    it('closes a revoked key’s open subscriptions', async () => {
      const created = await gql<{ createApiKey: { key: string; apiKey: { id: string } } }>(gw.url, ADMIN_KEY, `mutation { createApiKey(input: { name: "wall screen", role: viewer }) { key apiKey { id } } }`);
      const { key, apiKey } = created.data!.createApiKey;
      const ws = wsClient(gw.url, key);
      collect(ws.client, SUB);
      await waitFor('subscription open', async () => (gw.feature.feed.size > 0 ? true : undefined));
      await gql(gw.url, ADMIN_KEY, `mutation($id: ID!) { revokeApiKey(id: $id) { id revoked } }`, { id: apiKey.id });
      expect(await ws.closed).toBe(4403);
      expect(await ws.reason).toBe('API key revoked');
      await ws.client.dispose();
    });

    it('applies the filter on the server and refuses an ingest key', async () => {
      const { client } = wsClient(gw.url, keys.viewer);
      const negative = collect(client, SUB, { f: { sentiments: ['negative'], topicIds: ['acme'] } });
      const everything = collect(client, SUB, { f: { includeSpam: true } });
      await new Promise((r) => setTimeout(r, 300));
      await gw.bus.publish(TOPICS.scoredMentions, [
        mention('live-1', { label: 'negative' }),
        mention('live-2', { label: 'positive' }),
        mention('live-3', { label: 'negative', topicIds: ['globex'] }),
        mention('live-4', { label: 'negative', spam: { score: 0.7, reasons: [] } }),
      ]);
      await waitFor('all events', () => everything.events.length === 4 || undefined);
      expect(negative.events.map((e) => (e.data as { mentionScored: { id: string } }).mentionScored.id)).toEqual([idOf('live-1')]);
      negative.done();
      everything.done();

      // An ingest key's session ends at connection_init, saying why.
      const ingest = wsClient(gw.url, keys.ingest);
      const denied = collect(ingest.client, SUB);
      expect(await ingest.closed).toBe(4403);
      expect(await ingest.reason).toBe('role cannot subscribe');
      expect(denied.events).toEqual([]);
      await ingest.client.dispose();

      // A topic that does not exist is refused by name, not left to wait silently.
      const unknown = collect(client, SUB, { f: { topicIds: ['acme', 'no-such-topic'] } });
      await waitFor('not found', () => unknown.events.length + unknown.errors.length > 0 || undefined);
      expect(JSON.stringify([unknown.events, unknown.errors])).toMatch(/NOT_FOUND.*filter\.topicIds|filter\.topicIds.*NOT_FOUND/);
      expect(JSON.stringify([unknown.events, unknown.errors])).toContain('no-such-topic');
      await client.dispose();
    });

    it('tells a slow subscriber how many mentions it lost instead of buffering without bound', async () => {
      const small = await startGateway({ subscriptionBuffer: 2 });
      try {
        const { client } = wsClient(small.url, ADMIN_KEY);
        const sub = collect(client, SUB);
        await new Promise((r) => setTimeout(r, 300));
        // Published synchronously: the socket cannot drain between them, so the buffer overflows.
        small.feature.feed.publish(Array.from({ length: 10 }, (_, i) => mention(`burst-${i}`)));
        await waitFor('buffered events', () => sub.events.length === 2 || undefined);
        expect(sub.events.map((e) => (e.data as { mentionScored: { id: string } }).mentionScored.id)).toEqual([idOf('burst-8'), idOf('burst-9')]);
        expect(sub.events[0]!.extensions).toEqual({ droppedMentions: 8 });
        expect(sub.events[1]!.extensions).toBeUndefined();
        sub.done();
        await client.dispose();
      } finally {
        await small.close();
      }
    });
  });
});
