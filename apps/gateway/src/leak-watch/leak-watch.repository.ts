import type { AlertSeverity } from '@pulse/contracts';
import type { SqlClient, SqlExecutor } from '../database/sql-client.port.js';
import { iso, toJson } from '../database/sql.helpers.js';
import type { ConfidentialTerm, LeakWatchAction, LeakWatchChange, LeakWatchEntity, LeakWatchSnapshot, WatchList, WatchedAccount } from './leak-watch.model.js';

interface ListRow {
  id: string;
  name: string;
  accounts: WatchedAccount[];
  created_at: Date;
  updated_at: Date;
}

interface TermRow {
  id: string;
  expression: string;
  always: boolean;
  severity: AlertSeverity | null;
  created_at: Date;
  updated_at: Date;
}

const toList = (r: ListRow): WatchList => ({ id: r.id, name: r.name, accounts: r.accounts, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at) });
const toTerm = (r: TermRow): ConfidentialTerm => ({ id: r.id, expression: r.expression, always: r.always, severity: r.severity, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at) });

export interface ChangeInput {
  actor: string;
  at: string;
  action: LeakWatchAction;
  entity: LeakWatchEntity;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** The writes of one change, inside its transaction (see `LeakWatchRepository.change`). */
export class LeakWatchWriter {
  constructor(private readonly tx: SqlExecutor) {}

  async getList(id: string): Promise<WatchList | null> {
    const [row] = await this.tx.query<ListRow>('SELECT * FROM leak_watch_lists WHERE id = $1', [id]);
    return row ? toList(row) : null;
  }

  async getTerm(id: string): Promise<ConfidentialTerm | null> {
    const [row] = await this.tx.query<TermRow>('SELECT * FROM leak_watch_terms WHERE id = $1', [id]);
    return row ? toTerm(row) : null;
  }

  async count(entity: 'list' | 'term'): Promise<number> {
    const [row] = await this.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${entity === 'list' ? 'leak_watch_lists' : 'leak_watch_terms'}`);
    return row?.n ?? 0;
  }

  async putList(list: WatchList): Promise<void> {
    await this.tx.query(
      `INSERT INTO leak_watch_lists (id, name, accounts, created_at, updated_at) VALUES ($1, $2, $3::jsonb, $4, $5)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, accounts = excluded.accounts, updated_at = excluded.updated_at`,
      [list.id, list.name, toJson(list.accounts), list.createdAt, list.updatedAt],
    );
  }

  async putTerm(term: ConfidentialTerm): Promise<void> {
    await this.tx.query(
      `INSERT INTO leak_watch_terms (id, expression, always, severity, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET expression = excluded.expression, always = excluded.always, severity = excluded.severity, updated_at = excluded.updated_at`,
      [term.id, term.expression, term.always, term.severity, term.createdAt, term.updatedAt],
    );
  }

  async delete(entity: 'list' | 'term', id: string): Promise<void> {
    await this.tx.query(`DELETE FROM ${entity === 'list' ? 'leak_watch_lists' : 'leak_watch_terms'} WHERE id = $1`, [id]);
  }

  async record(change: ChangeInput): Promise<void> {
    await this.tx.query(
      'INSERT INTO leak_watch_changes (at, actor, action, entity, entity_id, before, after) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)',
      [change.at, change.actor, change.action, change.entity, change.entityId, change.before === null ? null : toJson(change.before), change.after === null ? null : toJson(change.after)],
    );
  }
}

/** Watch lists, confidential terms, their history and the version replicas poll. */
export class LeakWatchRepository {
  constructor(private readonly db: SqlClient) {}

  async version(): Promise<number> {
    const [row] = await this.db.query<{ version: string | number }>('SELECT version FROM leak_watch_state');
    return Number(row?.version ?? 0);
  }

  /** Lists, terms and the version they belong to, read in one transaction. */
  async snapshot(): Promise<LeakWatchSnapshot> {
    return this.db.transaction(async (tx) => {
      const [state] = await tx.query<{ version: string | number }>('SELECT version FROM leak_watch_state');
      const lists = await tx.query<ListRow>('SELECT * FROM leak_watch_lists ORDER BY lower(name), id');
      const terms = await tx.query<TermRow>('SELECT * FROM leak_watch_terms ORDER BY created_at, lower(expression), id');
      return { version: Number(state?.version ?? 0), lists: lists.map(toList), terms: terms.map(toTerm) };
    });
  }

  /**
   * One change: the version row is locked and incremented first, so concurrent changes (on any
   * replica) commit one after the other, each with its own version, and `fn`'s writes and the
   * history line land together or not at all.
   */
  async change<T>(fn: (writer: LeakWatchWriter) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query('UPDATE leak_watch_state SET version = version + 1');
      return fn(new LeakWatchWriter(tx));
    });
  }

  /**
   * The environment's seed, once per deployment: false when a seed was recorded before (by
   * this replica or another one starting at the same time).
   */
  async seed(change: Omit<ChangeInput, 'action' | 'entity' | 'entityId' | 'before'>, lists: WatchList[], terms: ConfidentialTerm[]): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const claimed = await tx.query(
        `INSERT INTO leak_watch_changes (at, actor, action, entity, entity_id, before, after) VALUES ($1, $2, 'seed', 'seed', NULL, NULL, $3::jsonb)
         ON CONFLICT (action) WHERE action = 'seed' DO NOTHING RETURNING id`,
        [change.at, change.actor, toJson(change.after)],
      );
      if (claimed.length === 0) return false;
      await tx.query('UPDATE leak_watch_state SET version = version + 1');
      const writer = new LeakWatchWriter(tx);
      for (const list of lists) await writer.putList(list);
      for (const term of terms) await writer.putTerm(term);
      return true;
    });
  }

  /** Newest first. */
  async history(limit: number): Promise<LeakWatchChange[]> {
    const rows = await this.db.query<{ id: string | number; at: Date; actor: string; action: LeakWatchAction; entity: LeakWatchEntity; entity_id: string | null; before: unknown; after: unknown }>(
      'SELECT id, at, actor, action, entity, entity_id, before, after FROM leak_watch_changes ORDER BY at DESC, id DESC LIMIT $1',
      [limit],
    );
    return rows.map((r) => ({ id: String(r.id), at: iso(r.at), actor: r.actor, action: r.action, entity: r.entity, entityId: r.entity_id, before: r.before, after: r.after }));
  }
}
