import { createHash } from 'node:crypto';
import type { ScoredMention } from '@pulse/contracts';
import { ReplyFailure, type PostedReply } from '../reply.model.js';
import { asRecord, asString, channelFetch, retryAfterHeader, secondsUntil, serverError, type ChannelHttpOptions, type ChannelResponse } from './channel-http.js';
import { secretValue, type AccountOf, type ChannelClient, type SendContext, type TargetResult } from './channel.port.js';

export interface MastodonTarget {
  /** The instance the collector read the status from, and its id there. */
  host: string;
  statusId: string;
  /** The status's public URL, to find it from another instance. */
  url: string | null;
}

/**
 * Mastodon: `POST /api/v1/statuses` with `in_reply_to_id` on the brand's instance. Status ids
 * are per instance: when the collector read the status on another instance, the brand's
 * instance looks it up by URL first (`GET /api/v2/search?resolve=true`). The author is
 * mentioned, as Mastodon clients do, so they are notified.
 *
 * Mastodon honours an `Idempotency-Key` header for an hour: every attempt of one reply sends
 * the same key, so a retry after a lost answer returns the status already created.
 */
export class MastodonChannel implements ChannelClient<'mastodon', MastodonTarget> {
  readonly source = 'mastodon' as const;
  readonly reconciliation = 'key' as const;
  readonly keyLifetimeMs = 60 * 60_000;

  constructor(private readonly http: ChannelHttpOptions) {}

  target(mention: ScoredMention): TargetResult<MastodonTarget> {
    const m = /^([a-z0-9.-]+(?::\d+)?):(\w+)$/i.exec(mention.sourceId);
    return m ? { ok: true, target: { host: m[1]!.toLowerCase(), statusId: m[2]!, url: mention.url } } : { ok: false, reason: `"${mention.sourceId}" is not a Mastodon status the collector read` };
  }

  async send(account: AccountOf<'mastodon'>, target: MastodonTarget, text: string, ctx: SendContext): Promise<PostedReply> {
    const instance = account.instanceUrl.replace(/\/+$/, '');
    const inReplyTo = new URL(instance).host.toLowerCase() === target.host ? target.statusId : await this.resolve(account, instance, target);
    const what = 'Mastodon POST /api/v1/statuses';
    const res = await channelFetch(
      what,
      `${instance}/api/v1/statuses`,
      {
        method: 'POST',
        headers: {
          ...this.auth(account),
          'content-type': 'application/json',
          'idempotency-key': createHash('sha256').update(ctx.idempotencyKey).digest('hex'),
        },
        body: JSON.stringify({ status: withMention(text, ctx.mention.author.handle), in_reply_to_id: inReplyTo }),
      },
      { ...this.http, posting: true },
    );
    if (res.status >= 500) throw serverError(what, res, true);
    if (res.status !== 200) throw this.failure(res);
    const status = asRecord(res.json);
    const id = asString(status['id']);
    if (!id) throw new ReplyFailure('OUTCOME_UNKNOWN', `${what}: unexpected answer; the reply may have been posted.`, null, { cause: res.text });
    return { remoteId: id, url: asString(status['url']) ?? asString(status['uri']) ?? null };
  }

  /** The status's id on the brand's instance, fetched by its URL. */
  private async resolve(account: AccountOf<'mastodon'>, instance: string, target: MastodonTarget): Promise<string> {
    if (!target.url) throw new ReplyFailure('POST_DELETED', `The status has no public URL, so ${new URL(instance).host} cannot look it up.`);
    const query = new URLSearchParams({ q: target.url, type: 'statuses', resolve: 'true', limit: '1' });
    const what = 'Mastodon GET /api/v2/search';
    const res = await channelFetch(what, `${instance}/api/v2/search?${query}`, { headers: this.auth(account) }, { ...this.http, posting: false });
    if (res.status >= 500) throw serverError(what, res, false);
    if (res.status !== 200) throw this.failure(res);
    const statuses = asRecord(res.json)['statuses'];
    const id = Array.isArray(statuses) ? asString(asRecord(statuses[0])['id']) : undefined;
    if (!id) throw new ReplyFailure('POST_DELETED', `${new URL(instance).host} cannot find the status (deleted, or not visible from there): ${target.url}`);
    return id;
  }

  private auth(account: AccountOf<'mastodon'>): Record<string, string> {
    return { authorization: `Bearer ${secretValue(account, () => account.token.value())}` };
  }

  /** Mastodon's `{"error": "..."}` bodies, by HTTP status. */
  private failure(res: ChannelResponse): ReplyFailure {
    const error = asString(asRecord(res.json)['error']) ?? res.text.slice(0, 300);
    const said = `Mastodon said (HTTP ${res.status}): ${error}`;
    const cause = res.text;
    switch (res.status) {
      case 401:
        return new ReplyFailure('TOKEN_INVALID', `The instance rejected the access token (revoked or wrong). ${said}`, null, { cause });
      case 403:
        return new ReplyFailure('TOKEN_LACKS_PERMISSION', `The token may not do this (it needs write:statuses, and read:search for posts from other instances), or the account is limited. ${said}`, null, { cause });
      case 404:
        return new ReplyFailure('POST_DELETED', `The status is gone (deleted, or not visible to the brand's account). ${said}`, null, { cause });
      case 422:
        return new ReplyFailure('TEXT_REJECTED', `The instance refused the text. ${said}`, null, { cause });
      case 429: {
        const now = (this.http.now ?? Date.now)();
        const reset = Date.parse(res.headers.get('x-ratelimit-reset') ?? '');
        const wait = Number.isNaN(reset) ? (retryAfterHeader(res.headers, now) ?? 300) : secondsUntil(reset, now);
        return new ReplyFailure('RATE_LIMITED', `The instance's rate limit is reached; retry in ${wait} s. ${said}`, wait, { cause });
      }
      default:
        return new ReplyFailure('REJECTED', `The instance refused the reply. ${said}`, null, { cause });
    }
  }
}

/** Prefixes `@user@host` unless the agent already addressed the author. */
export function withMention(text: string, handle: string): string {
  const acct = handle.replace(/^@/, '');
  const user = acct.split('@')[0] ?? acct;
  if (!acct || new RegExp(`@${user.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\b|@)`, 'i').test(text)) return text;
  return `@${acct} ${text}`;
}
