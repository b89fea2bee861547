import { bearer, startFakeApi, type FakeAnswer, type FakeApi } from './fake-api.js';

export interface FakeYoutubeComment {
  id: string;
  text: string;
  authorChannelId: string;
  parentId?: string;
  publishedAt: string;
  deleted?: boolean;
  /** The owner turned replies off, or the comment is held for review. */
  closed?: boolean;
}

export interface FakeYoutubeState {
  comments: Map<string, FakeYoutubeComment>;
  quotaExceeded: boolean;
  afterStore: 'answer' | 'hang-up' | 'http-500';
  issued: string[];
}

export interface FakeYoutube extends FakeApi {
  state: FakeYoutubeState;
}

const googleError = (code: number, reason: string, message: string, domain = 'youtube.comment'): FakeAnswer => ({
  status: code,
  json: { error: { code, message, errors: [{ message, domain, reason }] } },
});

/**
 * Google's OAuth token endpoint (refresh_token grant) and YouTube Data API v3's comments
 * resource as documented: `POST /comments?part=snippet` (comments.insert with snippet.parentId),
 * `GET /comments?part=snippet&parentId=` (comments.list), Google's error envelope with reasons
 * (parentCommentNotFound, operationNotSupported, commentTextTooLong, quotaExceeded, ...).
 * The token endpoint is served at `/token` of the same server.
 */
export async function startFakeYoutube(options: { clientId: string; clientSecret: string; refreshToken: string; channelId: string }): Promise<FakeYoutube> {
  let seq = 0;
  const state: FakeYoutubeState = { comments: new Map(), quotaExceeded: false, afterStore: 'answer', issued: [] };
  const api = await startFakeApi((req) => {
    if (req.method === 'POST' && req.path === '/token') {
      const f = req.form;
      if (f.get('client_id') !== options.clientId || f.get('client_secret') !== options.clientSecret) return { status: 401, json: { error: 'invalid_client', error_description: 'Unauthorized' } };
      if (f.get('grant_type') !== 'refresh_token' || f.get('refresh_token') !== options.refreshToken) return { status: 400, json: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
      const token = `ya29.fake-${++seq}`;
      state.issued.push(token);
      return { status: 200, json: { access_token: token, expires_in: 3599, scope: 'https://www.googleapis.com/auth/youtube.force-ssl', token_type: 'Bearer' } };
    }
    if (!state.issued.includes(bearer(req) ?? '')) return googleError(401, 'authError', 'Request had invalid authentication credentials.', 'global');
    if (state.quotaExceeded) return googleError(403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your quota.', 'youtube.quota');
    if (req.path !== '/comments') return googleError(404, 'notFound', 'Not Found', 'global');
    if (req.method === 'GET') {
      const parentId = req.query.get('parentId');
      const items = [...state.comments.values()]
        .filter((c) => c.parentId === parentId && !c.deleted)
        .map((c) => ({ kind: 'youtube#comment', id: c.id, snippet: { parentId: c.parentId, textOriginal: c.text, textDisplay: c.text, authorChannelId: { value: c.authorChannelId }, publishedAt: c.publishedAt } }));
      return { status: 200, json: { kind: 'youtube#commentListResponse', items } };
    }
    if (req.method !== 'POST' || req.query.get('part') !== 'snippet') return googleError(400, 'invalidPart', 'part=snippet is required', 'youtube.part');
    const snippet = ((req.json ?? {}) as { snippet?: { parentId?: unknown; textOriginal?: unknown } }).snippet ?? {};
    if (!snippet.parentId) return googleError(400, 'parentIdMissing', 'The comment must be linked to a parent comment.');
    const parent = state.comments.get(String(snippet.parentId));
    if (!parent || parent.deleted) return googleError(404, 'parentCommentNotFound', 'The parent comment specified for the comment could not be found.');
    if (parent.closed) return googleError(400, 'operationNotSupported', 'The API user is not able to insert a comment in reply to the top-level comment.');
    const text = typeof snippet.textOriginal === 'string' ? snippet.textOriginal : '';
    if (!text) return googleError(400, 'commentTextRequired', 'The comment resource must specify a value for the snippet.textOriginal property.');
    if (text.length > 10_000) return googleError(400, 'commentTextTooLong', 'The comment resource contains too many characters in the snippet.textOriginal property.');
    const id = `${parent.id}.${(++seq).toString(36).padStart(22, 'A')}`;
    const comment = { id, text, authorChannelId: options.channelId, parentId: parent.id, publishedAt: new Date().toISOString() };
    state.comments.set(id, comment);
    const after = state.afterStore;
    state.afterStore = 'answer';
    if (after === 'hang-up') return { status: 200, hangUp: true };
    if (after === 'http-500') return googleError(500, 'backendError', 'Backend Error', 'global');
    return { status: 200, json: { kind: 'youtube#comment', id, snippet: { parentId: parent.id, textOriginal: text, textDisplay: text, authorChannelId: { value: options.channelId }, publishedAt: comment.publishedAt } } };
  });
  return Object.assign(api, { state });
}
