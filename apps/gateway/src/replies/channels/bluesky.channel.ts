import { createHash } from 'node:crypto';
import type { ScoredMention } from '@pulse/contracts';
import { ReplyFailure, type PostedReply } from '../reply.model.js';
import { asRecord, asString, channelFetch, epochReset, serverError, type ChannelHttpOptions, type ChannelResponse } from './channel-http.js';
import { secretValue, type AccountOf, type ChannelClient, type SendContext, type TargetResult } from './channel.port.js';

export interface BlueskyTarget {
  uri: string;
  repo: string;
  rkey: string;
}

const POST = 'app.bsky.feed.post';
export const BLUESKY_MAX_GRAPHEMES = 300;
const TID_ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';

/**
 * The reply's record key, derived from the reply (its first storing time and its key): a TID
 * (13 base32-sortable characters: microseconds since the epoch, then a 10-bit clock id), the
 * key type app.bsky.feed.post uses. The same reply always gets the same key, so it can be
 * looked up after a lost answer and can never be created twice.
 */
export function replyRecordKey(createdAt: string, idempotencyKey: string): string {
  const hash = createHash('sha256').update(idempotencyKey).digest();
  const micros = BigInt(Date.parse(createdAt)) * 1000n + BigInt(hash.readUInt16BE(0) % 1000);
  let value = (micros << 10n) | BigInt(hash.readUInt16BE(2) & 0x3ff);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = TID_ALPHABET[Number(value & 31n)]! + out;
    value >>= 5n;
  }
  return out;
}

const graphemes = (text: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length;

/**
 * Bluesky: `com.atproto.repo.createRecord` of an app.bsky.feed.post with reply refs (root and
 * parent, each {uri, cid}) in the brand's repo, after `com.atproto.server.createSession` with an
 * app password. The parent's cid and its thread root come from `com.atproto.repo.getRecord`.
 */
export class BlueskyChannel implements ChannelClient<'bluesky', BlueskyTarget> {
  readonly source = 'bluesky' as const;
  readonly reconciliation = 'lookup' as const;
  private readonly sessions = new Map<string, { jwt: string; did: string; handle: string; until: number }>();

  constructor(private readonly http: ChannelHttpOptions) {}

  target(mention: ScoredMention): TargetResult<BlueskyTarget> {
    const m = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/.exec(mention.sourceId);
    return m ? { ok: true, target: { uri: mention.sourceId, repo: m[1]!, rkey: m[2]! } } : { ok: false, reason: `"${mention.sourceId}" is not a Bluesky post URI` };
  }

  async send(account: AccountOf<'bluesky'>, target: BlueskyTarget, text: string, ctx: SendContext): Promise<PostedReply> {
    if (graphemes(text) > BLUESKY_MAX_GRAPHEMES) throw new ReplyFailure('TEXT_REJECTED', `Bluesky posts are limited to ${BLUESKY_MAX_GRAPHEMES} characters: shorten the reply.`);
    const session = await this.session(account);
    const parent = await this.record(account, session.jwt, target.repo, target.rkey);
    if (!parent) throw new ReplyFailure('POST_DELETED', `The post is gone from Bluesky: ${target.uri}`);
    const parentRef = { uri: parent.uri, cid: parent.cid };
    const root = asRecord(asRecord(parent.value['reply'])['root']);
    const rootRef = asString(root['uri']) && asString(root['cid']) ? { uri: String(root['uri']), cid: String(root['cid']) } : parentRef;
    const rkey = replyRecordKey(ctx.createdAt, ctx.idempotencyKey);
    const language = /^[a-z]{2}$/.test(ctx.mention.language) ? [ctx.mention.language] : undefined;
    const record = { $type: POST, text, createdAt: ctx.createdAt, reply: { root: rootRef, parent: parentRef }, ...(language ? { langs: language } : {}) };
    const what = 'Bluesky com.atproto.repo.createRecord';
    const res = await channelFetch(
      what,
      `${this.pds(account)}/xrpc/com.atproto.repo.createRecord`,
      { method: 'POST', headers: { authorization: `Bearer ${session.jwt}`, 'content-type': 'application/json' }, body: JSON.stringify({ repo: session.did, collection: POST, rkey, record }) },
      { ...this.http, posting: true },
    );
    if (res.status >= 500) throw serverError(what, res, true);
    if (res.status !== 200) throw this.failure(res, account);
    const uri = asString(asRecord(res.json)['uri']) ?? `at://${session.did}/${POST}/${rkey}`;
    return { remoteId: uri, url: `https://bsky.app/profile/${session.handle}/post/${rkey}` };
  }

  async find(account: AccountOf<'bluesky'>, _target: BlueskyTarget, _text: string, ctx: SendContext): Promise<PostedReply | null> {
    const session = await this.session(account);
    const rkey = replyRecordKey(ctx.createdAt, ctx.idempotencyKey);
    const mine = await this.record(account, session.jwt, session.did, rkey);
    return mine ? { remoteId: mine.uri, url: `https://bsky.app/profile/${session.handle}/post/${rkey}` } : null;
  }

  private pds(account: AccountOf<'bluesky'>): string {
    return account.pdsUrl.replace(/\/+$/, '');
  }

  /** Access tokens live minutes: one session per account, renewed well before that. */
  private async session(account: AccountOf<'bluesky'>): Promise<{ jwt: string; did: string; handle: string }> {
    const now = (this.http.now ?? Date.now)();
    const cached = this.sessions.get(account.id);
    if (cached && cached.until > now) return cached;
    const what = 'Bluesky com.atproto.server.createSession';
    const res = await channelFetch(
      what,
      `${this.pds(account)}/xrpc/com.atproto.server.createSession`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: account.handle, password: secretValue(account, () => account.appPassword.value()) }) },
      { ...this.http, posting: false },
    );
    if (res.status >= 500) throw serverError(what, res, false);
    if (res.status !== 200) throw this.failure(res, account);
    const body = asRecord(res.json);
    const session = { jwt: String(body['accessJwt'] ?? ''), did: String(body['did'] ?? ''), handle: asString(body['handle']) ?? account.handle, until: now + 60_000 };
    if (!session.jwt || !session.did) throw new ReplyFailure('CHANNEL_UNAVAILABLE', `${what}: unexpected answer`, null, { cause: res.text });
    this.sessions.set(account.id, session);
    return session;
  }

  private async record(account: AccountOf<'bluesky'>, jwt: string, repo: string, rkey: string): Promise<{ uri: string; cid: string; value: Record<string, unknown> } | null> {
    const query = new URLSearchParams({ repo, collection: POST, rkey });
    const what = 'Bluesky com.atproto.repo.getRecord';
    const res = await channelFetch(what, `${this.pds(account)}/xrpc/com.atproto.repo.getRecord?${query}`, { headers: { authorization: `Bearer ${jwt}` } }, { ...this.http, posting: false });
    if (res.status >= 500) throw serverError(what, res, false);
    const body = asRecord(res.json);
    if (res.status === 400 && body['error'] === 'RecordNotFound') return null;
    if (res.status !== 200) throw this.failure(res, account);
    const uri = asString(body['uri']);
    const cid = asString(body['cid']);
    if (!uri || !cid) throw new ReplyFailure('CHANNEL_UNAVAILABLE', `${what}: unexpected answer`, null, { cause: res.text });
    return { uri, cid, value: asRecord(body['value']) };
  }

  /** XRPC errors: `{"error": "ExpiredToken", "message": "..."}`; 429 with ratelimit-reset (Unix seconds). */
  private failure(res: ChannelResponse, account: AccountOf<'bluesky'>): ReplyFailure {
    const body = asRecord(res.json);
    const error = asString(body['error']) ?? `HTTP ${res.status}`;
    const said = `Bluesky said: ${error}${asString(body['message']) ? ` — ${String(body['message'])}` : ''}`;
    const cause = res.text;
    if (res.status === 429 || error === 'RateLimitExceeded') {
      const wait = epochReset(res.headers.get('ratelimit-reset'), (this.http.now ?? Date.now)()) ?? 300;
      return new ReplyFailure('RATE_LIMITED', `Bluesky's rate limit is reached; retry in ${wait} s. ${said}`, wait, { cause });
    }
    if (res.status === 401 || ['AuthenticationRequired', 'ExpiredToken', 'InvalidToken', 'AccountTakedown'].includes(error)) {
      this.sessions.delete(account.id);
      return new ReplyFailure('TOKEN_INVALID', `Bluesky refused the handle and app password (revoked, or the account is suspended). ${said}`, null, { cause });
    }
    if (res.status === 403) return new ReplyFailure('TOKEN_LACKS_PERMISSION', `The app password may not post. ${said}`, null, { cause });
    return new ReplyFailure('REJECTED', `Bluesky refused the reply. ${said}`, null, { cause });
  }
}
