/**
 * The hostile-input corpus: every case the suite sends, with the answer it must get. One
 * file so it grows in one place; add a case whenever an attack or a careless client finds
 * something new. Shapes: hostile-case.ts. Limits and secrets: COLLECTOR_LIMITS.
 */
import type { HostileAuth, HostileCase } from './hostile-case.js';
import { COLLECTOR_LIMITS, GATEWAY_LIMITS, type TargetName } from './hostile-targets.js';

const JSON_TYPE = { 'content-type': 'application/json' };

/** A valid mention; `extra` overrides or adds fields. */
const mention = (sourceId: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  source: 'webhook',
  sourceId: `hostile-${sourceId}`,
  text: `Билайн, третий день нет интернета (${sourceId})`,
  author: { id: 'hostile-author', handle: 'hostile_author', name: 'Hostile Author', url: null },
  publishedAt: '2026-11-20T10:00:00Z',
  ...extra,
});

/** POST /ingest with an ingest key and a JSON body. */
const ingest = (name: string, items: unknown, expect: HostileCase['expect'], more: Partial<HostileCase> = {}): HostileCase<TargetName> =>
  ({ name, target: 'collector', path: '/ingest', headers: JSON_TYPE, body: { json: items }, expect, ...more }) as HostileCase<TargetName>;

const accepted = (n: number): { status: number; json: Record<string, unknown> } => ({ status: 202, json: { accepted: n } });
const allRejected = { status: 422, code: 'ALL_ITEMS_REJECTED' } as const;
const tooLarge = { status: 413, code: 'BODY_TOO_LARGE' } as const;
const megabytes = (n: number): number => Math.ceil(n * 1024 * 1024);
const sign = { sender: COLLECTOR_LIMITS.webhookSender, secret: COLLECTOR_LIMITS.webhookSecret };

const COLLECTOR_CASES: HostileCase<TargetName>[] = [
  // ---- who may send a body at all: decided from the headers ----
  ingest('no Authorization header', [mention('a1')], { status: 401, code: 'UNAUTHENTICATED' }, { auth: 'none' }),
  ingest('Basic instead of Bearer', [mention('a2')], { status: 401, code: 'UNAUTHENTICATED' }, { auth: 'none', headers: { ...JSON_TYPE, authorization: 'Basic dXNlcjpwYXNz' } }),
  ingest('Bearer with no key', [mention('a3')], { status: 401, code: 'UNAUTHENTICATED' }, { auth: 'none', headers: { ...JSON_TYPE, authorization: 'Bearer ' } }),
  ingest('unknown key', [mention('a4')], { status: 401, code: 'UNAUTHENTICATED' }, { auth: 'unknown' }),
  ingest('revoked key', [mention('a5')], { status: 401, code: 'UNAUTHENTICATED' }, { auth: 'revoked' }),
  ingest('viewer key cannot ingest', [mention('a6')], { status: 403, code: 'FORBIDDEN' }, { auth: 'viewer' }),
  ingest('admin key may ingest', [mention('a7')], accepted(1), { auth: 'admin' }),
  ingest('key of 8 KiB', [mention('a8')], { status: 401, code: 'UNAUTHENTICATED' }, { auth: 'none', headers: { ...JSON_TYPE, authorization: `Bearer ${'k'.repeat(8192)}` } }),
  ingest('two keys in one header', [mention('a9')], { status: 401, code: 'UNAUTHENTICATED' }, { auth: 'none', headers: { ...JSON_TYPE, authorization: 'Bearer a b' } }),
  ingest('lower-case "bearer" scheme', [mention('a10')], accepted(1), { headers: { ...JSON_TYPE, authorization: 'bearer hostile-suite-ingest-key-000000000001' } }),
  {
    name: 'signature without a sender, 9 MB chunked body: 401 before the body',
    target: 'collector',
    path: '/ingest',
    auth: 'none',
    headers: { ...JSON_TYPE, 'x-pulse-signature': 't=1,v1=00' },
    chunked: true,
    body: { repeat: ' ', count: megabytes(9) },
    deadlineMs: 3000,
    expect: { status: 401, code: 'UNAUTHENTICATED' },
  },
  {
    name: 'signature from an unconfigured sender, 20 x 9 MB in parallel',
    target: 'collector',
    path: '/ingest',
    auth: 'none',
    headers: { ...JSON_TYPE, 'x-pulse-signature': 't=1,v1=00', 'x-pulse-source': 'nobody' },
    chunked: true,
    body: { repeat: ' ', count: megabytes(9) },
    parallel: 20,
    deadlineMs: 5000,
    expect: { status: 401, code: 'UNAUTHENTICATED' },
  },
  ingest('configured sender, wrong signature', [mention('a13')], { status: 401, code: 'UNAUTHENTICATED' }, { auth: 'none', headers: { ...JSON_TYPE, 'x-pulse-source': sign.sender, 'x-pulse-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` } }),
  ingest('configured sender, signed with another secret', [mention('a14')], { status: 401, code: 'UNAUTHENTICATED' }, { auth: 'none', sign: { ...sign, secret: 'guessed' } }),
  ingest('configured sender, signature a day old (replay)', [mention('a15')], { status: 401, code: 'UNAUTHENTICATED' }, { auth: 'none', sign: { ...sign, timestamp: Math.floor(Date.now() / 1000) - 86_400 } }),
  ingest('configured sender, valid signature', [mention('a16')], accepted(1), { auth: 'none', sign }),

  // ---- content type and charset: checked before the body ----
  ingest('XML content type', [mention('c1')], { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' }, { headers: { 'content-type': 'application/xml' } }),
  ingest('HTML content type', [mention('c2')], { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' }, { headers: { 'content-type': 'text/html' } }),
  ingest('multipart form', [mention('c3')], { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' }, { headers: { 'content-type': 'multipart/form-data; boundary=xyz' } }),
  ingest('charset latin1', [mention('c4')], { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' }, { headers: { 'content-type': 'application/json; charset=latin1' } }),
  ingest('charset utf-16', [mention('c5')], { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' }, { headers: { 'content-type': 'application/json; charset=utf-16' } }),
  ingest('content type of 4 KiB junk', [mention('c6')], { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' }, { headers: { 'content-type': `x/${'y'.repeat(4096)}` } }),
  ingest('quoted upper-case UTF-8 charset', [mention('c7')], accepted(1), { headers: { 'content-type': 'Application/JSON; charset="UTF-8"' } }),
  ingest('no content type', [mention('c8')], accepted(1), { headers: {} }),
  ingest('text/plain carrying JSON', [mention('c9')], accepted(1), { headers: { 'content-type': 'text/plain' } }),
  {
    name: 'NDJSON',
    target: 'collector',
    path: '/ingest',
    headers: { 'content-type': 'application/x-ndjson' },
    body: `${JSON.stringify(mention('c10a'))}\n\n${JSON.stringify(mention('c10b'))}\n`,
    expect: accepted(2),
  },

  // ---- the body as JSON ----
  { name: 'empty body', target: 'collector', path: '/ingest', headers: JSON_TYPE, expect: { status: 400, code: 'EMPTY_BODY' } },
  { name: 'white space body', target: 'collector', path: '/ingest', headers: JSON_TYPE, body: ' \n\t ', expect: { status: 400, code: 'EMPTY_BODY' } },
  ingest('empty array', [], { status: 400, code: 'EMPTY_BODY' }),
  { name: 'truncated JSON', target: 'collector', path: '/ingest', headers: JSON_TYPE, body: '[{"source":', expect: { status: 400, code: 'MALFORMED_JSON' } },
  { name: 'lone brace', target: 'collector', path: '/ingest', headers: JSON_TYPE, body: '{', expect: { status: 400, code: 'MALFORMED_JSON' } },
  { name: 'trailing comma', target: 'collector', path: '/ingest', headers: JSON_TYPE, body: `[${JSON.stringify(mention('j1'))},]`, expect: { status: 400, code: 'MALFORMED_JSON' } },
  { name: 'single quotes', target: 'collector', path: '/ingest', headers: JSON_TYPE, body: "[{'source':'vk'}]", expect: { status: 400, code: 'MALFORMED_JSON' } },
  { name: 'NDJSON with a broken second line', target: 'collector', path: '/ingest', headers: { 'content-type': 'application/x-ndjson' }, body: `${JSON.stringify(mention('j2'))}\n{oops`, expect: { status: 400, code: 'MALFORMED_JSON' } },
  ingest('null', null, allRejected),
  ingest('a number', 123, allRejected),
  ingest('a string', 'mention', allRejected),
  ingest('array of numbers', [1, 2, 3], allRejected),
  { name: '100 000 nested arrays', target: 'collector', path: '/ingest', headers: JSON_TYPE, body: { repeat: '[', count: 100_000, suffix: ']'.repeat(100_000) }, expect: allRejected },
  { name: 'invalid UTF-8 bytes in a string', target: 'collector', path: '/ingest', headers: JSON_TYPE, body: { base64: Buffer.concat([Buffer.from('[{"source":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}]')]).toString('base64') }, expect: allRejected },
  { name: 'byte order mark before the JSON', target: 'collector', path: '/ingest', headers: JSON_TYPE, body: `\ufeff${JSON.stringify([mention('j3')])}`, expect: accepted(1) },
  ingest('__proto__ and constructor keys', [{ ...mention('j4'), ['__proto__']: { admin: true }, constructor: { prototype: { polluted: true } } }], accepted(1)),
  ingest(`${COLLECTOR_LIMITS.maxItems + 1} items`, Array.from({ length: COLLECTOR_LIMITS.maxItems + 1 }, () => ({})), { status: 413, code: 'TOO_MANY_ITEMS' }),

  // ---- sizes ----
  { name: 'declared Content-Length of 1 TB', target: 'collector', path: '/ingest', headers: { ...JSON_TYPE, 'content-length': '1000000000000' }, body: '[]', deadlineMs: 2000, expect: tooLarge },
  { name: '2 MB body with Content-Length', target: 'collector', path: '/ingest', headers: JSON_TYPE, body: { repeat: ' ', count: megabytes(2), prefix: '[', suffix: ']' }, expect: tooLarge },
  { name: '2 MB chunked body', target: 'collector', path: '/ingest', headers: JSON_TYPE, chunked: true, body: { repeat: ' ', count: megabytes(2), prefix: '[', suffix: ']' }, expect: tooLarge },
  { name: '20 MB chunked body', target: 'collector', path: '/ingest', headers: JSON_TYPE, chunked: true, body: { repeat: 'x', count: megabytes(20) }, expect: tooLarge },
  ingest('text over 20 000 characters', [mention('s1', { text: 'б'.repeat(20_001) })], allRejected),

  // ---- each item: identity, text, fields ----
  ingest('item without a source', [{ ...mention('i1'), source: undefined }], allRejected),
  ingest('unknown source', [mention('i2', { source: 'myspace' })], allRejected),
  ingest('source "x" is twitter', [mention('i3', { source: 'x' })], accepted(1)),
  ingest('source "X" (not an alias)', [mention('i4', { source: 'X' })], allRejected),
  ingest('id of another post', [mention('i5', { id: 'webhook:AAAAAAAAAAAAAAAAAAAAAA' })], { status: 422, code: 'ALL_ITEMS_REJECTED', bodyIncludes: 'id does not match source + sourceId' }),
  ingest('NUL-only text', [mention('i6', { text: '\u0000\u0000\u0000' })], { status: 422, code: 'ALL_ITEMS_REJECTED', bodyIncludes: 'text is empty' }),
  ingest('zero-width and control text', [mention('i7', { text: '\u200b\u200d\u0007\u00a0\ufeff' })], allRejected),
  ingest('empty sourceId', [mention('i8', { sourceId: '' })], allRejected),
  ingest('sourceId of 600 characters', [mention('i9', { sourceId: 's'.repeat(600) })], allRejected),
  ingest('publishedAt "yesterday"', [mention('i10', { publishedAt: 'yesterday' })], allRejected),
  ingest('publishedAt 30 February', [mention('i11', { publishedAt: '2026-02-30T00:00:00Z' })], allRejected),
  ingest('publishedAt year 0000', [mention('i12', { publishedAt: '0000-01-01T00:00:00Z' })], allRejected),
  ingest('publishedAt year +275760', [mention('i13', { publishedAt: '+275760-09-13T00:00:00Z' })], allRejected),
  ingest('javascript: URL', [mention('i14', { url: 'javascript:alert(document.cookie)' })], allRejected),
  ingest('data: author URL', [mention('i15', { author: { id: 'x', handle: 'x', name: 'x', url: 'data:text/html,<script>alert(1)</script>' } })], allRejected),
  ingest('author missing', [{ ...mention('i16'), author: undefined }], allRejected),
  ingest('author handle of 257 characters', [mention('i17', { author: { id: 'x', handle: 'h'.repeat(257), name: 'x', url: null } })], allRejected),
  ingest('negative likes', [mention('i18', { engagement: { likes: -1, reposts: 0, comments: 0 } })], allRejected),
  ingest('likes of 1e308', [mention('i19', { engagement: { likes: 1e308, reposts: 0, comments: 0 } })], allRejected),
  ingest('language "english"', [mention('i20', { language: 'english' })], allRejected),
  ingest('spam score 2', [mention('i21', { spam: { score: 2, reasons: [] } })], allRejected),
  ingest('one valid, one invalid', [mention('i22'), mention('i22b', { source: 'myspace' })], { status: 202, json: { accepted: 1, rejected: [{ index: 1 }] }, bodyIncludes: 'source' }),
  ingest('unknown fields are dropped', [mention('i23', { isAdmin: true, $where: '1==1' })], accepted(1)),
  ingest('SQL and tsquery syntax in text and handle', [mention('i24', { text: `'); DROP TABLE mentions; -- a & b | !c :* <->`, author: { id: "1' OR '1'='1", handle: "o'reilly", name: 'x', url: null } })], accepted(1)),
  ingest('right-to-left override, combining marks, emoji', [mention('i25', { text: '\u202eБилайн\u202c Z̷̢̛a̶l̸g̵o̷ 👨‍👩‍👧‍👦 🏳️‍🌈' })], accepted(1)),
  ingest('NUL inside readable text', [mention('i26', { text: 'Билайн\u0000 нет связи' })], accepted(1)),

  // ---- routes and methods: our envelope, never the framework's ----
  { name: 'GET /', target: 'collector', method: 'GET', path: '/', expect: { status: 404, code: 'NOT_FOUND' } },
  { name: 'GET /ingest', target: 'collector', method: 'GET', path: '/ingest', expect: { status: 405, code: 'METHOD_NOT_ALLOWED' } },
  { name: 'PUT /ingest', target: 'collector', method: 'PUT', path: '/ingest', headers: JSON_TYPE, body: { json: [mention('r1')] }, expect: { status: 405, code: 'METHOD_NOT_ALLOWED' } },
  { name: 'DELETE /ingest', target: 'collector', method: 'DELETE', path: '/ingest', expect: { status: 405, code: 'METHOD_NOT_ALLOWED' } },
  { name: 'OPTIONS /ingest', target: 'collector', method: 'OPTIONS', path: '/ingest', expect: { status: 405, code: 'METHOD_NOT_ALLOWED' } },
  { name: 'POST /healthz', target: 'collector', path: '/healthz', headers: JSON_TYPE, body: '{}', expect: { status: 404, code: 'NOT_FOUND' } },
  { name: 'GET /healthz', target: 'collector', method: 'GET', path: '/healthz', auth: 'none', expect: { status: 200 } },
  { name: 'GET /readyz', target: 'collector', method: 'GET', path: '/readyz', auth: 'none', expect: { status: 200 } },
  { name: 'GET /metrics', target: 'collector', method: 'GET', path: '/metrics', auth: 'none', expect: { status: 200 } },
  { name: 'path traversal', target: 'collector', method: 'GET', path: '/ingest/../../etc/passwd', expect: { status: 404, code: 'NOT_FOUND' } },
  { name: 'bad percent-encoding in the path', target: 'collector', method: 'GET', path: '/%E0%A4%A', expect: { status: 404, code: 'NOT_FOUND' } },
  { name: 'encoded NUL in the path', target: 'collector', method: 'GET', path: '/ingest%00', expect: { status: 404, code: 'NOT_FOUND' } },
  { name: 'path of 8 KiB', target: 'collector', method: 'GET', path: `/${'a'.repeat(8192)}`, expect: { status: 404, code: 'NOT_FOUND' } },
  { name: 'junk query string on a valid ingest', target: 'collector', path: '/ingest?x=%zz&__proto__[a]=1', headers: JSON_TYPE, body: { json: [mention('r2')] }, expect: accepted(1) },
  { name: 'trailing slash', target: 'collector', path: '/ingest/', headers: JSON_TYPE, body: { json: [mention('r3')] }, expect: accepted(1) },

  // ---- bytes an HTTP library would not send ----
  { name: 'not HTTP at all', target: 'collector', kind: 'raw', bytes: 'GARBAGE\r\n\r\n', expect: { status: 400, code: 'MALFORMED_REQUEST' } },
  { name: 'headers of 40 KiB', target: 'collector', kind: 'raw', bytes: { prefix: 'GET /healthz HTTP/1.1\r\nHost: {{host}}\r\nX-Big: ', repeat: 'a', count: 40 * 1024, suffix: '\r\n\r\n' }, expect: { status: 431, code: 'HEADERS_TOO_LARGE' } },
  { name: 'path of 40 KiB', target: 'collector', kind: 'raw', bytes: { prefix: 'GET /', repeat: 'a', count: 40 * 1024, suffix: ' HTTP/1.1\r\nHost: {{host}}\r\n\r\n' }, expect: { status: 431, code: 'HEADERS_TOO_LARGE' } },
  { name: 'control character in a header value', target: 'collector', kind: 'raw', bytes: 'GET /healthz HTTP/1.1\r\nHost: {{host}}\r\nX-A: a\u0001b\r\n\r\n', expect: { status: 400, code: 'MALFORMED_REQUEST' } },
  { name: 'both Content-Length and Transfer-Encoding (smuggling)', target: 'collector', kind: 'raw', bytes: 'POST /ingest HTTP/1.1\r\nHost: {{host}}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', expect: { status: 400, code: 'MALFORMED_REQUEST' } },
  { name: 'invalid chunk size', target: 'collector', kind: 'raw', bytes: 'POST /ingest HTTP/1.1\r\nHost: {{host}}\r\nAuthorization: Bearer hostile-suite-ingest-key-000000000001\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n[]\r\n0\r\n\r\n', expect: { status: 400, code: 'MALFORMED_REQUEST' } },
  { name: 'HTTP/1.0 without Host', target: 'collector', kind: 'raw', bytes: 'GET /nowhere HTTP/1.0\r\n\r\n', expect: { status: 404, code: 'NOT_FOUND' } },
  { name: 'unknown HTTP method', target: 'collector', kind: 'raw', bytes: 'BREW /ingest HTTP/1.1\r\nHost: {{host}}\r\n\r\n', expect: { status: 400, code: 'MALFORMED_REQUEST' } },
];

// ================================ gateway ================================

/** POST /graphql with a viewer key unless `more` says otherwise; `variables` when given. */
const gql = (name: string, query: string, expect: HostileCase['expect'], more: Partial<HostileCase> & { variables?: Record<string, unknown> } = {}): HostileCase<TargetName> => {
  const { variables, ...rest } = more;
  return { name: `gateway: ${name}`, target: 'gateway', path: '/graphql', auth: 'viewer', headers: JSON_TYPE, body: { json: { query, ...(variables ? { variables } : {}) } }, expect, ...rest } as HostileCase<TargetName>;
};
/** GET on the gateway (export routes) with a viewer key. */
const get = (name: string, path: string, expect: HostileCase['expect'], more: Partial<HostileCase> = {}): HostileCase<TargetName> =>
  ({ name: `gateway: ${name}`, target: 'gateway', method: 'GET', path, auth: 'viewer', expect, ...more }) as HostileCase<TargetName>;
/** A graphql-ws session: connection_init with the case's key, then `then`. */
const ws = (name: string, auth: HostileAuth, then: Record<string, unknown>[], expect: { close: { code: number; reason?: string } } | { message: Record<string, unknown> }, more: Record<string, unknown> = {}): HostileCase<TargetName> =>
  ({ name: `gateway ws: ${name}`, target: 'gateway', kind: 'ws', path: '/graphql', protocol: 'graphql-transport-ws', auth, keyInMessages: true, messages: [{ type: 'connection_init', payload: { authorization: 'Bearer {{key}}' } }, ...then], expect, ...more }) as HostileCase<TargetName>;
const sub = (id: string, query: string, variables: Record<string, unknown> = {}): Record<string, unknown> => ({ id, type: 'subscribe', payload: { query, variables } });

const ok = { status: 200 } as const;
const bad = (code: string, status = 400): { status: number; code: string } => ({ status, code });
const invalid = bad('INVALID_ARGUMENT');
const notFound = { status: 200, code: 'NOT_FOUND' } as const;
const wsError = (code: string): { message: Record<string, unknown> } => ({ message: { type: 'next', payload: { errors: [{ extensions: { code } }] } } });
const cursor = (position: unknown[]): string => Buffer.from(JSON.stringify(position)).toString('base64url');
const WINDOW = 'from: "2026-11-01T00:00:00Z", to: "2026-11-08T00:00:00Z"';
/** The search string: each nested NEAR multiplied the generated SQL by ~16. */
const NEAR4 = '(((a NEAR/8 b) NEAR/8 c) NEAR/8 d) NEAR/8 e';
const NEAR8 = '(((((((a NEAR/8 b) NEAR/8 c) NEAR/8 d) NEAR/8 e) NEAR/8 f) NEAR/8 g) NEAR/8 h) NEAR/8 i';
const aliases = (n: number, field: string): string => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
const nested = (depth: number): string => `{ mentions { edges { node { ${'parent { '.repeat(depth)}id${' }'.repeat(depth)} } } } }`;
const header = (value: string, name = 'X-Token'): string =>
  `mutation { createRule(input: { name: "desk", actions: { helpdesk: { name: "Desk", url: "https://desk.example.com/api", headers: [{ name: ${JSON.stringify(name)}, value: ${JSON.stringify(value)} }] } } }) { id } }`;

const GATEWAY_CASES: HostileCase<TargetName>[] = [
  // ---- keys and roles: decided before the body is read ----
  gql('no key', '{ topics { id } }', bad('UNAUTHENTICATED', 401), { auth: 'none' }),
  gql('unknown key', '{ topics { id } }', bad('UNAUTHENTICATED', 401), { auth: 'unknown' }),
  gql('revoked key', '{ topics { id } }', bad('UNAUTHENTICATED', 401), { auth: 'revoked' }),
  gql('Basic instead of Bearer', '{ topics { id } }', bad('UNAUTHENTICATED', 401), { auth: 'none', headers: { ...JSON_TYPE, authorization: 'Basic dXNlcjpwYXNz' } }),
  gql('key of 8 KiB', '{ topics { id } }', bad('UNAUTHENTICATED', 401), { auth: 'none', headers: { ...JSON_TYPE, authorization: `Bearer ${'k'.repeat(8192)}` } }),
  gql('ingest key reads mentions', '{ mentions { totalCount } }', bad('FORBIDDEN', 403), { auth: 'ingest' }),
  gql('ingest key introspects', '{ __schema { queryType { name } } }', bad('FORBIDDEN', 403), { auth: 'ingest' }),
  gql('ingest key introspects through a fragment', 'query { ...F } fragment F on Query { __type(name: "Mention") { name } }', bad('FORBIDDEN', 403), { auth: 'ingest' }),
  gql('viewer introspects', '{ __schema { queryType { name } } }', ok),
  gql('viewer creates a topic', 'mutation { createTopic(input: { name: "hostile", keywords: ["x"] }) { id } }', bad('FORBIDDEN', 403)),
  gql('analyst creates an API key', 'mutation { createApiKey(input: { name: "x", role: admin }) { key } }', bad('FORBIDDEN', 403), { auth: 'analyst' }),
  gql('analyst creates a rule', 'mutation { createRule(input: { name: "r", actions: { addTags: ["x"] } }) { id } }', bad('FORBIDDEN', 403), { auth: 'analyst' }),
  {
    name: 'gateway: no key, 20 MB body: 401 before the body',
    target: 'gateway',
    path: '/graphql',
    auth: 'none',
    headers: JSON_TYPE,
    body: { repeat: ' ', count: megabytes(20), prefix: '{"query":"{ topics { id } }"', suffix: '}' },
    deadlineMs: 3000,
    expect: bad('UNAUTHENTICATED', 401),
  },
  {
    name: 'gateway: unknown key, 9 MB chunked x 10 in parallel',
    target: 'gateway',
    path: '/graphql',
    auth: 'unknown',
    headers: JSON_TYPE,
    chunked: true,
    body: { repeat: ' ', count: megabytes(9) },
    parallel: 10,
    deadlineMs: 5000,
    expect: bad('UNAUTHENTICATED', 401),
  },

  // ---- the HTTP body of /graphql: our codes in the GraphQL error shape ----
  { name: 'gateway: malformed JSON', target: 'gateway', path: '/graphql', auth: 'viewer', headers: JSON_TYPE, body: '{"query": "{ topics { id } }"', expect: bad('MALFORMED_JSON') },
  { name: 'gateway: single quotes', target: 'gateway', path: '/graphql', auth: 'viewer', headers: JSON_TYPE, body: "{'query': '{ topics { id } }'}", expect: bad('MALFORMED_JSON') },
  { name: 'gateway: empty body', target: 'gateway', path: '/graphql', auth: 'viewer', headers: JSON_TYPE, expect: bad('MALFORMED_JSON') },
  { name: 'gateway: invalid UTF-8', target: 'gateway', path: '/graphql', auth: 'viewer', headers: JSON_TYPE, body: { base64: Buffer.concat([Buffer.from('{"query":"{ topics { id } }","x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]).toString('base64') }, expect: bad('MALFORMED_JSON') },
  { name: 'gateway: 100 000 nested arrays', target: 'gateway', path: '/graphql', auth: 'viewer', headers: JSON_TYPE, body: { repeat: '[', count: 100_000, suffix: ']'.repeat(100_000) }, expect: invalid },
  { name: 'gateway: JSON array (batch)', target: 'gateway', path: '/graphql', auth: 'viewer', headers: JSON_TYPE, body: { json: [{ query: '{ topics { id } }' }, { query: '{ topics { id } }' }] }, expect: invalid },
  { name: 'gateway: empty object', target: 'gateway', path: '/graphql', auth: 'viewer', headers: JSON_TYPE, body: { json: {} }, expect: invalid },
  { name: 'gateway: query is a number', target: 'gateway', path: '/graphql', auth: 'viewer', headers: JSON_TYPE, body: { json: { query: 1 } }, expect: invalid },
  { name: 'gateway: variables is a string', target: 'gateway', path: '/graphql', auth: 'viewer', headers: JSON_TYPE, body: { json: { query: '{ topics { id } }', variables: 'x' } }, expect: invalid },
  { name: 'gateway: declared Content-Length of 1 TB', target: 'gateway', path: '/graphql', auth: 'viewer', headers: { ...JSON_TYPE, 'content-length': '1000000000000' }, body: '{}', deadlineMs: 2000, expect: bad('BODY_TOO_LARGE', 413) },
  { name: 'gateway: 20 MB body', target: 'gateway', path: '/graphql', auth: 'viewer', headers: JSON_TYPE, body: { repeat: ' ', count: megabytes(20), prefix: '{"query":"{ topics { id } }"', suffix: '}' }, deadlineMs: 3000, expect: bad('BODY_TOO_LARGE', 413) },
  { name: 'gateway: 3 MB chunked body', target: 'gateway', path: '/graphql', auth: 'viewer', headers: JSON_TYPE, chunked: true, body: { repeat: ' ', count: megabytes(3), prefix: '{"query":"{ topics { id } }"', suffix: '}' }, expect: bad('BODY_TOO_LARGE', 413) },
  { name: 'gateway: variables just over the limit', target: 'gateway', path: '/graphql', auth: 'viewer', headers: JSON_TYPE, body: { repeat: 'x', count: GATEWAY_LIMITS.maxBodyBytes, prefix: '{"query":"{ topics { id } }","variables":{"pad":"', suffix: '"}}' }, expect: bad('BODY_TOO_LARGE', 413) },
  { name: 'gateway: charset latin1', target: 'gateway', path: '/graphql', auth: 'viewer', headers: { 'content-type': 'application/json; charset=latin1' }, body: { json: { query: '{ topics { id } }' } }, expect: bad('UNSUPPORTED_MEDIA_TYPE', 415) },
  { name: 'gateway: charset utf-16', target: 'gateway', path: '/graphql', auth: 'viewer', headers: { 'content-type': 'application/json; charset=utf-16' }, body: { json: { query: '{ topics { id } }' } }, expect: bad('UNSUPPORTED_MEDIA_TYPE', 415) },
  { name: 'gateway: text/plain', target: 'gateway', path: '/graphql', auth: 'viewer', headers: { 'content-type': 'text/plain' }, body: { json: { query: '{ topics { id } }' } }, expect: bad('UNSUPPORTED_MEDIA_TYPE', 415) },
  { name: 'gateway: no content type', target: 'gateway', path: '/graphql', auth: 'viewer', body: { json: { query: '{ topics { id } }' } }, expect: bad('UNSUPPORTED_MEDIA_TYPE', 415) },
  { name: 'gateway: form-urlencoded', target: 'gateway', path: '/graphql', auth: 'viewer', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B%20topics%20%7B%20id%20%7D%20%7D', expect: bad('UNSUPPORTED_MEDIA_TYPE', 415) },
  { name: 'gateway: multipart upload', target: 'gateway', path: '/graphql', auth: 'viewer', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x\r\n\r\n--x--', expect: bad('UNSUPPORTED_MEDIA_TYPE', 415) },
  { name: 'gateway: quoted upper-case UTF-8 charset', target: 'gateway', path: '/graphql', auth: 'viewer', headers: { 'content-type': 'Application/JSON; charset="UTF-8"' }, body: { json: { query: '{ topics { id } }' } }, expect: ok },
  get('GET /graphql with a query', `/graphql?query=${encodeURIComponent('{ topics { id } }')}`, ok),
  get('GET /graphql with a mutation', `/graphql?query=${encodeURIComponent('mutation { deleteTopic(id: "mts") { id } }')}`, bad('METHOD_NOT_ALLOWED', 405)),
  get('GET /graphql without a query', '/graphql', invalid),
  { name: 'gateway: PUT /graphql', target: 'gateway', method: 'PUT', path: '/graphql', auth: 'viewer', headers: JSON_TYPE, body: { json: { query: '{ topics { id } }' } }, expect: bad('METHOD_NOT_ALLOWED', 405) },
  { name: 'gateway: DELETE /graphql', target: 'gateway', method: 'DELETE', path: '/graphql', auth: 'viewer', expect: bad('METHOD_NOT_ALLOWED', 405) },

  // ---- GraphQL documents: syntax, depth, cost ----
  gql('syntax error', '{ topics { id ', invalid),
  gql('unknown field', '{ nothing }', invalid),
  gql('wrong argument type', '{ mentions(first: "ten") { totalCount } }', invalid),
  gql('Int beyond 32 bits', '{ mentions(first: 99999999999) { totalCount } }', bad('QUERY_TOO_COMPLEX')),
  gql('negative page size', '{ mentions(first: -1) { totalCount } }', invalid),
  gql('page size of 100 000', '{ mentions(first: 100000) { totalCount } }', bad('QUERY_TOO_COMPLEX')),
  gql('top authors limit 0', '{ topAuthors(limit: 0) { handle } }', invalid),
  gql('depth 30 through parent', nested(30), bad('QUERY_TOO_COMPLEX')),
  gql('1 000 aliased topAuthors', aliases(1000, 'topAuthors(limit: 1) { handle }'), bad('QUERY_TOO_COMPLEX'), { deadlineMs: 1000 }),
  // Five at once share one event loop: the last waits for the others' validation, so its deadline is theirs together.
  gql('1 000 aliased topAuthors x 5 in parallel', aliases(1000, 'topAuthors(limit: 1) { handle }'), bad('QUERY_TOO_COMPLEX'), { deadlineMs: 2500, parallel: 5 }),
  gql('300 aliased mentions pages of 200', aliases(300, 'mentions(first: 200) { totalCount }'), bad('QUERY_TOO_COMPLEX'), { deadlineMs: 1000 }),
  gql('200 aliased sourceBreakdown', aliases(200, 'sourceBreakdown { total }'), bad('QUERY_TOO_COMPLEX'), { deadlineMs: 1000 }),
  gql('2 000 aliased __typename', aliases(2000, '__typename'), ok, { deadlineMs: 1000 }),
  gql('500 aliased mention(id) lookups', aliases(500, 'mention(id: "vk:nothing") { id }'), ok, { deadlineMs: 1000 }),
  gql('fragment cycle', 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }', invalid),
  gql('10 000 repeated fields', `{ ${'__typename '.repeat(10_000)} }`, invalid, { deadlineMs: 1000 }),

  // ---- search: cost bounded by construction ----
  gql('nested NEAR in mentions', '{ mentions(filter: { search: $s }) { totalCount } }'.replace('$s', JSON.stringify(NEAR4)), ok, { deadlineMs: 1000 }),
  gql('nested NEAR x 5 in parallel', 'query($s: String) { mentions(filter: { search: $s }) { totalCount } }', ok, { deadlineMs: 2500, parallel: 5, variables: { s: NEAR4 } }),
  gql('8-level NEAR in mentions', 'query($s: String) { mentions(filter: { search: $s }) { edges { node { id } } } }', ok, { deadlineMs: 1000, variables: { s: NEAR8 } }),
  gql('nested NEAR in topAuthors', 'query($s: String) { topAuthors(filter: { search: $s }) { handle } }', ok, { deadlineMs: 1000, variables: { s: NEAR4 } }),
  gql('nested NEAR in sourceBreakdown', 'query($s: String) { sourceBreakdown(filter: { search: $s }) { total } }', ok, { deadlineMs: 1000, variables: { s: NEAR8 } }),
  get('nested NEAR in /export', `/export?search=${encodeURIComponent(NEAR8)}`, ok, { deadlineMs: 1000 }),
  gql('unbalanced parentheses', 'query($s: String) { mentions(filter: { search: $s }) { totalCount } }', bad('INVALID_QUERY', 400), { variables: { s: '((a NEAR/8 b)' } }),
  gql('NEAR without a right side', 'query($s: String) { mentions(filter: { search: $s }) { totalCount } }', bad('INVALID_QUERY', 400), { variables: { s: 'a NEAR/8' } }),
  gql('search of 501 characters', 'query($s: String) { mentions(filter: { search: $s }) { totalCount } }', invalid, { variables: { s: 'a'.repeat(501) } }),
  gql('SQL in search', 'query($s: String) { mentions(filter: { search: $s }) { totalCount } }', bad('INVALID_QUERY'), { variables: { s: "'; DROP TABLE mentions; --" } }),
  gql('SQL as a search phrase', 'query($s: String) { mentions(filter: { search: $s }) { totalCount } }', ok, { variables: { s: `"'; DROP TABLE mentions; --"` } }),
  gql('tsquery operators in search', 'query($s: String) { mentions(filter: { search: $s }) { totalCount } }', bad('INVALID_QUERY'), { variables: { s: 'a & b | !c :* <-> d' } }),
  gql('right-to-left and zero-width in search', 'query($s: String) { mentions(filter: { search: $s }) { totalCount } }', ok, { variables: { s: '\u202eБилайн\u200b' } }),
  gql('emoji and combining marks in search', 'query($s: String) { mentions(filter: { search: $s }) { totalCount } }', bad('INVALID_QUERY'), { variables: { s: 'Z̷̢̛a̶l̸g̵o̷ 👨‍👩‍👧‍👦' } }),
  gql('lone surrogate in search', 'query($s: String) { mentions(filter: { search: $s }) { totalCount } }', ok, { variables: { s: 'a\ud800b' } }),

  // ---- NUL and control characters: the field named, never a store error ----
  gql('NUL in authorHandle', '{ mentions(filter: { authorHandle: "a\\u0000b" }) { totalCount } }', { ...invalid, bodyIncludes: 'filter.authorHandle' }),
  gql('NUL in topicIds', '{ mentions(filter: { topicIds: ["mts\\u0000"] }) { totalCount } }', { ...invalid, bodyIncludes: 'filter.topicIds' }),
  gql('NUL in mention(id)', '{ mention(id: "vk:a\\u0000b") { id } }', { ...invalid, bodyIncludes: '"field":"id"' }),
  gql('NUL in search', 'query($s: String) { mentions(filter: { search: $s }) { totalCount } }', { ...invalid, bodyIncludes: 'filter.search' }, { variables: { s: 'a\u0000b' } }),
  gql('escape sequence in assignee', 'query($a: String) { mentions(filter: { assignee: $a }) { totalCount } }', { ...invalid, bodyIncludes: 'filter.assignee' }, { variables: { a: '\u001b[31mred' } }),
  gql('NUL in a tag', '{ mentions(filter: { tags: ["a\\u0000"] }) { totalCount } }', invalid),
  gql('line break in a topic id', '{ shareOfVoice(topicIds: ["mts\\n"], ' + WINDOW + ') { total } }', invalid),
  gql('NUL in a new topic name (admin)', 'mutation { createTopic(input: { name: "a\\u0000b", keywords: ["x"] }) { id } }', invalid, { auth: 'admin' }),
  gql('NUL in a note (analyst)', 'mutation { addMentionNote(id: "vk:nothing", text: "a\\u0000") { id } }', invalid, { auth: 'analyst' }),
  gql('mention id of 10 000 characters', `{ mention(id: "${'m'.repeat(10_000)}") { id } }`, ok),

  // ---- dates: a sane range, parsed strictly ----
  gql('filter.from year 0000', '{ mentions(filter: { from: "0000-01-01T00:00:00Z" }) { totalCount } }', invalid),
  gql('filter.from year +275760', '{ mentions(filter: { from: "+275760-09-13T00:00:00Z" }) { totalCount } }', invalid),
  gql('filter.to 30 February', '{ mentions(filter: { to: "2020-02-30T00:00:00Z" }) { totalCount } }', invalid),
  gql('filter.from without a time zone', '{ mentions(filter: { from: "2026-11-01T00:00:00" }) { totalCount } }', invalid),
  gql('filter.from as a number', 'query($f: DateTime) { mentions(filter: { from: $f }) { totalCount } }', invalid, { variables: { f: 0 } }),
  gql('window from year 0000', '{ sentimentTimeline(from: "0000-01-01T00:00:00Z", to: "2026-11-08T00:00:00Z") { total } }', invalid),
  gql('window to year 9999', '{ shareOfVoice(from: "2026-11-01T00:00:00Z", to: "9999-12-31T00:00:00Z") { total } }', invalid),
  gql('inverted window', '{ sentimentTimeline(from: "2026-11-08T00:00:00Z", to: "2026-11-01T00:00:00Z") { total } }', invalid),
  gql('hourly buckets over 50 years', '{ sentimentTimeline(from: "1975-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z", interval: HOUR) { total } }', invalid),
  gql('alerts since year 0000', '{ alerts(since: "0000-01-01T00:00:00Z") { id } }', invalid),
  gql('reaction times over 1969', '{ reactionTimes(from: "1969-01-01T00:00:00Z", to: "1969-12-31T00:00:00Z") { topicId } }', invalid),

  // ---- cursors: validated after decoding ----
  gql('cursor of garbage', '{ mentions(after: "garbage!") { totalCount } }', bad('INVALID_CURSOR')),
  gql('cursor at 30 February', 'query($c: String) { mentions(after: $c) { totalCount } }', bad('INVALID_CURSOR'), { variables: { c: cursor(['2020-02-30', 'x']) } }),
  gql('cursor in year +275760', 'query($c: String) { mentions(after: $c) { totalCount } }', bad('INVALID_CURSOR'), { variables: { c: cursor(['+275760-09-13T00:00:00.000Z', 'x']) } }),
  gql('cursor in year -1', 'query($c: String) { mentions(after: $c) { totalCount } }', bad('INVALID_CURSOR'), { variables: { c: cursor(['-000001-01-01T00:00:00.000Z', 'x']) } }),
  gql('cursor with NUL in the id', 'query($c: String) { mentions(after: $c) { totalCount } }', bad('INVALID_CURSOR'), { variables: { c: cursor(['2026-11-01T00:00:00.000Z', 'a\u0000b']) } }),
  gql('cursor of the other order', 'query($c: String) { mentions(after: $c, orderBy: OLDEST_FIRST) { totalCount } }', bad('INVALID_CURSOR'), { variables: { c: cursor(['2026-11-01T00:00:00.000Z', 'x']) } }),
  gql('cursor of an object', 'query($c: String) { mentions(after: $c) { totalCount } }', bad('INVALID_CURSOR'), { variables: { c: cursor([{ $gt: '' }, 'x']) } }),
  gql('cursor of 100 KB', 'query($c: String) { mentions(after: $c) { totalCount } }', bad('INVALID_CURSOR'), { variables: { c: cursor(['2026-11-01T00:00:00.000Z', 'x'.repeat(100_000)]) } }),
  gql('valid cursor', 'query($c: String) { mentions(after: $c) { totalCount } }', ok, { variables: { c: cursor(['2026-11-01T00:00:00.000Z', 'vk:x']) } }),

  // ---- unknown topic ids: NOT_FOUND naming them ----
  gql('unknown topic in a filter', '{ mentions(filter: { topicIds: ["mts", "no-such-topic"] }) { totalCount } }', { ...notFound, bodyIncludes: 'no-such-topic' }),
  gql('unknown topic in shareOfVoice', `{ shareOfVoice(topicIds: ["no-such-topic"], ${WINDOW}) { total } }`, notFound),
  gql('unknown topic in sentimentTimeline', `{ sentimentTimeline(topicIds: ["no-such-topic"], ${WINDOW}) { total } }`, notFound),
  gql('unknown topic in topAuthors', '{ topAuthors(filter: { topicIds: ["no-such-topic"] }) { handle } }', notFound),
  gql('unknown topic in reactionTimes', `{ reactionTimes(topicIds: ["no-such-topic"], ${WINDOW}) { topicId } }`, notFound),
  gql('unknown topic in alerts', '{ alerts(topicIds: ["no-such-topic"]) { id } }', notFound),
  gql('unknown topic in a rule', 'mutation { createRule(input: { name: "r", conditions: { topicIds: ["no-such-topic"] }, actions: { addTags: ["x"] } }) { id } }', notFound, { auth: 'admin' }),
  gql('injection as a topic id', '{ mentions(filter: { topicIds: ["\' OR \'1\'=\'1"] }) { totalCount } }', notFound),
  gql('500 unknown topic ids', `{ mentions(filter: { topicIds: ${JSON.stringify(Array.from({ length: 500 }, (_, i) => `t${i}`))} }) { totalCount } }`, notFound, { deadlineMs: 1000 }),
  gql('known topic', `{ shareOfVoice(topicIds: ["mts", "beeline"], ${WINDOW}) { topicId topic { name } } }`, ok),
  gql('SQL in authorHandle', '{ mentions(filter: { authorHandle: "\' OR 1=1 --" }) { totalCount } }', ok),

  // ---- sources: x is twitter ----
  gql('source x in a filter', '{ mentions(filter: { sources: [x] }) { totalCount } }', ok),
  gql('source myspace', '{ mentions(filter: { sources: [myspace] }) { totalCount } }', invalid),
  gql('source "x" as a string', '{ mentions(filter: { sources: ["x"] }) { totalCount } }', invalid),

  // ---- rules: helpdesk actions checked when saved ----
  gql('helpdesk header value in Cyrillic', header('Bearer ключ'), { ...invalid, bodyIncludes: 'input.actions.helpdesk.headers' }, { auth: 'admin' }),
  gql('helpdesk header value with CR LF', header('a\r\nX-Injected: 1'), invalid, { auth: 'admin' }),
  gql('helpdesk header name with a space', header('a', 'X Token'), invalid, { auth: 'admin' }),
  gql('helpdesk header Content-Length', header('1', 'Content-Length'), invalid, { auth: 'admin' }),
  gql('helpdesk javascript: URL', 'mutation { createRule(input: { name: "desk", actions: { helpdesk: { name: "Desk", url: "javascript:alert(1)" } } }) { id } }', invalid, { auth: 'admin' }),
  gql('rule without an action', 'mutation { createRule(input: { name: "nothing", actions: {} }) { id } }', invalid, { auth: 'admin' }),

  // ---- /export and /export/feedback ----
  get('export from year 0000', '/export?from=0000-01-01T00:00:00Z', invalid),
  get('export NUL in authorHandle', '/export?authorHandle=a%00b', invalid),
  get('export unknown topic', '/export?topicIds=no-such-topic', bad('NOT_FOUND', 404)),
  get('export source x', '/export?sources=x&topicIds=mts', ok),
  get('export format xml', '/export?format=xml', invalid),
  get('export unknown parameter', '/export?bogus=1', invalid),
  get('export twice the same from', '/export?from=2026-01-01T00:00:00Z&from=2026-02-01T00:00:00Z', invalid),
  get('export without a key', '/export', bad('UNAUTHENTICATED', 401), { auth: 'none' }),
  get('export with an ingest key', '/export', bad('FORBIDDEN', 403), { auth: 'ingest' }),
  get('feedback since=1', '/export/feedback?since=1', invalid),
  get('feedback since year 0000', '/export/feedback?since=0000-01-01T00:00:00Z', invalid),
  get('feedback since yesterday', '/export/feedback?since=yesterday', invalid),
  get('feedback since', '/export/feedback?since=2026-01-01T00:00:00Z', ok),

  // ---- bytes an HTTP library would not send ----
  { name: 'gateway: not HTTP at all', target: 'gateway', kind: 'raw', bytes: 'GARBAGE\r\n\r\n', expect: { status: 400, code: 'MALFORMED_REQUEST' } },
  { name: 'gateway: headers of 40 KiB', target: 'gateway', kind: 'raw', bytes: { prefix: 'GET /healthz HTTP/1.1\r\nHost: {{host}}\r\nX-Big: ', repeat: 'a', count: 40 * 1024, suffix: '\r\n\r\n' }, expect: { status: 431, code: 'HEADERS_TOO_LARGE' } },
  { name: 'gateway: smuggling headers', target: 'gateway', kind: 'raw', bytes: 'POST /graphql HTTP/1.1\r\nHost: {{host}}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', expect: { status: 400, code: 'MALFORMED_REQUEST' } },

  // ---- WebSocket sessions (graphql-ws) ----
  ws('no key in connection_init', 'none', [], { close: { code: 4401, reason: 'missing key' } }),
  ws('unknown key', 'unknown', [], { close: { code: 4403, reason: 'unknown or revoked key' } }),
  ws('revoked key', 'revoked', [], { close: { code: 4403, reason: 'unknown or revoked key' } }),
  ws('ingest key', 'ingest', [], { close: { code: 4403, reason: 'role cannot subscribe' } }),
  {
    name: 'gateway ws: subscribe before connection_init',
    target: 'gateway',
    kind: 'ws',
    path: '/graphql',
    protocol: 'graphql-transport-ws',
    messages: [sub('1', 'subscription { mentionScored { id } }')],
    expect: { close: { code: 4401 } },
  },
  { name: 'gateway ws: not JSON', target: 'gateway', kind: 'ws', path: '/graphql', protocol: 'graphql-transport-ws', messages: ['{oops'], expect: { close: { code: 4400 } } },
  ws('unknown topic in a subscription', 'viewer', [sub('1', 'subscription { mentionScored(filter: { topicIds: ["no-such-topic"] }) { id } }')], wsError('NOT_FOUND')),
  ws('NUL in a subscription filter', 'viewer', [sub('1', 'subscription($f: MentionFilter) { mentionScored(filter: $f) { id } }', { f: { authorHandle: 'a\u0000' } })], wsError('INVALID_ARGUMENT')),
  ws('workflow field in a subscription', 'viewer', [sub('1', 'subscription { mentionScored(filter: { statuses: [new] }) { id } }')], wsError('INVALID_ARGUMENT')),
  ws('unknown topic in alertRaised', 'viewer', [sub('1', 'subscription { alertRaised(topicIds: ["no-such-topic"]) { id } }')], wsError('NOT_FOUND')),
  ws('unknown topic in mentionUpdated', 'viewer', [sub('1', 'subscription { mentionUpdated(topicIds: ["no-such-topic"]) { id } }')], wsError('NOT_FOUND')),
  ws('a query over the socket', 'viewer', [sub('1', '{ topics { id } }')], { message: { type: 'next', payload: { data: {} } } }),
];

export const HOSTILE_CORPUS: HostileCase<TargetName>[] = [...COLLECTOR_CASES, ...GATEWAY_CASES];
