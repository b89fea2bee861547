import type { MentionReply, ReplyError, ReplyErrorCode } from '../api/api.types.js';
import { formatDuration } from '../ui/format.js';

/** What each refusal means for the agent, before the source's own words (the server's message). */
const HEADLINES: Record<ReplyErrorCode, string> = {
  NOT_REPLIABLE: 'This source cannot be answered from Pulse.',
  NO_ACCOUNT: 'No brand account can answer this mention.',
  TOKEN_INVALID: 'The brand account’s credentials were rejected: an admin must renew them.',
  TOKEN_LACKS_PERMISSION: 'The brand account may not post here.',
  POST_DELETED: 'The post was deleted (or is hidden from the brand account).',
  REPLIES_CLOSED: 'This post takes no replies.',
  RATE_LIMITED: 'Too many replies for now.',
  TEXT_REJECTED: 'The network refused the text: edit it and send again.',
  REJECTED: 'The network refused the reply.',
  CHANNEL_UNAVAILABLE: 'The network could not be reached. Nothing was posted: send again.',
  OUTCOME_UNKNOWN: 'The network did not confirm the reply: it may have been posted.',
  IN_PROGRESS: 'This reply is already being sent.',
};

export interface ReplyErrorView {
  headline: string;
  detail: string;
  /** "Send again" reuses the key (the server checks before posting); false: nothing to retry. */
  canRetry: boolean;
  /** Seconds to wait before retrying, if the source said. */
  retryAfterSeconds: number | null;
}

export function explainReplyError(error: ReplyError): ReplyErrorView {
  const wait = error.retryAfterSeconds;
  const headline = wait ? `${HEADLINES[error.code]} Retry in ${formatDuration(wait)}.` : HEADLINES[error.code];
  const canRetry = !['NOT_REPLIABLE', 'NO_ACCOUNT', 'POST_DELETED', 'REPLIES_CLOSED'].includes(error.code);
  return { headline, detail: error.message, canRetry, retryAfterSeconds: wait ?? null };
}

export const REPLY_STATUS_NAMES: Record<MentionReply['status'], string> = { sent: 'Sent', pending: 'Not confirmed', failed: 'Not sent' };

/**
 * The idempotency key for what is about to be sent: the same key while the same text goes to
 * the same account (a retry after a timeout is then reconciled, never posted twice), a new one
 * once the text or account changes or the previous reply went out.
 */
export interface DraftKey {
  key: string;
  text: string;
  account: string;
}

export function keyForSend(current: DraftKey | undefined, text: string, account: string, newKey: () => string): DraftKey {
  return current && current.text === text && current.account === account ? current : { key: newKey(), text, account };
}

/** "first response 3 min after it arrived". */
export function firstResponseAfter(collectedAt: string, firstResponseAt: string | null): string | null {
  if (!firstResponseAt) return null;
  const seconds = (Date.parse(firstResponseAt) - Date.parse(collectedAt)) / 1000;
  return Number.isFinite(seconds) ? formatDuration(Math.max(0, seconds)) : null;
}

/**
 * Replies after a live re-read: the server's list, plus any the panel holds that the read did
 * not include yet (it started before the panel's own send finished); of two copies of one
 * reply, the one with more attempts (then the sent one) is the later state.
 */
export function mergeReplies(shown: readonly MentionReply[] | undefined, fresh: readonly MentionReply[] | undefined): MentionReply[] {
  if (!fresh) return [...(shown ?? [])];
  const mine = new Map((shown ?? []).map((r) => [r.id, r]));
  const merged = fresh.map((r) => {
    const other = mine.get(r.id);
    if (!other) return r;
    if (other.attempts !== r.attempts) return other.attempts > r.attempts ? other : r;
    return other.status === 'sent' ? other : r;
  });
  const known = new Set(fresh.map((r) => r.id));
  return [...merged, ...(shown ?? []).filter((r) => !known.has(r.id))];
}

/** A random key; crypto.randomUUID exists only in secure contexts (a plain-http LAN address is not one). */
export function newReplyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
