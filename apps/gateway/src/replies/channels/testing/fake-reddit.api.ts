import { bearer, startFakeApi, type FakeAnswer, type FakeApi } from './fake-api.js';

export interface FakeRedditThing {
  name: string;
  author: string;
  body: string;
  parentId?: string;
  permalink: string;
  createdUtc: number;
  deleted?: boolean;
  locked?: boolean;
}

export interface FakeRedditState {
  /** Posts (t3_) and comments (t1_) by fullname. */
  things: Map<string, FakeRedditThing>;
  /** Minutes the account must wait between comments (RATELIMIT); null: no wait. */
  ratelimitMinutes: number | null;
  afterStore: 'answer' | 'hang-up';
  /** Access tokens handed out, and which were since revoked. */
  issued: string[];
  revoked: Set<string>;
}

export interface FakeReddit extends FakeApi {
  state: FakeRedditState;
}

const apiErrors = (code: string, message: string, field: string): FakeAnswer => ({ status: 200, json: { json: { errors: [[code, message, field]] } } });

/**
 * Reddit's API as documented: `POST /api/v1/access_token` (password grant, Basic client auth,
 * `{"error": "invalid_grant"}` in HTTP 200 for a bad password), `POST /api/comment` with
 * api_type=json answering `{"json": {"errors": [[CODE, message, field]], "data": {"things": [...]}}}`,
 * `GET /user/{name}/comments` (a Listing). One server plays www.reddit.com and oauth.reddit.com.
 */
export async function startFakeReddit(options: { clientId: string; clientSecret: string; username: string; password: string; scopes?: string }): Promise<FakeReddit> {
  let seq = 0;
  const state: FakeRedditState = { things: new Map(), ratelimitMinutes: null, afterStore: 'answer', issued: [], revoked: new Set() };
  const api = await startFakeApi((req) => {
    if (!String(req.headers['user-agent'] ?? '').includes(`/u/${options.username}`)) return { status: 429, json: { message: 'Too Many Requests', error: 429 }, headers: { 'x-ratelimit-reset': '600' } };
    if (req.method === 'POST' && req.path === '/api/v1/access_token') {
      const expected = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return { status: 401, json: { message: 'Unauthorized', error: 401 } };
      if (req.form.get('grant_type') !== 'password' || req.form.get('username') !== options.username || req.form.get('password') !== options.password) return { status: 200, json: { error: 'invalid_grant' } };
      const token = `reddit-access-${++seq}`;
      state.issued.push(token);
      return { status: 200, json: { access_token: token, token_type: 'bearer', expires_in: 86400, scope: options.scopes ?? 'submit history' } };
    }
    const token = bearer(req);
    if (!token || !state.issued.includes(token) || state.revoked.has(token)) return { status: 401, json: { message: 'Unauthorized', error: 401 } };
    const userComments = /^\/user\/([^/]+)\/comments$/.exec(req.path);
    if (req.method === 'GET' && userComments) {
      const children = [...state.things.values()]
        .filter((t) => t.author === decodeURIComponent(userComments[1]!) && t.name.startsWith('t1_'))
        .reverse()
        .map((t) => ({ kind: 't1', data: { id: t.name.slice(3), name: t.name, body: t.body, parent_id: t.parentId, permalink: t.permalink, created_utc: t.createdUtc, author: t.author } }));
      return { status: 200, json: { kind: 'Listing', data: { after: null, before: null, children } } };
    }
    if (req.method !== 'POST' || req.path !== '/api/comment') return { status: 404, json: { message: 'Not Found', error: 404 } };
    if (!(options.scopes ?? 'submit history').split(' ').includes('submit')) return { status: 403, json: { message: 'Forbidden', error: 403 } };
    if (req.form.get('api_type') !== 'json') return { status: 200, text: '{"jquery": []}' };
    const parent = state.things.get(req.form.get('thing_id') ?? '');
    if (!parent || parent.deleted) return apiErrors('NO_THING_ID', 'id not specified', 'parent');
    if (parent.locked) return apiErrors('THREAD_LOCKED', 'Comments are locked.', 'parent');
    const text = req.form.get('text') ?? '';
    if (!text) return apiErrors('NO_TEXT', 'we need something here', 'text');
    if (state.ratelimitMinutes !== null) {
      return apiErrors('RATELIMIT', `Looks like you've been doing that a lot. Take a break for ${state.ratelimitMinutes} minutes before trying again.`, 'ratelimit');
    }
    const id = `c${(++seq).toString(36)}`;
    const thing = { name: `t1_${id}`, author: options.username, body: text, parentId: parent.name, permalink: `${parent.permalink}${id}/`, createdUtc: Date.now() / 1000 };
    state.things.set(thing.name, thing);
    if (state.afterStore === 'hang-up') {
      state.afterStore = 'answer';
      return { status: 200, hangUp: true };
    }
    return { status: 200, json: { json: { errors: [], data: { things: [{ kind: 't1', data: { id, name: thing.name, body: text, parent_id: parent.name, link_id: parent.name, permalink: thing.permalink, author: options.username } }] } } } };
  });
  return Object.assign(api, { state });
}
