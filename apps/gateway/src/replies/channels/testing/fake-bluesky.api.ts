import { createHash } from 'node:crypto';
import { bearer, startFakeApi, type FakeAnswer, type FakeApi } from './fake-api.js';

export interface FakeBlueskyState {
  /** Records by AT URI. */
  records: Map<string, { cid: string; value: Record<string, unknown> }>;
  /** Unix seconds when the limit resets; set to answer 429. */
  rateLimitedUntil: number | null;
  afterStore: 'answer' | 'hang-up';
  /** Access tokens handed out by createSession; clear to expire them. */
  sessions: Set<string>;
}

export interface FakeBluesky extends FakeApi {
  state: FakeBlueskyState;
}

const xrpcError = (status: number, error: string, message: string, headers?: Record<string, string>): FakeAnswer => ({ status, json: { error, message }, ...(headers ? { headers } : {}) });
export const fakeCid = (value: unknown) => `bafyrei${createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 40)}`;

/**
 * A PDS as documented for posting: `com.atproto.server.createSession` (identifier + app
 * password → accessJwt, did, handle), `com.atproto.repo.getRecord` (uri, cid, value; 400
 * RecordNotFound), `com.atproto.repo.createRecord` (repo, collection, rkey, record → uri, cid),
 * XRPC error bodies, 429 RateLimitExceeded with ratelimit-reset.
 */
export async function startFakeBluesky(options: { handle: string; did: string; appPassword: string }): Promise<FakeBluesky> {
  let seq = 0;
  const state: FakeBlueskyState = { records: new Map(), rateLimitedUntil: null, afterStore: 'answer', sessions: new Set() };
  const api = await startFakeApi((req) => {
    if (state.rateLimitedUntil !== null) return xrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded', { 'ratelimit-limit': '5000', 'ratelimit-remaining': '0', 'ratelimit-reset': String(state.rateLimitedUntil) });
    const method = req.path.replace(/^\/xrpc\//, '');
    if (method === 'com.atproto.server.createSession' && req.method === 'POST') {
      const body = (req.json ?? {}) as { identifier?: unknown; password?: unknown };
      if (body.identifier !== options.handle || body.password !== options.appPassword) return xrpcError(401, 'AuthenticationRequired', 'Invalid identifier or password');
      const jwt = `access-jwt-${++seq}`;
      state.sessions.add(jwt);
      return { status: 200, json: { accessJwt: jwt, refreshJwt: `refresh-${seq}`, handle: options.handle, did: options.did, active: true } };
    }
    if (method === 'com.atproto.repo.getRecord' && req.method === 'GET') {
      const uri = `at://${req.query.get('repo')}/${req.query.get('collection')}/${req.query.get('rkey')}`;
      const record = state.records.get(uri);
      return record ? { status: 200, json: { uri, cid: record.cid, value: record.value } } : xrpcError(400, 'RecordNotFound', `Could not locate record: ${uri}`);
    }
    if (method !== 'com.atproto.repo.createRecord' || req.method !== 'POST') return xrpcError(404, 'MethodNotImplemented', 'Method Not Implemented');
    if (!state.sessions.has(bearer(req) ?? '')) return xrpcError(400, 'ExpiredToken', 'Token has expired');
    const body = (req.json ?? {}) as { repo?: unknown; collection?: unknown; rkey?: unknown; record?: Record<string, unknown> };
    if (body.repo !== options.did) return xrpcError(401, 'AuthenticationRequired', 'Invalid repo for this session');
    const record = body.record ?? {};
    const reply = (record['reply'] ?? {}) as { root?: { uri?: string; cid?: string }; parent?: { uri?: string; cid?: string } };
    for (const ref of [reply.root, reply.parent]) {
      if (ref && state.records.get(ref.uri ?? '')?.cid !== ref.cid) return xrpcError(400, 'InvalidRequest', `Invalid reply reference: ${ref.uri}`);
    }
    if (typeof record['text'] !== 'string' || record['$type'] !== body.collection) return xrpcError(400, 'InvalidRequest', 'Invalid app.bsky.feed.post record');
    const uri = `at://${options.did}/${String(body.collection)}/${String(body.rkey ?? `auto${++seq}`)}`;
    if (state.records.has(uri)) return xrpcError(400, 'InvalidRequest', `Record already exists: ${uri}`);
    const cid = fakeCid(record);
    state.records.set(uri, { cid, value: record });
    if (state.afterStore === 'hang-up') {
      state.afterStore = 'answer';
      return { status: 200, hangUp: true };
    }
    return { status: 200, json: { uri, cid, commit: { cid: fakeCid(uri), rev: `rev${seq}` }, validationStatus: 'valid' } };
  });
  return Object.assign(api, { state });
}
