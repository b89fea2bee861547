import type { ScoredMention } from '@pulse/contracts';
import { ReplyFailure, type PostedReply } from '../reply.model.js';
import { asRecord, asString, channelFetch, serverError, type ChannelHttpOptions, type ChannelResponse } from './channel-http.js';
import { secretValue, type AccountOf, type ChannelClient, type SendContext, type TargetResult } from './channel.port.js';

export interface RedditTarget {
  /** The fullname of the post (t3_…) or comment (t1_…). */
  thingId: string;
}

const same = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/** "try again in 9 minutes." / "Take a break for 5 minutes" / "... 30 seconds" → seconds. */
export function redditWait(message: string): number {
  const m = /(\d+)\s*(milliseconds?|seconds?|minutes?|hours?)/i.exec(message);
  if (!m) return 600;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  return Math.max(1, Math.ceil(unit.startsWith('milli') ? n / 1000 : unit.startsWith('second') ? n : unit.startsWith('minute') ? n * 60 : n * 3600));
}

/**
 * Reddit: `POST /api/comment` (thing_id, text, api_type=json) on oauth.reddit.com as the brand's
 * account, through a "script" app's password grant (`POST /api/v1/access_token`). Reddit reports
 * most refusals inside HTTP 200 as `json.errors: [[CODE, message, field]]`. No idempotency key:
 * after an unknown outcome the account's newest comments are checked first.
 */
export class RedditChannel implements ChannelClient<'reddit', RedditTarget> {
  readonly source = 'reddit' as const;
  readonly reconciliation = 'lookup' as const;
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly apiUrl: string,
    private readonly authUrl: string,
    private readonly http: ChannelHttpOptions,
  ) {}

  target(mention: ScoredMention): TargetResult<RedditTarget> {
    return /^t[13]_[a-z0-9]+$/i.test(mention.sourceId) ? { ok: true, target: { thingId: mention.sourceId } } : { ok: false, reason: `"${mention.sourceId}" is not a Reddit post or comment` };
  }

  async send(account: AccountOf<'reddit'>, target: RedditTarget, text: string): Promise<PostedReply> {
    const what = 'Reddit POST /api/comment';
    const post = async () =>
      channelFetch(
        what,
        `${this.apiUrl}/api/comment`,
        { method: 'POST', headers: { ...(await this.auth(account)), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ thing_id: target.thingId, text, api_type: 'json' }) },
        { ...this.http, posting: true },
      );
    let res = await post();
    if (res.status === 401) {
      // The cached token expired early or was revoked: a 401 posted nothing, so one fresh try is safe.
      this.tokens.delete(account.id);
      res = await post();
    }
    if (res.status >= 500) throw serverError(what, res, true);
    if (res.status !== 200) throw this.httpFailure(res);
    const json = asRecord(asRecord(res.json)['json']);
    const errors = Array.isArray(json['errors']) ? json['errors'] : [];
    if (errors.length > 0) throw apiFailure(errors[0], json, res.text);
    const things = asRecord(json['data'])['things'];
    const comment = Array.isArray(things) ? asRecord(asRecord(things[0])['data']) : {};
    const name = asString(comment['name']) ?? (asString(comment['id']) ? `t1_${String(comment['id'])}` : undefined);
    if (!name) throw new ReplyFailure('OUTCOME_UNKNOWN', `${what}: unexpected answer; the reply may have been posted.`, null, { cause: res.text });
    const permalink = asString(comment['permalink']);
    return { remoteId: name, url: permalink ? `https://www.reddit.com${permalink}` : null };
  }

  async find(account: AccountOf<'reddit'>, target: RedditTarget, text: string, ctx: SendContext): Promise<PostedReply | null> {
    const what = 'Reddit GET /user/{name}/comments';
    const query = new URLSearchParams({ limit: '25', sort: 'new', raw_json: '1' });
    const res = await channelFetch(what, `${this.apiUrl}/user/${encodeURIComponent(account.username)}/comments?${query}`, { headers: await this.auth(account) }, { ...this.http, posting: false });
    if (res.status >= 500) throw serverError(what, res, false);
    if (res.status !== 200) throw this.httpFailure(res);
    const since = Date.parse(ctx.createdAt) / 1000 - 60;
    const children = asRecord(asRecord(res.json)['data'])['children'];
    const found = (Array.isArray(children) ? children : [])
      .map((c) => asRecord(asRecord(c)['data']))
      .find((c) => c['parent_id'] === target.thingId && same(String(c['body'] ?? ''), text) && Number(c['created_utc'] ?? 0) >= since);
    const name = found ? asString(found['name']) : undefined;
    if (!found || !name) return null;
    const permalink = asString(found['permalink']);
    return { remoteId: name, url: permalink ? `https://www.reddit.com${permalink}` : null };
  }

  private async auth(account: AccountOf<'reddit'>): Promise<Record<string, string>> {
    const now = (this.http.now ?? Date.now)();
    const cached = this.tokens.get(account.id);
    if (cached && cached.expiresAt > now) return { authorization: `Bearer ${cached.token}`, 'user-agent': userAgent(account) };
    const basic = Buffer.from(`${account.clientId}:${secretValue(account, () => account.clientSecret.value())}`).toString('base64');
    const body = new URLSearchParams({ grant_type: 'password', username: account.username, password: secretValue(account, () => account.password.value()) });
    const what = 'Reddit POST /api/v1/access_token';
    const res = await channelFetch(
      what,
      `${this.authUrl}/api/v1/access_token`,
      { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', 'user-agent': userAgent(account) }, body },
      { ...this.http, posting: false },
    );
    if (res.status >= 500) throw serverError(what, res, false);
    const answer = asRecord(res.json);
    const token = asString(answer['access_token']);
    if (res.status !== 200 || !token) {
      throw new ReplyFailure('TOKEN_INVALID', `Reddit refused the account's app credentials or password (${asString(answer['error']) ?? `HTTP ${res.status}`}): check the script app and the password.`, null, { cause: res.text });
    }
    const expiresIn = Number(answer['expires_in']) || 3600;
    this.tokens.set(account.id, { token, expiresAt: now + (expiresIn - 60) * 1000 });
    return { authorization: `Bearer ${token}`, 'user-agent': userAgent(account) };
  }

  private httpFailure(res: ChannelResponse): ReplyFailure {
    const said = `Reddit said (HTTP ${res.status}): ${asString(asRecord(res.json)['message']) ?? res.text.slice(0, 200)}`;
    if (res.status === 429) {
      const wait = Math.max(1, Math.ceil(Number(res.headers.get('x-ratelimit-reset')) || 60));
      return new ReplyFailure('RATE_LIMITED', `Reddit's API rate limit is reached; retry in ${wait} s. ${said}`, wait, { cause: res.text });
    }
    if (res.status === 401) return new ReplyFailure('TOKEN_INVALID', `Reddit rejected the access token. ${said}`, null, { cause: res.text });
    if (res.status === 403) return new ReplyFailure('TOKEN_LACKS_PERMISSION', `The account may not comment here (banned from the subreddit, or the app lacks the submit scope). ${said}`, null, { cause: res.text });
    if (res.status === 404) return new ReplyFailure('POST_DELETED', `Reddit does not know the post. ${said}`, null, { cause: res.text });
    return new ReplyFailure('REJECTED', `Reddit refused the comment. ${said}`, null, { cause: res.text });
  }
}

/** Reddit asks API clients to name themselves and the account; generic agents get throttled. */
const userAgent = (account: AccountOf<'reddit'>) => `server:pulse-replies:0.1 (by /u/${account.username})`;

/** `json.errors[0]` = [CODE, message, field]. */
function apiFailure(error: unknown, json: Record<string, unknown>, cause: string): ReplyFailure {
  const [code, message] = Array.isArray(error) ? [String(error[0]), String(error[1] ?? '')] : ['UNKNOWN', String(error)];
  const said = `Reddit said: ${code} ${message}`;
  switch (code) {
    case 'RATELIMIT': {
      const wait = typeof json['ratelimit'] === 'number' ? Math.max(1, Math.ceil(json['ratelimit'])) : redditWait(message);
      return new ReplyFailure('RATE_LIMITED', `Reddit limits how often this account comments; retry in ${wait} s. ${said}`, wait, { cause });
    }
    case 'NO_THING_ID':
    case 'DELETED_LINK':
    case 'DELETED_COMMENT':
      return new ReplyFailure('POST_DELETED', `The post or comment is gone. ${said}`, null, { cause });
    case 'TOO_OLD':
    case 'THREAD_LOCKED':
    case 'COMMENT_LOCKED':
    case 'ARCHIVED':
      return new ReplyFailure('REPLIES_CLOSED', `This thread takes no new comments (locked or archived). ${said}`, null, { cause });
    case 'NO_TEXT':
    case 'TOO_LONG':
      return new ReplyFailure('TEXT_REJECTED', `Reddit refused the text. ${said}`, null, { cause });
    case 'USER_REQUIRED':
      return new ReplyFailure('TOKEN_INVALID', `Reddit did not take the request as the account's. ${said}`, null, { cause });
    default:
      return new ReplyFailure('REJECTED', `Reddit refused the comment. ${said}`, null, { cause });
  }
}
