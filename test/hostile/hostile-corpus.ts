/**
 * The hostile-input corpus: every case the suite sends, with the answer it must get. One
 * file so it grows in one place; add a case whenever an attack or a careless client finds
 * something new. Shapes: hostile-case.ts. Limits and secrets: COLLECTOR_LIMITS.
 */
import type { HostileCase } from './hostile-case.js';
import { COLLECTOR_LIMITS, type TargetName } from './hostile-targets.js';

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

export const HOSTILE_CORPUS: HostileCase<TargetName>[] = [
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
