import { createHash } from 'node:crypto';
import type { ScoredMention } from '@pulse/contracts';
import { ReplyFailure, type PostedReply } from '../reply.model.js';
import { asRecord, channelFetch, serverError, type ChannelHttpOptions } from './channel-http.js';
import { secretValue, type AccountOf, type ChannelClient, type SendContext, type TargetResult } from './channel.port.js';

export const VK_API_VERSION = '5.199';

export interface VkTarget {
  ownerId: number;
  postId: number;
  /** Set when the mention is a comment: the reply goes under it (`reply_to_comment`). */
  commentId?: number;
}

/**
 * VK: `wall.createComment` (owner_id, post_id, reply_to_comment for comments) with a community
 * token, posted as the community (`from_group`). The collector's sourceIds are
 * `{owner}_{post}` for posts and `{owner}_{post}_{comment}` for comments.
 *
 * VK answers errors inside HTTP 200 (`{"error": {"error_code", "error_msg"}}`). `guid` is VK's
 * "unique identifier to avoid repeated comments": every attempt of one reply sends the same guid.
 */
export class VkChannel implements ChannelClient<'vk', VkTarget> {
  readonly source = 'vk' as const;
  readonly reconciliation = 'key' as const;

  constructor(
    private readonly apiUrl: string,
    private readonly http: ChannelHttpOptions,
  ) {}

  target(mention: ScoredMention): TargetResult<VkTarget> {
    const m = /^(-?\d+)_(\d+)(?:_(\d+))?$/.exec(mention.sourceId);
    if (!m) return { ok: false, reason: `this VK item (${mention.sourceId}) is not a wall post or comment, so VK offers no way to answer it` };
    return { ok: true, target: { ownerId: Number(m[1]), postId: Number(m[2]), ...(m[3] ? { commentId: Number(m[3]) } : {}) } };
  }

  async send(account: AccountOf<'vk'>, target: VkTarget, text: string, ctx: SendContext): Promise<PostedReply> {
    const body = new URLSearchParams({
      owner_id: String(target.ownerId),
      post_id: String(target.postId),
      from_group: String(account.groupId),
      message: text,
      // Hashed: the client may choose any key, VK's guid should stay short and plain.
      guid: createHash('sha256').update(ctx.idempotencyKey).digest('hex').slice(0, 32),
      ...(target.commentId !== undefined ? { reply_to_comment: String(target.commentId) } : {}),
      // In the body, not the URL: URLs end up in logs and error messages.
      access_token: secretValue(account, () => account.token.value()),
      v: VK_API_VERSION,
    });
    const what = 'VK wall.createComment';
    const res = await channelFetch(what, `${this.apiUrl}/wall.createComment`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, { ...this.http, posting: true });
    if (res.status >= 500) throw serverError(what, res, true);
    const envelope = asRecord(res.json);
    const error = asRecord(envelope['error']);
    if (typeof error['error_code'] === 'number') throw vkFailure(error['error_code'], String(error['error_msg'] ?? ''), envelope);
    const commentId = asRecord(envelope['response'])['comment_id'];
    if (res.status !== 200 || typeof commentId !== 'number') {
      throw new ReplyFailure('OUTCOME_UNKNOWN', `${what}: unexpected answer (HTTP ${res.status}); the reply may have been posted.`, null, { cause: res.text });
    }
    return { remoteId: String(commentId), url: `https://vk.com/wall${target.ownerId}_${target.postId}?reply=${commentId}` };
  }
}

/** VK's documented error codes (errors.json of VK's API schema) in our terms. */
export function vkFailure(code: number, vkMessage: string, cause: unknown): ReplyFailure {
  const quoted = `VK error ${code}: ${vkMessage}`;
  switch (code) {
    case 5:
    case 27:
    case 28:
      return new ReplyFailure('TOKEN_INVALID', `VK rejected the community token (expired, revoked or wrong): replace it. ${quoted}`, null, { cause });
    case 7:
    case 15:
    case 203:
      return new ReplyFailure('TOKEN_LACKS_PERMISSION', `The community token may not comment here (it needs the "wall" right and the community must be allowed to comment). ${quoted}`, null, { cause });
    case 18:
    case 37:
      return new ReplyFailure('TOKEN_INVALID', `VK says the account is deleted or banned. ${quoted}`, null, { cause });
    // VK says no wait time; these are the waits its limits suggest.
    case 6:
      return new ReplyFailure('RATE_LIMITED', `Too many requests per second to VK; retry in a second. ${quoted}`, 1, { cause });
    case 9:
    case 14:
      return new ReplyFailure('RATE_LIMITED', `VK's flood control stopped the comment (too many similar actions); retry in a minute. ${quoted}`, 60, { cause });
    case 29:
      return new ReplyFailure('RATE_LIMITED', `The token reached VK's daily limit for this method; retry in an hour. ${quoted}`, 3600, { cause });
    case 104:
    case 210:
    case 211:
      return new ReplyFailure('POST_DELETED', `The post or comment is gone (deleted, or hidden from the community). ${quoted}`, null, { cause });
    case 212:
    case 213:
    case 223:
      return new ReplyFailure('REPLIES_CLOSED', `VK takes no comments here (comments are closed, or the thread has too many replies). ${quoted}`, null, { cause });
    case 222:
      return new ReplyFailure('TEXT_REJECTED', `VK does not allow links in comments here: remove them. ${quoted}`, null, { cause });
    case 10:
      return new ReplyFailure('OUTCOME_UNKNOWN', `VK had an internal error; the comment may have been posted. Sending again is safe (VK deduplicates by guid). ${quoted}`, null, { cause });
    default:
      return new ReplyFailure('REJECTED', `VK refused the comment. ${quoted}`, null, { cause });
  }
}
