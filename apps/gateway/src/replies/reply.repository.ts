import type { SqlClient, SqlExecutor } from '../database/sql-client.port.js';
import { isoOrNull, iso } from '../database/sql.helpers.js';
import type { ReplyErrorCode, ReplyErrorInfo, ReplyKind, ReplyRecord, ReplyStatus } from './reply.model.js';

interface ReplyRow {
  id: string;
  idempotency_key: string;
  mention_id: string;
  kind: ReplyKind;
  source: string;
  account_id: string | null;
  account_name: string | null;
  text: string;
  status: ReplyStatus;
  remote_id: string | null;
  url: string | null;
  error_code: ReplyErrorCode | null;
  error_message: string | null;
  retry_after_seconds: number | null;
  actor: string;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
  attempts: number;
  retry_not_before: Date | null;
  recorded_at: Date | null;
}

function toRecord(row: ReplyRow): ReplyRecord {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    mentionId: row.mention_id,
    kind: row.kind,
    source: row.source,
    accountId: row.account_id,
    accountName: row.account_name,
    text: row.text,
    status: row.status,
    remoteId: row.remote_id,
    url: row.url,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '', retryAfterSeconds: row.retry_after_seconds } : null,
    actor: row.actor,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    sentAt: isoOrNull(row.sent_at),
    attempts: row.attempts,
    retryNotBefore: isoOrNull(row.retry_not_before),
    recordedAt: isoOrNull(row.recorded_at),
  };
}

export interface NewReply {
  id: string;
  idempotencyKey: string;
  mentionId: string;
  source: string;
  accountId: string;
  accountName: string;
  text: string;
  actor: string;
}

/**
 * What `begin` found for an idempotency key:
 * - `claimed`: this caller may call the source now (`previous` says what an earlier attempt left:
 *   nothing, a pending reply whose outcome is unknown, or a refusal);
 * - `sent`: already posted, nothing to do;
 * - `busy`: another attempt holds the key until `reply.retryNotBefore`;
 * - `conflict`: the key was used for another mention, account or text.
 */
export type BeginResult =
  | { kind: 'claimed'; reply: ReplyRecord; previous: 'none' | 'pending' | 'failed' }
  | { kind: 'sent' | 'busy' | 'conflict'; reply: ReplyRecord };

export interface FinishUpdate {
  status: ReplyStatus;
  at: string;
  posted?: { remoteId: string; url: string | null };
  error?: ReplyErrorInfo;
  /** For a pending reply: when the next attempt may start (null: at once). */
  retryNotBefore?: string | null;
}

const COLUMNS = `id, idempotency_key, mention_id, kind, source, account_id, account_name, text, status, remote_id, url,
  error_code, error_message, retry_after_seconds, actor, created_at, updated_at, sent_at, attempts, retry_not_before, recorded_at`;

/** The replies table: one row per idempotency key, written before the source is called. */
export class ReplyRepository {
  constructor(private readonly db: SqlClient) {}

  /**
   * Stores the reply as pending and claims the first attempt, or finds the key's row and claims
   * a retry when no attempt holds it (`until` is how long this attempt holds the key). One
   * transaction with a row lock, so two replicas handed the same key never both call the source.
   */
  async begin(input: NewReply, now: string, until: string): Promise<BeginResult> {
    return this.db.transaction(async (tx) => {
      const [inserted] = await tx.query<ReplyRow>(
        `INSERT INTO mention_replies (id, idempotency_key, mention_id, kind, source, account_id, account_name, text, status, actor,
           created_at, updated_at, attempts, retry_not_before)
         VALUES ($1, $2, $3, 'channel', $4, $5, $6, $7, 'pending', $8, $9::timestamptz, $9::timestamptz, 1, $10::timestamptz)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING ${COLUMNS}`,
        [input.id, input.idempotencyKey, input.mentionId, input.source, input.accountId, input.accountName, input.text, input.actor, now, until],
      );
      if (inserted) return { kind: 'claimed', reply: toRecord(inserted), previous: 'none' };
      const [row] = await tx.query<ReplyRow>(`SELECT ${COLUMNS} FROM mention_replies WHERE idempotency_key = $1 FOR UPDATE`, [input.idempotencyKey]);
      if (!row) throw new Error(`reply with idempotency key "${input.idempotencyKey}" vanished`);
      const existing = toRecord(row);
      if (existing.kind !== 'channel' || existing.mentionId !== input.mentionId || existing.accountId !== input.accountId || existing.text !== input.text) {
        return { kind: 'conflict', reply: existing };
      }
      if (existing.status === 'sent') return { kind: 'sent', reply: existing };
      if (existing.retryNotBefore !== null && Date.parse(existing.retryNotBefore) > Date.parse(now)) return { kind: 'busy', reply: existing };
      const [claimed] = await tx.query<ReplyRow>(
        `UPDATE mention_replies SET attempts = attempts + 1, retry_not_before = $2::timestamptz, updated_at = $3::timestamptz
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [existing.id, until, now],
      );
      return { kind: 'claimed', reply: toRecord(claimed!), previous: existing.status === 'failed' ? 'failed' : 'pending' };
    });
  }

  async finish(id: string, update: FinishUpdate): Promise<ReplyRecord> {
    const [row] = await this.db.query<ReplyRow>(
      `UPDATE mention_replies SET status = $2, updated_at = $3::timestamptz,
         remote_id = coalesce($4, remote_id), url = coalesce($5, url),
         sent_at = CASE WHEN $2 = 'sent' THEN coalesce(sent_at, $3::timestamptz) ELSE sent_at END,
         error_code = $6, error_message = $7, retry_after_seconds = $8, retry_not_before = $9::timestamptz
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        update.status,
        update.at,
        update.posted?.remoteId ?? null,
        update.posted?.url ?? null,
        update.error?.code ?? null,
        update.error?.message ?? null,
        update.error?.retryAfterSeconds ?? null,
        update.retryNotBefore ?? null,
      ],
    );
    if (!row) throw new Error(`no reply "${id}"`);
    return toRecord(row);
  }

  async markRecorded(id: string, at: string): Promise<void> {
    await this.db.query('UPDATE mention_replies SET recorded_at = $2::timestamptz WHERE id = $1 AND recorded_at IS NULL', [id, at]);
  }

  /** An answer the agent gave outside Pulse: stored as sent, with their link and note. */
  async insertElsewhere(input: { id: string; mentionId: string; source: string; url: string; note: string; actor: string; at: string }): Promise<ReplyRecord> {
    const [row] = await this.db.query<ReplyRow>(
      `INSERT INTO mention_replies (id, idempotency_key, mention_id, kind, source, text, status, url, actor, created_at, updated_at, sent_at, attempts)
       VALUES ($1, 'elsewhere:' || $1, $2, 'elsewhere', $3, $4, 'sent', $5, $6, $7::timestamptz, $7::timestamptz, $7::timestamptz, 0)
       RETURNING ${COLUMNS}`,
      [input.id, input.mentionId, input.source, input.note, input.url, input.actor, input.at],
    );
    return toRecord(row!);
  }

  /** Per mention, oldest first. */
  async listByMention(mentionIds: readonly string[]): Promise<ReplyRecord[][]> {
    if (mentionIds.length === 0) return [];
    const rows = await this.db.query<ReplyRow>(`SELECT ${COLUMNS} FROM mention_replies WHERE mention_id = ANY($1::text[]) ORDER BY mention_id, created_at, id`, [mentionIds]);
    return group(rows, mentionIds);
  }

  async get(id: string, db: SqlExecutor = this.db): Promise<ReplyRecord | null> {
    const [row] = await db.query<ReplyRow>(`SELECT ${COLUMNS} FROM mention_replies WHERE id = $1`, [id]);
    return row ? toRecord(row) : null;
  }
}

function group(rows: ReplyRow[], mentionIds: readonly string[]): ReplyRecord[][] {
  const byMention = new Map<string, ReplyRecord[]>();
  for (const row of rows) {
    const list = byMention.get(row.mention_id) ?? [];
    list.push(toRecord(row));
    byMention.set(row.mention_id, list);
  }
  return mentionIds.map((id) => byMention.get(id) ?? []);
}
