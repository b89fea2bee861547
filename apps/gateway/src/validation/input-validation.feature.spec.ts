import { request } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, codeOf, useSeededGateway, type Harness } from '../testing/gateway-spec.fixtures.js';
import { gql } from '../testing/gateway-test-kit.js';

const cursor = (position: unknown[]): string => Buffer.from(JSON.stringify(position)).toString('base64url');

/** A raw POST to /graphql: headers and body exactly as given. */
function post(url: string, headers: Record<string, string>, body: Buffer | string, method = 'POST'): Promise<{ status: number; json: { errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path: '/graphql', headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as never }));
    });
    req.once('error', reject);
    req.end(body);
  });
}

describe('input validated before the store, errors in our envelope', () => {
  const seeded = useSeededGateway();
  const keys = seeded.keys;
  let gw: Harness;
  beforeAll(() => {
    gw = seeded.gw();
  });
  const field = (res: { errors?: { extensions?: Record<string, unknown> }[] }): unknown => res.errors?.[0]?.extensions?.['field'];

  it('refuses NUL and control characters in ids, handles and topic ids, naming the field', async () => {
    for (const [query, expected] of [
      ['{ mentions(filter: { authorHandle: "a\\u0000b" }) { totalCount } }', 'filter.authorHandle'],
      ['{ mentions(filter: { topicIds: ["acme\\u0000"] }) { totalCount } }', 'filter.topicIds'],
      ['{ mention(id: "m1\\u0000") { id } }', 'id'],
      ['{ mentions(filter: { search: "a\\u0007b" }) { totalCount } }', 'filter.search'],
    ] as const) {
      const res = await gql(gw.url, keys.viewer, query);
      expect(codeOf(res), query).toBe('INVALID_ARGUMENT');
      expect(field(res), query).toBe(expected);
    }
  });

  it('refuses dates outside 1970–2999 and impossible ones, in filters and windows', async () => {
    for (const from of ['0000-01-01T00:00:00Z', '2020-02-30T00:00:00Z', '1969-12-31T23:59:59Z', '2026-03-01T00:00:00']) {
      expect(codeOf(await gql(gw.url, keys.viewer, '{ mentions(filter: { from: $from }) { totalCount } }'.replace('$from', JSON.stringify(from)))), from).toBe('INVALID_ARGUMENT');
      const window = await gql(gw.url, keys.viewer, 'query($from: DateTime!) { sentimentTimeline(from: $from, to: "2026-03-05T00:00:00Z") { total } }', { from });
      expect(codeOf(window), from).toBe('INVALID_ARGUMENT');
    }
  });

  it('validates cursors after decoding them', async () => {
    for (const position of [['2020-02-30', 'x'], ['+275760-09-13T00:00:00.000Z', 'x'], ['-000001-01-01T00:00:00.000Z', 'x'], ['2026-03-01T00:00:00.000Z', 'a\u0000b'], ['2026-03-01T00:00:00.000Z', '']]) {
      const res = await gql(gw.url, keys.viewer, 'query($after: String) { mentions(after: $after) { totalCount } }', { after: cursor(position) });
      expect(codeOf(res), JSON.stringify(position)).toBe('INVALID_CURSOR');
    }
  });

  it('answers NOT_FOUND naming unknown topics in filters, analytics, rules and statistics; known ones work', async () => {
    const window = 'from: "2026-03-01T00:00:00Z", to: "2026-03-05T00:00:00Z"';
    for (const [query, expected] of [
      ['{ mentions(filter: { topicIds: ["acme", "nope"] }) { totalCount } }', 'filter.topicIds'],
      [`{ shareOfVoice(topicIds: ["nope"], ${window}) { total } }`, 'topicIds'],
      [`{ sentimentTimeline(topicIds: ["nope"], ${window}) { total } }`, 'topicIds'],
      ['{ topAuthors(filter: { topicIds: ["nope"] }) { handle } }', 'filter.topicIds'],
      [`{ reactionTimes(topicIds: ["nope"], ${window}) { topicId } }`, 'topicIds'],
      ['{ alerts(topicIds: ["nope"]) { id } }', 'topicIds'],
    ] as const) {
      const res = await gql(gw.url, ADMIN_KEY, query);
      expect(codeOf(res), query).toBe('NOT_FOUND');
      expect(field(res), query).toBe(expected);
      expect(res.errors?.[0]?.message, query).toContain('"nope"');
    }
    const rule = await gql(gw.url, ADMIN_KEY, 'mutation { createRule(input: { name: "r", conditions: { topicIds: ["nope"] }, actions: { addTags: ["x"] } }) { id } }');
    expect(codeOf(rule)).toBe('NOT_FOUND');
    expect(field(rule)).toBe('input.conditions.topicIds');
    const known = await gql<{ mentions: { totalCount: number } }>(gw.url, keys.viewer, '{ mentions(filter: { topicIds: ["acme"] }) { totalCount } }');
    expect(known.errors).toBeUndefined();
    expect(known.data!.mentions.totalCount).toBeGreaterThan(0);
  });

  it('reads source x as twitter in filters and rules, and answers twitter', async () => {
    const res = await gql<{ mentions: { totalCount: number } }>(gw.url, keys.viewer, '{ mentions(filter: { sources: [x] }) { totalCount } }');
    expect(res.errors).toBeUndefined();
    const rule = await gql<{ createRule: { conditions: { sources: string[] } } }>(gw.url, ADMIN_KEY, 'mutation { createRule(input: { name: "x posts", conditions: { sources: [x, vk] }, actions: { addTags: ["x"] } }) { conditions { sources } } }');
    expect(rule.errors).toBeUndefined();
    expect(rule.data!.createRule.conditions.sources).toEqual(['twitter', 'vk']);
  });

  it('refuses helpdesk headers HTTP cannot carry when the rule is saved', async () => {
    const ruleWith = (header: { name: string; value: string }) =>
      gql(gw.url, ADMIN_KEY, 'mutation($h: HeaderInput!) { createRule(input: { name: "desk", actions: { helpdesk: { name: "Desk", url: "https://desk.example.com/api", headers: [$h] } } }) { id } }', { h: header });
    for (const header of [{ name: 'Authorization', value: 'Bearer ключ' }, { name: 'X-Token', value: 'a\r\nX-Evil: 1' }, { name: 'X Token', value: 'a' }, { name: 'Content-Length', value: '1' }]) {
      const res = await ruleWith(header);
      expect(codeOf(res), JSON.stringify(header)).toBe('INVALID_ARGUMENT');
      expect(String(field(res)), JSON.stringify(header)).toMatch(/^input\.actions\.helpdesk\.headers/);
    }
    expect((await ruleWith({ name: 'Authorization', value: 'Basic c3VwOnNlY3JldA==' })).errors).toBeUndefined();
  });

  it('checks /export and /export/feedback parameters strictly, unknown topics included', async () => {
    const get = async (path: string): Promise<{ status: number; code: unknown }> => {
      const res = await fetch(`${gw.url}${path}`, { headers: { authorization: `Bearer ${keys.viewer}` } });
      const text = await res.text();
      return { status: res.status, code: res.status === 200 ? undefined : (JSON.parse(text) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code };
    };
    expect(await get('/export?from=0000-01-01T00:00:00Z')).toEqual({ status: 400, code: 'INVALID_ARGUMENT' });
    expect(await get('/export?authorHandle=a%00b')).toEqual({ status: 400, code: 'INVALID_ARGUMENT' });
    expect(await get('/export?topicIds=nope')).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await get('/export?sources=x&topicIds=acme')).toEqual({ status: 200, code: undefined });
    expect(await get('/export/feedback?since=1')).toEqual({ status: 400, code: 'INVALID_ARGUMENT' });
    expect(await get('/export/feedback?since=0000-01-01T00:00:00Z')).toEqual({ status: 400, code: 'INVALID_ARGUMENT' });
    expect(await get('/export/feedback?since=2026-01-01T00:00:00Z')).toEqual({ status: 200, code: undefined });
  });

  it('refuses malformed, oversize and mislabelled /graphql bodies in the GraphQL error shape', async () => {
    const auth = { authorization: `Bearer ${keys.viewer}` };
    const json = { ...auth, 'content-type': 'application/json' };
    const cases: [Record<string, string>, Buffer | string, number, string][] = [
      [json, '{"query": "{ topics { id } }"', 400, 'MALFORMED_JSON'],
      [json, '', 400, 'MALFORMED_JSON'],
      [json, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 400, 'MALFORMED_JSON'],
      [json, `{"query": "{ topics { id } }", "variables": {"pad": "${'x'.repeat(1024 * 1024)}"}}`, 413, 'BODY_TOO_LARGE'],
      [{ ...auth, 'content-type': 'application/json; charset=latin1' }, '{"query": "{ topics { id } }"}', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [{ ...auth, 'content-type': 'text/plain' }, '{"query": "{ topics { id } }"}', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [{ 'content-type': 'application/json' }, `{"pad": "${'x'.repeat(2 * 1024 * 1024)}"}`, 401, 'UNAUTHENTICATED'],
    ];
    for (const [headers, body, status, code] of cases) {
      const res = await post(gw.url, headers, body);
      expect({ status: res.status, code: res.json.errors?.[0]?.extensions?.['code'] }, `${JSON.stringify(headers)} ${String(body).slice(0, 40)}`).toEqual({ status, code });
    }
    const put = await post(gw.url, json, '{"query": "{ topics { id } }"}', 'PUT');
    expect({ status: put.status, code: put.json.errors?.[0]?.extensions?.['code'] }).toEqual({ status: 405, code: 'METHOD_NOT_ALLOWED' });
    const mutationOverGet = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('mutation { deleteTopic(id: "acme") { id } }')}`, { headers: auth });
    expect(mutationOverGet.status).toBe(405);
    expect(((await mutationOverGet.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('lets only keys that may read introspect the schema', async () => {
    const introspection = '{ __schema { queryType { name } } }';
    expect(codeOf(await gql(gw.url, keys.ingest, introspection))).toBe('FORBIDDEN');
    expect(codeOf(await gql(gw.url, keys.ingest, 'query { ...F } fragment F on Query { __type(name: "Mention") { name } }'))).toBe('FORBIDDEN');
    const viewer = await gql<{ __schema: { queryType: { name: string } } }>(gw.url, keys.viewer, introspection);
    expect(viewer.data!.__schema.queryType.name).toBe('Query');
  });
});
