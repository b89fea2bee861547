import type { ApiKeyRecord } from '@pulse/contracts';
import type { SqlClient } from '../database/sql-client.port.js';
import { iso } from '../database/sql.helpers.js';

export interface StoredApiKey extends ApiKeyRecord {
  lastUsedAt: string | null;
}

interface ApiKeyRow {
  id: string;
  name: string;
  role: ApiKeyRecord['role'];
  sha256: string;
  revoked: boolean;
  created_at: Date;
  updated_at: Date;
  last_used_at: Date | null;
}

function toApiKey(row: ApiKeyRow): StoredApiKey {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    sha256: row.sha256,
    revoked: row.revoked,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    lastUsedAt: row.last_used_at ? iso(row.last_used_at) : null,
  };
}

export class ApiKeyRepository {
  constructor(private readonly db: SqlClient) {}

  async listApiKeys(): Promise<StoredApiKey[]> {
    const rows = await this.db.query<ApiKeyRow>('SELECT * FROM api_keys ORDER BY created_at, id');
    return rows.map(toApiKey);
  }

  async findApiKeyBySha256(sha256: string): Promise<StoredApiKey | null> {
    const [row] = await this.db.query<ApiKeyRow>('SELECT * FROM api_keys WHERE sha256 = $1', [sha256]);
    return row ? toApiKey(row) : null;
  }

  async getApiKey(id: string): Promise<StoredApiKey | null> {
    const [row] = await this.db.query<ApiKeyRow>('SELECT * FROM api_keys WHERE id = $1', [id]);
    return row ? toApiKey(row) : null;
  }

  async upsertApiKey(key: ApiKeyRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO api_keys (id, name, role, sha256, revoked, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $7::timestamptz)
       ON CONFLICT (id) DO UPDATE SET
         name = excluded.name, role = excluded.role, sha256 = excluded.sha256,
         revoked = excluded.revoked, updated_at = excluded.updated_at`,
      [key.id, key.name, key.role, key.sha256, key.revoked, key.createdAt, key.updatedAt],
    );
  }

  async touchApiKey(id: string, at: string): Promise<void> {
    await this.db.query(
      `UPDATE api_keys SET last_used_at = $2::timestamptz
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
      [id, at],
    );
  }
}
