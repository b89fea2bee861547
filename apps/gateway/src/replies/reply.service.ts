import { createHash, randomUUID } from 'node:crypto';
import type { ScoredMention } from '@pulse/contracts';
import type { Logger } from '@pulse/runtime';
import DataLoader from 'dataloader';
import type { Principal } from '../auth/permissions.js';
import type { ReplyAccountConfig } from '../config/replies.config.js';
import { GatewayError, storeCall } from '../errors/gateway.errors.js';
import type { MentionService } from '../mentions/mention.service.js';
import type { WorkflowService } from '../workflow/workflow.service.js';
import { publicAccount, type ChannelRegistry } from './channels/channel.registry.js';
import type { ChannelClient, SendContext } from './channels/channel.port.js';
import { MAX_IDEMPOTENCY_KEY_LENGTH, MAX_REPLY_LENGTH, ReplyFailure, type PostedReply, type ReplyErrorInfo, type ReplyRecord } from './reply.model.js';
import type { ReplyRepository } from './reply.repository.js';

export interface ReplyOutcome {
  mention: ScoredMention;
  reply: ReplyRecord | null;
  error: ReplyErrorInfo | null;
}

export interface ReplyOptions {
  repliable: boolean;
  reason: string | null;
  accounts: ReturnType<typeof publicAccount>[];
}

/** After an unknown outcome, reads at the source may lag its writes: give them this long before looking. */
const SETTLE_MS = 30_000;
const MAX_NOTE_LENGTH = 2_000;

/**
 * Replies in the channel: validates, stores the reply before calling the source (one row per
 * idempotency key), posts through the source's channel client, reconciles a retry after an
 * unknown outcome instead of posting twice, and records a sent reply as the mention's response
 * through the workflow service. Every attempt's result is logged as an audit line.
 */
export class ReplyService {
  constructor(
    private readonly store: ReplyRepository,
    private readonly channels: ChannelRegistry,
    private readonly mentions: Pick<MentionService, 'getMentions'>,
    private readonly workflow: Pick<WorkflowService, 'recordReply'>,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  loaders(): { byMention: DataLoader<string, ReplyRecord[]> } {
    return { byMention: new DataLoader((ids: readonly string[]) => storeCall(() => this.store.listByMention(ids)), { maxBatchSize: 200 }) };
  }

  accounts(): ReturnType<typeof publicAccount>[] {
    return this.channels.accounts.map(publicAccount);
  }

  options(mention: ScoredMention): ReplyOptions {
    const target = this.channels.target(mention);
    if (!target.ok) return { repliable: false, reason: target.reason, accounts: [] };
    const accounts = this.channels.accountsFor(mention).map(publicAccount);
    if (accounts.length === 0) return { repliable: false, reason: `no brand account on ${mention.source} is configured for this mention's topics (REPLY_ACCOUNTS): answer there, then mark it answered elsewhere`, accounts };
    return { repliable: true, reason: null, accounts };
  }

  async reply(input: { mentionId: string; text: string; accountId: string; idempotencyKey?: string | null }, principal: Principal): Promise<ReplyOutcome> {
    const text = input.text.trim();
    if (text.length === 0 || text.length > MAX_REPLY_LENGTH) throw new GatewayError('INVALID_ARGUMENT', `text must be 1 to ${MAX_REPLY_LENGTH} characters`, { field: 'text' });
    const key = input.idempotencyKey?.trim() || derivedKey(input.mentionId, input.accountId, text);
    if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH || /[\u0000-\u001f]/.test(key)) {
      throw new GatewayError('INVALID_ARGUMENT', `idempotencyKey must be up to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable characters`, { field: 'idempotencyKey' });
    }
    const mention = await this.mention(input.mentionId);
    const target = this.channels.target(mention);
    if (!target.ok) return { mention, reply: null, error: { code: 'NOT_REPLIABLE', message: `Not repliable: ${target.reason}.`, retryAfterSeconds: null } };
    const account = this.channels.account(input.accountId);
    if (!account || !this.channels.accountsFor(mention).includes(account)) {
      const known = this.channels.accountsFor(mention).map((a) => a.id);
      const message = account
        ? `Account "${account.id}" (${account.source}, topics ${account.topics.join(', ')}) does not answer this ${mention.source} mention of ${mention.topicIds.join(', ') || 'no topic'}.`
        : `No brand account "${input.accountId}" is configured.`;
      return { mention, reply: null, error: { code: 'NO_ACCOUNT', message: `${message} ${known.length > 0 ? `Accounts for it: ${known.join(', ')}.` : 'None is configured for it (REPLY_ACCOUNTS).'}`, retryAfterSeconds: null } };
    }

    const now = this.clock();
    const begun = await storeCall(() =>
      this.store.begin(
        { id: randomUUID(), idempotencyKey: key, mentionId: mention.id, source: mention.source, accountId: account.id, accountName: account.name, text, actor: principal.keyName },
        iso(now),
        // Long enough for a token exchange, a lookup and the post, each up to the timeout.
        iso(now + 4 * this.timeoutMs + 5_000),
      ),
    );
    switch (begun.kind) {
      case 'conflict':
        throw new GatewayError('INVALID_ARGUMENT', 'idempotencyKey was already used for another reply (another mention, account or text): use a new key', { field: 'idempotencyKey' });
      case 'sent':
        // A retry of a reply already posted: nothing to send; finish recording it if that was cut short.
        return this.outcome(await this.recorded(begun.reply, principal), null);
      case 'busy': {
        const wait = Math.max(1, Math.ceil((Date.parse(begun.reply.retryNotBefore ?? iso(now)) - now) / 1000));
        return this.outcome(begun.reply, { code: 'IN_PROGRESS', message: `Another attempt to send this reply is running or settling; retry in ${wait} s.`, retryAfterSeconds: wait });
      }
      case 'claimed':
        return this.attempt(begun.reply, begun.previous, target.channel, target.target, account, mention, principal);
    }
  }

  async answeredElsewhere(input: { mentionId: string; url: string; note?: string | null }, principal: Principal): Promise<ScoredMention> {
    const url = input.url.trim();
    if (!/^https?:\/\/\S+$/i.test(url) || url.length > 2_000) throw new GatewayError('INVALID_ARGUMENT', 'url must be an http(s) link to where the answer was given', { field: 'url' });
    const note = input.note?.trim() ?? '';
    if (note.length > MAX_NOTE_LENGTH) throw new GatewayError('INVALID_ARGUMENT', `note is limited to ${MAX_NOTE_LENGTH} characters`, { field: 'note' });
    const mention = await this.mention(input.mentionId);
    const reply = await storeCall(() => this.store.insertElsewhere({ id: randomUUID(), mentionId: mention.id, source: mention.source, url, note, actor: principal.keyName, at: iso(this.clock()) }));
    this.audit(reply, 'answered elsewhere');
    await this.recorded(reply, principal);
    return this.mention(mention.id);
  }

  private async attempt(
    pending: ReplyRecord,
    previous: 'none' | 'pending' | 'failed',
    channel: ChannelClient,
    target: unknown,
    account: ReplyAccountConfig,
    mention: ScoredMention,
    principal: Principal,
  ): Promise<ReplyOutcome> {
    const ctx: SendContext = { idempotencyKey: pending.idempotencyKey, createdAt: pending.createdAt, mention };
    let posted: PostedReply;
    try {
      // An earlier attempt may have posted without us hearing back: find out before posting again.
      posted = (previous === 'pending' ? await this.reconcile(channel, account, target, pending, ctx) : null) ?? (await channel.send(account, target, pending.text, ctx));
    } catch (error) {
      const failure = error instanceof ReplyFailure ? error : new ReplyFailure('OUTCOME_UNKNOWN', `Sending failed unexpectedly (${(error as Error).message}); the reply may have been posted.`, null, { cause: error });
      const unknown = failure.code === 'OUTCOME_UNKNOWN';
      const at = this.clock();
      const reply = await storeCall(() =>
        this.store.finish(pending.id, {
          status: unknown ? 'pending' : 'failed',
          at: iso(at),
          error: failure.info(),
          // A lookup right after a timeout may not see a post the source is still writing.
          retryNotBefore: unknown && channel.reconciliation === 'lookup' ? iso(at + SETTLE_MS) : null,
        }),
      );
      this.audit(reply, unknown ? 'outcome unknown' : 'refused', failure);
      return this.outcome(reply, failure.info());
    }
    const reply = await storeCall(() => this.store.finish(pending.id, { status: 'sent', at: iso(this.clock()), posted }));
    this.audit(reply, previous === 'pending' ? 'sent (reconciled)' : 'sent');
    return this.outcome(await this.recorded(reply, principal), null);
  }

  /** What the source says about an attempt whose outcome is unknown: the reply, or null when sending again is safe. */
  private async reconcile(channel: ChannelClient, account: ReplyAccountConfig, target: unknown, pending: ReplyRecord, ctx: SendContext): Promise<PostedReply | null> {
    switch (channel.reconciliation) {
      case 'key': {
        const age = this.clock() - Date.parse(pending.createdAt);
        if (channel.keyLifetimeMs !== undefined && age > channel.keyLifetimeMs) {
          throw new ReplyFailure(
            'OUTCOME_UNKNOWN',
            `The earlier attempt may have posted, and ${pending.source} forgets idempotency keys after ${Math.round(channel.keyLifetimeMs / 60_000)} min: check the post${ctx.mention.url ? ` (${ctx.mention.url})` : ''}; if the reply is there, mark it answered elsewhere, otherwise send it as a new reply.`,
          );
        }
        return null;
      }
      case 'lookup':
        return (await channel.find?.(account, target, pending.text, ctx)) ?? null;
      case 'none':
        throw new ReplyFailure(
          'OUTCOME_UNKNOWN',
          `The earlier attempt may have posted, and ${pending.source} offers no way to check: look at the conversation${ctx.mention.url ? ` (${ctx.mention.url})` : ''}; if the reply is there, mark it answered elsewhere, otherwise send it as a new reply.`,
        );
    }
  }

  /** A sent reply as the mention's response (history, first response), once. */
  private async recorded(reply: ReplyRecord, principal: Principal): Promise<ReplyRecord> {
    if (reply.recordedAt !== null || reply.status !== 'sent') return reply;
    try {
      await this.workflow.recordReply(reply.mentionId, { replyId: reply.id, via: reply.kind, source: reply.source, account: reply.accountName, url: reply.url }, principal);
    } catch (error) {
      // Retention removed the mention meanwhile: the reply row stays as the audit record.
      if (!(error instanceof GatewayError && error.code === 'NOT_FOUND')) throw error;
    }
    const at = iso(this.clock());
    await storeCall(() => this.store.markRecorded(reply.id, at));
    return { ...reply, recordedAt: at };
  }

  private async outcome(reply: ReplyRecord, error: ReplyErrorInfo | null): Promise<ReplyOutcome> {
    return { mention: await this.mention(reply.mentionId), reply, error };
  }

  private async mention(id: string): Promise<ScoredMention> {
    const [mention] = await this.mentions.getMentions([id]);
    if (!mention) throw new GatewayError('NOT_FOUND', `no mention "${id}"`, { field: 'id' });
    return mention;
  }

  /** Who sent what, when, from which account, and how it went: one structured line per attempt. */
  private audit(reply: ReplyRecord, outcome: string, failure?: ReplyFailure): void {
    this.logger.info(
      {
        audit: 'reply',
        replyId: reply.id,
        mentionId: reply.mentionId,
        source: reply.source,
        account: reply.accountId,
        actor: reply.actor,
        kind: reply.kind,
        status: reply.status,
        attempt: reply.attempts,
        remoteId: reply.remoteId,
        ...(failure ? { code: failure.code, err: failure.cause ?? failure } : {}),
      },
      `reply ${reply.id} to ${reply.mentionId}: ${outcome}`,
    );
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Same mention, account and text → same key: a client that retries without a key still never double-posts. */
export function derivedKey(mentionId: string, accountId: string, text: string): string {
  return `auto:${createHash('sha256').update(`${mentionId}\u0000${accountId}\u0000${text}`).digest('base64url').slice(0, 32)}`;
}
