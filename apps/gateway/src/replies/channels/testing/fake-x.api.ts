import { bearer, startFakeApi, type FakeAnswer, type FakeApi } from './fake-api.js';

export interface FakeXPost {
  id: string;
  text: string;
  authorId: string;
  inReplyTo?: string;
  deleted?: boolean;
  /** The author limited replies to people they mention. */
  repliesLimited?: boolean;
}

export interface FakeXState {
  posts: Map<string, FakeXPost>;
  afterStore: 'answer' | 'hang-up' | 'http-503';
  /** Unix seconds when the rate-limit window resets; set to answer 429. */
  rateLimitedUntil: number | null;
}

export interface FakeX extends FakeApi {
  state: FakeXState;
}

const problem = (status: number, title: string, detail: string, headers?: Record<string, string>): FakeAnswer => ({
  status,
  json: { title, detail, type: 'about:blank', status },
  ...(headers ? { headers } : {}),
});

/**
 * X API v2 as documented: `POST /2/tweets` (201 `{data: {id, text}}`), `GET /2/users/me`,
 * `GET /2/users/{id}/tweets` with `referenced_tweets`; problem-details errors (401, 403 with
 * X's known details, 429 with `x-rate-limit-reset`). `writeToken` may post, `readToken` only read.
 */
export async function startFakeX(options: { writeToken: string; readToken: string; user: { id: string; username: string } }): Promise<FakeX> {
  let nextId = 1_900_000_000_000_000_000n;
  const state: FakeXState = { posts: new Map(), afterStore: 'answer', rateLimitedUntil: null };
  const api = await startFakeApi((req) => {
    const token = bearer(req);
    if (token !== options.writeToken && token !== options.readToken) return problem(401, 'Unauthorized', 'Unauthorized');
    if (state.rateLimitedUntil !== null) {
      return problem(429, 'Too Many Requests', 'Too Many Requests', { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(state.rateLimitedUntil) });
    }
    if (req.method === 'GET' && req.path === '/2/users/me') return { status: 200, json: { data: { ...options.user, name: 'Brand' } } };
    const timeline = /^\/2\/users\/(\d+)\/tweets$/.exec(req.path);
    if (req.method === 'GET' && timeline) {
      const since = Date.parse(req.query.get('start_time') ?? '1970-01-01T00:00:00Z');
      const data = [...state.posts.values()]
        .filter((p) => p.authorId === timeline[1] && !p.deleted && Number.isFinite(since))
        .map((p) => ({ id: p.id, text: p.text, ...(p.inReplyTo ? { referenced_tweets: [{ type: 'replied_to', id: p.inReplyTo }] } : {}) }));
      return { status: 200, json: data.length > 0 ? { data, meta: { result_count: data.length } } : { meta: { result_count: 0 } } };
    }
    if (req.method !== 'POST' || req.path !== '/2/tweets') return problem(404, 'Not Found Error', `no route ${req.method} ${req.path}`);
    if (token !== options.writeToken) return problem(403, 'Forbidden', 'You are not permitted to perform this action.');
    const body = (req.json ?? {}) as { text?: unknown; reply?: { in_reply_to_tweet_id?: unknown } };
    if (typeof body.text !== 'string' || body.text.length === 0) {
      return { status: 400, json: { errors: [{ message: 'Invalid request: text is required' }], title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.twitter.com/2/problems/invalid-request' } };
    }
    const parentId = String(body.reply?.in_reply_to_tweet_id ?? '');
    const parent = state.posts.get(parentId);
    if (!parent || parent.deleted) return problem(403, 'Forbidden', 'You attempted to reply to a Tweet that is deleted or not visible to you.');
    if (parent.repliesLimited) {
      return problem(403, 'Forbidden', 'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.');
    }
    if ([...state.posts.values()].some((p) => p.authorId === options.user.id && p.text === body.text)) return problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.');
    const id = String(nextId++);
    state.posts.set(id, { id, text: body.text, authorId: options.user.id, inReplyTo: parentId });
    const after = state.afterStore;
    state.afterStore = 'answer';
    if (after === 'hang-up') return { status: 201, hangUp: true };
    if (after === 'http-503') return problem(503, 'Service Unavailable', 'Service Unavailable');
    return { status: 201, json: { data: { id, text: body.text, edit_history_tweet_ids: [id] } } };
  });
  return Object.assign(api, { state });
}
