import type { ScoredMention } from '@pulse/contracts';
import { ReplyFailure, type PostedReply } from '../reply.model.js';
import { asRecord, asString, channelFetch, epochReset, serverError, type ChannelHttpOptions, type ChannelResponse } from './channel-http.js';
import { secretValue, type AccountOf, type ChannelClient, type SendContext, type TargetResult } from './channel.port.js';

export interface XTarget {
  tweetId: string;
}

/** The problem-details fields X API v2 puts in error bodies (`title`, `detail`, `errors[].message`). */
function problemText(res: ChannelResponse): string {
  const body = asRecord(res.json);
  const parts = [asString(body['title']), asString(body['detail']), ...(Array.isArray(body['errors']) ? body['errors'].map((e) => asString(asRecord(e)['message'])) : [])];
  return parts.filter(Boolean).join(' — ') || res.text.slice(0, 300);
}

/** X rewrites links to t.co and trims: compare what an agent wrote with what X stored on that basis. */
const comparable = (text: string) => text.replace(/https?:\/\/\S+/g, '').replace(/\s+/g, ' ').trim();

/**
 * X API v2: `POST /2/tweets` with `reply.in_reply_to_tweet_id`, authorised by the brand
 * account's user-context OAuth 2.0 token (Bearer). X has no idempotency key, so after an
 * attempt with an unknown outcome the account's recent posts (`GET /2/users/{id}/tweets`) are
 * checked for a reply to that tweet with that text before posting again.
 */
export class XChannel implements ChannelClient<'twitter', XTarget> {
  readonly source = 'twitter' as const;
  readonly reconciliation = 'lookup' as const;

  constructor(
    private readonly apiUrl: string,
    private readonly http: ChannelHttpOptions,
  ) {}

  target(mention: ScoredMention): TargetResult<XTarget> {
    return /^\d{1,25}$/.test(mention.sourceId) ? { ok: true, target: { tweetId: mention.sourceId } } : { ok: false, reason: `"${mention.sourceId}" is not a post id on X` };
  }

  async send(account: AccountOf<'twitter'>, target: XTarget, text: string): Promise<PostedReply> {
    const what = 'X POST /2/tweets';
    const res = await channelFetch(
      what,
      `${this.apiUrl}/2/tweets`,
      { method: 'POST', headers: { ...this.auth(account), 'content-type': 'application/json' }, body: JSON.stringify({ text, reply: { in_reply_to_tweet_id: target.tweetId } }) },
      { ...this.http, posting: true },
    );
    if (res.status >= 500) throw serverError(what, res, true);
    if (res.status !== 201 && res.status !== 200) throw this.failure(res);
    const id = asString(asRecord(asRecord(res.json)['data'])['id']);
    if (!id) throw new ReplyFailure('OUTCOME_UNKNOWN', `${what}: unexpected answer; the reply may have been posted.`, null, { cause: res.text });
    return { remoteId: id, url: await this.postUrl(account, id) };
  }

  async find(account: AccountOf<'twitter'>, target: XTarget, text: string, ctx: SendContext): Promise<PostedReply | null> {
    const me = await this.me(account);
    // From a minute before the reply was first stored: clocks differ, the post cannot be older.
    const since = new Date(Date.parse(ctx.createdAt) - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const query = new URLSearchParams({ max_results: '100', 'tweet.fields': 'referenced_tweets,created_at', start_time: since });
    const res = await channelFetch('X GET /2/users/:id/tweets', `${this.apiUrl}/2/users/${encodeURIComponent(me.id)}/tweets?${query}`, { headers: this.auth(account) }, { ...this.http, posting: false });
    if (res.status !== 200) throw res.status >= 500 ? serverError('X GET /2/users/:id/tweets', res, false) : this.failure(res);
    const posts = asRecord(res.json)['data'];
    const found = (Array.isArray(posts) ? posts : []).map(asRecord).find(
      (p) =>
        Array.isArray(p['referenced_tweets']) &&
        p['referenced_tweets'].some((r) => asRecord(r)['type'] === 'replied_to' && asRecord(r)['id'] === target.tweetId) &&
        comparable(String(p['text'] ?? '')) === comparable(text),
    );
    const id = found ? asString(found['id']) : undefined;
    return id ? { remoteId: id, url: `https://x.com/${me.username}/status/${id}` } : null;
  }

  private auth(account: AccountOf<'twitter'>): Record<string, string> {
    return { authorization: `Bearer ${secretValue(account, () => account.token.value())}` };
  }

  private async me(account: AccountOf<'twitter'>): Promise<{ id: string; username: string }> {
    const res = await channelFetch('X GET /2/users/me', `${this.apiUrl}/2/users/me`, { headers: this.auth(account) }, { ...this.http, posting: false });
    if (res.status !== 200) throw res.status >= 500 ? serverError('X GET /2/users/me', res, false) : this.failure(res);
    const data = asRecord(asRecord(res.json)['data']);
    const id = asString(data['id']);
    if (!id) throw new ReplyFailure('CHANNEL_UNAVAILABLE', 'X GET /2/users/me: unexpected answer', null, { cause: res.text });
    return { id, username: asString(data['username']) ?? account.handle ?? 'i' };
  }

  /** The reply's address: the configured handle, else the account's username (one extra call), else X's handle-free form. */
  private async postUrl(account: AccountOf<'twitter'>, id: string): Promise<string> {
    if (account.handle) return `https://x.com/${account.handle.replace(/^@/, '')}/status/${id}`;
    try {
      return `https://x.com/${(await this.me(account)).username}/status/${id}`;
    } catch {
      return `https://x.com/i/web/status/${id}`;
    }
  }

  private failure(res: ChannelResponse): ReplyFailure {
    const said = `X said (HTTP ${res.status}): ${problemText(res)}`;
    const cause = res.text;
    if (res.status === 429) {
      const wait = epochReset(res.headers.get('x-rate-limit-reset'), (this.http.now ?? Date.now)()) ?? 900;
      return new ReplyFailure('RATE_LIMITED', `X rate limit reached for this account; retry in ${wait} s. ${said}`, wait, { cause });
    }
    if (res.status === 401) return new ReplyFailure('TOKEN_INVALID', `X rejected the account's token (expired or revoked): authorise the account again. ${said}`, null, { cause });
    if (res.status === 404) return new ReplyFailure('POST_DELETED', `The post is gone from X. ${said}`, null, { cause });
    const text = problemText(res).toLowerCase();
    if (/duplicate content/.test(text)) return new ReplyFailure('TEXT_REJECTED', `X refuses a post identical to one the account already made: change the text. ${said}`, null, { cause });
    if (/deleted or not visible|not found/.test(text)) return new ReplyFailure('POST_DELETED', `The post is deleted or not visible to the account. ${said}`, null, { cause });
    if (/reply to this conversation is not allowed|not allowed to reply/.test(text)) {
      return new ReplyFailure('REPLIES_CLOSED', `The author limited who can reply to this post. ${said}`, null, { cause });
    }
    if (res.status === 403) return new ReplyFailure('TOKEN_LACKS_PERMISSION', `The token may not post (it needs the tweet.write and users.read scopes, and an app with write access). ${said}`, null, { cause });
    if (res.status === 400 && /text|too long|length/.test(text)) return new ReplyFailure('TEXT_REJECTED', `X refused the text (too long?). ${said}`, null, { cause });
    return new ReplyFailure('REJECTED', `X refused the reply. ${said}`, null, { cause });
  }
}
