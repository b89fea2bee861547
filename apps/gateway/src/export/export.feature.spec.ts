import { TOPICS, type ScoredMention } from '@pulse/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, SEEDED, mention, useSeededGateway, type Harness } from '../testing/gateway-spec.fixtures.js';
import { gql, waitFor } from '../testing/gateway-test-kit.js';

describe('/export', () => {
  const seeded = useSeededGateway();
  const keys = seeded.keys;
  let gw: Harness;
  beforeAll(() => {
    gw = seeded.gw();
  });

  describe('export', () => {
    const get = (query: string, key: string | null = keys.viewer): Promise<Response> =>
      fetch(`${gw.url}/export?${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

    it('needs a key', async () => {
      const res = await get('format=csv', null);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    });

    it('streams NDJSON and CSV for the same filter fields as GraphQL', async () => {
      const ndjson = await get('format=ndjson&sentiments=negative&topicIds=acme&to=2026-03-05T00:00:00Z');
      expect(ndjson.status).toBe(200);
      expect(ndjson.headers.get('content-type')).toMatch(/application\/x-ndjson/);
      const lines = (await ndjson.text()).trim().split('\n').map((l) => JSON.parse(l) as ScoredMention);
      expect(lines.map((m) => m.id)).toEqual([SEEDED.m6, SEEDED.m2, SEEDED.m1]);

      await gw.bus.publish(TOPICS.scoredMentions, [mention('csv-1', { text: '=HYPERLINK("http://evil") "quoted", line\nbreak', publishedAt: '2020-01-01T00:00:00.000Z' })]);
      const csv = await waitFor('csv row', async () => {
        const text = await (await get('format=csv&to=2020-01-02T00:00:00Z&sources=vk,telegram')).text();
        return text.includes('csv-1') ? text : undefined;
      });
      const [header, row] = csv.split('\r\n');
      expect(header).toBe('id,source,sourceId,url,publishedAt,language,authorHandle,authorName,sentiment,sentimentScore,topicIds,direct,spamScore,duplicateOf,intent,replyNeeded,text');
      expect(row).toContain(`"'=HYPERLINK(""http://evil"") ""quoted"", line\nbreak"`);
    });

    it('refuses unknown parameters and invalid values with 400', async () => {
      for (const query of ['format=xml', 'format=csv&colour=red', 'sentiments=angry', 'includeSpam=yes', 'search=%22open']) {
        const res = await get(query);
        expect(res.status, query).toBe(400);
      }
    });

    it('walks more mentions than one store page, in order', async () => {
      // A topic to export by must exist (an unknown one is NOT_FOUND, not an empty file).
      expect((await gql(gw.url, ADMIN_KEY, 'mutation { createTopic(input: { name: "bulk", keywords: ["bulk"] }) { id } }')).errors).toBeUndefined();
      const many = Array.from({ length: 2_500 }, (_, i) => mention(`bulk-${String(i).padStart(4, '0')}`, { publishedAt: new Date(Date.UTC(2019, 0, 1) + i * 60_000).toISOString(), topicIds: ['bulk'] }));
      await gw.bus.publish(TOPICS.scoredMentions, many);
      const text = await waitFor('bulk export', async () => {
        const body = await (await get('format=ndjson&topicIds=bulk')).text();
        return body.trim().split('\n').length === 2_500 ? body : undefined;
      }, 20_000);
      const ids = text.trim().split('\n').map((l) => (JSON.parse(l) as ScoredMention).id);
      expect(ids).toEqual(many.map((m) => m.id).reverse());
    });
  });
});
