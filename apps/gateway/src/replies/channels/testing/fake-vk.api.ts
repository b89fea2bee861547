import { startFakeApi, type FakeAnswer, type FakeApi } from './fake-api.js';

export interface FakeVkPost {
  /** Comments closed by the community. */
  closed?: boolean;
  deleted?: boolean;
  comments: { id: number; fromId: number; text: string; replyTo?: number; guid?: string }[];
}

export interface FakeVkState {
  /** Keyed `{owner}_{post}`. */
  posts: Map<string, FakeVkPost>;
  /** What the next createComment does after storing the comment: answer normally, or lose the answer. */
  afterStore: 'answer' | 'hang-up' | 'internal-error';
  /** Flood control for the next calls. */
  flood: boolean;
  /** Answer createComment this late (a slow VK). */
  delayMs: number;
}

export interface FakeVk extends FakeApi {
  state: FakeVkState;
}

const error = (code: number, msg: string, params: URLSearchParams): FakeAnswer => ({
  status: 200,
  json: { error: { error_code: code, error_msg: msg, request_params: [...params].filter(([k]) => k !== 'access_token').map(([key, value]) => ({ key, value })) } },
});

/**
 * VK's API as documented for `wall.createComment` (v5.199): a POST form with access_token and v,
 * errors inside HTTP 200, `{"response": {"comment_id", "parents_stack"}}` on success, and a
 * repeated `guid` answered with the comment it already created.
 */
export async function startFakeVk(options: { token: string; groupId: number }): Promise<FakeVk> {
  let nextId = 100;
  const fake: FakeVkState = { posts: new Map(), afterStore: 'answer', flood: false, delayMs: 0 };
  const api = await startFakeApi((req) => {
    const p = req.form;
    if (req.method !== 'POST' || req.path !== '/wall.createComment') return error(3, 'Unknown method passed', p);
    if (!p.get('v')) return error(8, 'Invalid request: v (version) is required', p);
    if (p.get('access_token') !== options.token) return error(5, 'User authorization failed: invalid access_token (4).', p);
    if (fake.flood) return error(9, 'Flood control', p);
    if (p.get('from_group') !== String(options.groupId)) return error(15, 'Access denied: no access to call this method', p);
    const postId = p.get('post_id');
    if (!postId) return error(100, 'One of the parameters specified was missing or invalid: post_id is a required parameter', p);
    const post = fake.posts.get(`${p.get('owner_id')}_${postId}`);
    if (!post || post.deleted) return error(210, "Access to wall's post denied", p);
    if (post.closed) return error(212, 'Access to post comments denied', p);
    const replyTo = p.get('reply_to_comment');
    if (replyTo && !post.comments.some((c) => String(c.id) === replyTo)) return error(211, "Access to wall's comment denied", p);
    const message = p.get('message') ?? '';
    if (!message) return error(100, 'One of the parameters specified was missing or invalid: message is empty', p);
    if (/https?:\/\//.test(message)) return error(222, 'Hyperlinks are forbidden', p);
    const guid = p.get('guid') ?? undefined;
    const repeated = guid ? post.comments.find((c) => c.guid === guid) : undefined;
    const comment = repeated ?? { id: nextId++, fromId: -options.groupId, text: message, ...(replyTo ? { replyTo: Number(replyTo) } : {}), ...(guid ? { guid } : {}) };
    if (!repeated) post.comments.push(comment);
    const after = fake.afterStore;
    fake.afterStore = 'answer';
    if (after === 'hang-up') return { status: 200, hangUp: true };
    if (after === 'internal-error') return error(10, 'Internal server error', p);
    return { status: 200, json: { response: { comment_id: comment.id, parents_stack: replyTo ? [Number(replyTo)] : [] } }, ...(fake.delayMs ? { delayMs: fake.delayMs } : {}) };
  });
  return Object.assign(api, { state: fake });
}
