import { bearer, startFakeApi, type FakeAnswer, type FakeApi } from './fake-api.js';

export interface FakeMastodonStatus {
  id: string;
  url: string;
  text: string;
  inReplyTo?: string;
  deleted?: boolean;
}

export interface FakeMastodonState {
  /** Statuses this instance knows, by its own ids. */
  statuses: Map<string, FakeMastodonStatus>;
  /** ISO time the rate limit resets; set to answer 429. */
  rateLimitedUntil: string | null;
  afterStore: 'answer' | 'hang-up';
}

export interface FakeMastodon extends FakeApi {
  state: FakeMastodonState;
  /** What `GET /api/v2/search` found, for tests that check the lookup. */
  searches: string[];
}

const error = (status: number, message: string, headers?: Record<string, string>): FakeAnswer => ({ status, json: { error: message }, ...(headers ? { headers } : {}) });

/**
 * A Mastodon instance as documented: `POST /api/v1/statuses` (JSON, `in_reply_to_id`,
 * `Idempotency-Key` returning the same status for a repeated key), `GET /api/v2/search` with
 * `resolve=true`, `{"error": "..."}` bodies, 429 with `X-RateLimit-Reset` (ISO 8601).
 */
export async function startFakeMastodon(options: { token: string; readOnlyToken: string; account: string; maxChars?: number }): Promise<FakeMastodon> {
  let nextId = 113_000_000_000_000_000n;
  const byKey = new Map<string, string>();
  const searches: string[] = [];
  const state: FakeMastodonState = { statuses: new Map(), rateLimitedUntil: null, afterStore: 'answer' };
  let base = '';
  const api = await startFakeApi((req) => {
    const token = bearer(req);
    if (token !== options.token && token !== options.readOnlyToken) return error(401, 'The access token is invalid');
    if (state.rateLimitedUntil) return error(429, 'Too many requests', { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': state.rateLimitedUntil });
    if (req.method === 'GET' && req.path === '/api/v2/search') {
      const q = req.query.get('q') ?? '';
      searches.push(q);
      const found = [...state.statuses.values()].filter((s) => s.url === q && !s.deleted && req.query.get('resolve') === 'true');
      return { status: 200, json: { accounts: [], hashtags: [], statuses: found.map((s) => ({ id: s.id, url: s.url, content: `<p>${s.text}</p>` })) } };
    }
    if (req.method !== 'POST' || req.path !== '/api/v1/statuses') return error(404, 'Record not found');
    if (token !== options.token) return error(403, 'This action is outside the authorized scopes');
    const key = String(req.headers['idempotency-key'] ?? '');
    const repeated = key ? byKey.get(key) : undefined;
    const body = (req.json ?? {}) as { status?: unknown; in_reply_to_id?: unknown };
    if (repeated) return { status: 200, json: statusJson(state.statuses.get(repeated)!) };
    const parent = state.statuses.get(String(body.in_reply_to_id ?? ''));
    if (body.in_reply_to_id !== undefined && (!parent || parent.deleted)) return error(404, 'Record not found');
    const text = typeof body.status === 'string' ? body.status : '';
    if (!text) return error(422, "Validation failed: Text can't be blank");
    if ([...text].length > (options.maxChars ?? 500)) return error(422, `Validation failed: Text character limit of ${options.maxChars ?? 500} exceeded`);
    const id = String(nextId++);
    const status = { id, url: `${base}/@${options.account}/${id}`, text, inReplyTo: parent?.id };
    state.statuses.set(id, status);
    if (key) byKey.set(key, id);
    if (state.afterStore === 'hang-up') {
      state.afterStore = 'answer';
      return { status: 200, hangUp: true };
    }
    return { status: 200, json: statusJson(status) };
  });
  base = api.url;
  return Object.assign(api, { state, searches });
}

function statusJson(s: FakeMastodonStatus): Record<string, unknown> {
  return { id: s.id, uri: s.url, url: s.url, content: `<p>${s.text}</p>`, in_reply_to_id: s.inReplyTo ?? null, visibility: 'public', created_at: new Date().toISOString() };
}
