/**
 * Why a reply could not be posted, as the agent reads it: a closed list, whatever the source
 * said. Each channel maps its API's answers onto these (see channels/*.channel.ts).
 */
export const REPLY_ERROR_CODES = [
  /** The source has no reply API (RSS, web pages, Telegram channel previews, webhooks): answer elsewhere. */
  'NOT_REPLIABLE',
  /** No brand account is configured for this mention's topic and source (or the one asked for does not fit). */
  'NO_ACCOUNT',
  /** The source rejected the credentials: expired, revoked or wrong. */
  'TOKEN_INVALID',
  /** The credentials are valid but may not do this (missing scope, not an admin, bot not in the chat). */
  'TOKEN_LACKS_PERMISSION',
  /** The post being answered is gone (deleted, hidden, or not visible to the account). */
  'POST_DELETED',
  /** The post exists but takes no replies (comments closed, thread locked or archived, replies restricted). */
  'REPLIES_CLOSED',
  /** Too many requests: retry after retryAfterSeconds. */
  'RATE_LIMITED',
  /** The source refused the text itself (too long, duplicate, links forbidden, empty). */
  'TEXT_REJECTED',
  /** Any other refusal; the message quotes the source. Nothing was posted. */
  'REJECTED',
  /** The source could not be reached or failed before taking the reply: nothing was posted, sending again is safe. */
  'CHANNEL_UNAVAILABLE',
  /** The call timed out or failed after the reply was handed over: it may have been posted. Sending again with the same key checks first. */
  'OUTCOME_UNKNOWN',
  /** Another attempt with this key is running (or a timed-out one is settling): retry after retryAfterSeconds. */
  'IN_PROGRESS',
] as const;
export type ReplyErrorCode = (typeof REPLY_ERROR_CODES)[number];

export interface ReplyErrorInfo {
  code: ReplyErrorCode;
  message: string;
  retryAfterSeconds: number | null;
}

/** A channel's refusal (or our own), with the source's error kept as `cause`. */
export class ReplyFailure extends Error {
  constructor(
    readonly code: ReplyErrorCode,
    message: string,
    readonly retryAfterSeconds: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ReplyFailure';
  }

  info(): ReplyErrorInfo {
    return { code: this.code, message: this.message, retryAfterSeconds: this.retryAfterSeconds };
  }
}

export type ReplyKind = 'channel' | 'elsewhere';
export type ReplyStatus = 'pending' | 'sent' | 'failed';

export interface ReplyRecord {
  id: string;
  idempotencyKey: string;
  mentionId: string;
  kind: ReplyKind;
  source: string;
  accountId: string | null;
  accountName: string | null;
  /** What was sent, or the agent's note for an answer given elsewhere. */
  text: string;
  status: ReplyStatus;
  /** The reply's id at the source (VK comment id, tweet id, AT URI, ...). */
  remoteId: string | null;
  url: string | null;
  /** The last attempt's failure; null once sent. */
  error: ReplyErrorInfo | null;
  /** Who sent it: the API key's name. */
  actor: string;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  attempts: number;
  retryNotBefore: string | null;
  recordedAt: string | null;
}

/** What a channel reports once the source has the reply. */
export interface PostedReply {
  remoteId: string;
  url: string | null;
}

export const MAX_REPLY_LENGTH = 10_000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
