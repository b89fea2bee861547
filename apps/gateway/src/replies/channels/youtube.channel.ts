import type { ScoredMention } from '@pulse/contracts';
import { ReplyFailure, type PostedReply } from '../reply.model.js';
import { asRecord, asString, channelFetch, serverError, type ChannelHttpOptions, type ChannelResponse } from './channel-http.js';
import { secretValue, type AccountOf, type ChannelClient, type SendContext, type TargetResult } from './channel.port.js';

export interface YoutubeTarget {
  /** The top-level comment the reply joins (replies to replies go to the same thread). */
  parentId: string;
  videoId: string | null;
}

/** YouTube's daily quota resets at midnight Pacific time. */
export function secondsUntilPacificMidnight(now: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(now))
      .map((p) => [p.type, p.value]),
  );
  const elapsed = (Number(parts['hour']) % 24) * 3600 + Number(parts['minute']) * 60 + Number(parts['second']);
  return Math.max(1, 86_400 - elapsed);
}

/**
 * YouTube Data API v3: `comments.insert` (`POST /comments?part=snippet`, `snippet.parentId` and
 * `snippet.textOriginal`) as the brand's channel, with an access token from its refresh token
 * (OAuth 2.0, scope youtube.force-ssl). No idempotency key: after an unknown outcome the
 * thread's replies (`comments.list?parentId=`) are checked for the channel's reply first.
 */
export class YoutubeChannel implements ChannelClient<'youtube', YoutubeTarget> {
  readonly source = 'youtube' as const;
  readonly reconciliation = 'lookup' as const;
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly apiUrl: string,
    private readonly tokenUrl: string,
    private readonly http: ChannelHttpOptions,
  ) {}

  target(mention: ScoredMention): TargetResult<YoutubeTarget> {
    if (!/^[\w-]+(\.[\w-]+)?$/.test(mention.sourceId)) return { ok: false, reason: `"${mention.sourceId}" is not a YouTube comment id` };
    const videoId = mention.url ? (new URL(mention.url).searchParams.get('v') ?? null) : null;
    return { ok: true, target: { parentId: mention.sourceId.split('.')[0]!, videoId } };
  }

  async send(account: AccountOf<'youtube'>, target: YoutubeTarget, text: string): Promise<PostedReply> {
    const what = 'YouTube comments.insert';
    const post = async () =>
      channelFetch(
        what,
        `${this.apiUrl}/comments?part=snippet`,
        { method: 'POST', headers: { ...(await this.auth(account)), 'content-type': 'application/json' }, body: JSON.stringify({ snippet: { parentId: target.parentId, textOriginal: text } }) },
        { ...this.http, posting: true },
      );
    let res = await post();
    if (res.status === 401) {
      // An access token revoked or expired early: a 401 posted nothing, one fresh token is safe.
      this.tokens.delete(account.id);
      res = await post();
    }
    if (res.status >= 500) throw serverError(what, res, true);
    if (res.status !== 200) throw this.failure(res);
    const id = asString(asRecord(res.json)['id']);
    if (!id) throw new ReplyFailure('OUTCOME_UNKNOWN', `${what}: unexpected answer; the reply may have been posted.`, null, { cause: res.text });
    return { remoteId: id, url: this.url(target, id) };
  }

  async find(account: AccountOf<'youtube'>, target: YoutubeTarget, text: string, ctx: SendContext): Promise<PostedReply | null> {
    const what = 'YouTube comments.list';
    const query = new URLSearchParams({ part: 'snippet', parentId: target.parentId, maxResults: '100', textFormat: 'plainText' });
    const res = await channelFetch(what, `${this.apiUrl}/comments?${query}`, { headers: await this.auth(account) }, { ...this.http, posting: false });
    if (res.status >= 500) throw serverError(what, res, false);
    if (res.status !== 200) throw this.failure(res);
    const since = Date.parse(ctx.createdAt) - 60_000;
    const items = asRecord(res.json)['items'];
    const found = (Array.isArray(items) ? items : []).map(asRecord).find((item) => {
      const s = asRecord(item['snippet']);
      return asRecord(s['authorChannelId'])['value'] === account.channelId && String(s['textOriginal'] ?? '').trim() === text.trim() && Date.parse(String(s['publishedAt'] ?? '')) >= since;
    });
    const id = found ? asString(found['id']) : undefined;
    return id ? { remoteId: id, url: this.url(target, id) } : null;
  }

  private url(target: YoutubeTarget, id: string): string | null {
    return target.videoId ? `https://www.youtube.com/watch?v=${encodeURIComponent(target.videoId)}&lc=${encodeURIComponent(id)}` : null;
  }

  private async auth(account: AccountOf<'youtube'>): Promise<Record<string, string>> {
    const now = (this.http.now ?? Date.now)();
    const cached = this.tokens.get(account.id);
    if (cached && cached.expiresAt > now) return { authorization: `Bearer ${cached.token}` };
    const body = new URLSearchParams({
      client_id: account.clientId,
      client_secret: secretValue(account, () => account.clientSecret.value()),
      refresh_token: secretValue(account, () => account.refreshToken.value()),
      grant_type: 'refresh_token',
    });
    const what = 'Google OAuth token refresh';
    const res = await channelFetch(what, this.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, { ...this.http, posting: false });
    if (res.status >= 500) throw serverError(what, res, false);
    const answer = asRecord(res.json);
    const token = asString(answer['access_token']);
    if (res.status !== 200 || !token) {
      const why = [asString(answer['error']), asString(answer['error_description'])].filter(Boolean).join(': ') || `HTTP ${res.status}`;
      throw new ReplyFailure('TOKEN_INVALID', `Google refused the channel's refresh token (${why}): authorise the channel again.`, null, { cause: res.text });
    }
    this.tokens.set(account.id, { token, expiresAt: now + ((Number(answer['expires_in']) || 3600) - 60) * 1000 });
    return { authorization: `Bearer ${token}` };
  }

  /** Google's `{"error": {"code", "message", "errors": [{"reason", "domain"}]}}` by reason. */
  private failure(res: ChannelResponse): ReplyFailure {
    const error = asRecord(asRecord(res.json)['error']);
    const first = Array.isArray(error['errors']) ? asRecord(error['errors'][0]) : {};
    const reason = asString(first['reason']) ?? '';
    const said = `YouTube said (HTTP ${res.status}${reason ? `, ${reason}` : ''}): ${asString(error['message']) ?? res.text.slice(0, 200)}`;
    const cause = res.text;
    if (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded') {
      const wait = secondsUntilPacificMidnight((this.http.now ?? Date.now)());
      return new ReplyFailure('RATE_LIMITED', `The project's YouTube API quota for today is used up; it resets at midnight Pacific time, in ${wait} s. ${said}`, wait, { cause });
    }
    if (res.status === 429 || reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded') return new ReplyFailure('RATE_LIMITED', `YouTube asks to slow down; retry in a minute. ${said}`, 60, { cause });
    if (res.status === 401 || reason === 'authError') return new ReplyFailure('TOKEN_INVALID', `YouTube rejected the channel's access token. ${said}`, null, { cause });
    if (['parentCommentNotFound', 'commentNotFound', 'videoNotFound'].includes(reason) || res.status === 404) return new ReplyFailure('POST_DELETED', `The comment is gone. ${said}`, null, { cause });
    if (['operationNotSupported', 'parentCommentIsPrivate', 'commentsDisabled'].includes(reason)) return new ReplyFailure('REPLIES_CLOSED', `This comment cannot be answered (replies off, or the comment is private). ${said}`, null, { cause });
    if (['commentTextTooLong', 'commentTextRequired', 'invalidCommentMetadata', 'invalidCustomEmoji'].includes(reason)) return new ReplyFailure('TEXT_REJECTED', `YouTube refused the text. ${said}`, null, { cause });
    if (res.status === 403) return new ReplyFailure('TOKEN_LACKS_PERMISSION', `The channel's token may not comment (scope youtube.force-ssl needed, or the account is not eligible to comment). ${said}`, null, { cause });
    return new ReplyFailure('REJECTED', `YouTube refused the reply. ${said}`, null, { cause });
  }
}
