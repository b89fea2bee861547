import type { ScoredMention } from '@pulse/contracts';
import type { ReplyAccountConfig, ReplySource } from '../../config/replies.config.js';
import { ReplyFailure, type PostedReply } from '../reply.model.js';

export type AccountOf<S extends ReplySource> = Extract<ReplyAccountConfig, { source: S }>;

/** Where a reply goes, read from the mention (ids in the source's terms), or why it cannot go anywhere. */
export type TargetResult<T> = { ok: true; target: T } | { ok: false; reason: string };

/** One reply attempt: the key stays the same across retries of the same reply. */
export interface SendContext {
  idempotencyKey: string;
  /** When the reply was first stored (stable across retries, e.g. for Bluesky's record key). */
  createdAt: string;
  /** The mention being answered (author handle, URL). */
  mention: ScoredMention;
}

/**
 * How a channel avoids a double post when a retry follows an attempt whose outcome is unknown:
 * - `key`: the API deduplicates by a key we send (VK `guid`, Mastodon `Idempotency-Key`,
 *   Bluesky's record key): sending again is safe;
 * - `lookup`: `find` asks the source whether the reply is there before sending again;
 * - `none`: the source cannot be asked (Telegram's Bot API reads no history): the agent checks.
 */
export type Reconciliation = 'key' | 'lookup' | 'none';

export interface ChannelClient<S extends ReplySource = ReplySource, T = unknown> {
  readonly source: S;
  readonly reconciliation: Reconciliation;
  /** Parses the mention's ids; pure, so the dashboard can be told in advance whether Send will work. */
  target(mention: ScoredMention): TargetResult<T>;
  /** Posts the reply; throws ReplyFailure with our code and the source's error as cause. */
  send(account: AccountOf<S>, target: T, text: string, ctx: SendContext): Promise<PostedReply>;
  /** `lookup` channels: the reply if the source already has it, else null. */
  find?(account: AccountOf<S>, target: T, text: string, ctx: SendContext): Promise<PostedReply | null>;
  /** `key` channels whose key expires at the source (Mastodon keeps it an hour): after that a resend may duplicate. */
  readonly keyLifetimeMs?: number;
}

/** Narrows an account to the channel's source (the registry dispatches by source, this keeps it honest). */
export function accountFor<S extends ReplySource>(source: S, account: ReplyAccountConfig): AccountOf<S> {
  if (account.source !== source) throw new ReplyFailure('NO_ACCOUNT', `account "${account.id}" posts to ${account.source}, not ${source}`);
  return account as AccountOf<S>;
}

/** The secret's value, or TOKEN_INVALID when it cannot be read now (a deleted secret file). */
export function secretValue(account: ReplyAccountConfig, read: () => string): string {
  try {
    return read();
  } catch (error) {
    throw new ReplyFailure('TOKEN_INVALID', `the credentials of account "${account.id}" cannot be read: ${(error as Error).message}`, null, { cause: error });
  }
}
