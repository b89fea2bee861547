import { createHash } from 'node:crypto';
import type { ApiKeyRecord, ApiKeyRole } from '@pulse/contracts';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * The collector's copy of the API keys, fed by the compacted `pulse.apikeys.v1` topic
 * that the gateway (which owns keys) publishes. Only hashes travel; a presented key is
 * hashed and looked up.
 */
export class KeyRegistry {
  private readonly byHash = new Map<string, ApiKeyRecord>();
  private readonly byId = new Map<string, ApiKeyRecord>();

  apply(records: readonly ApiKeyRecord[]): void {
    for (const record of records) {
      const current = this.byId.get(record.id);
      if (current && current.updatedAt > record.updatedAt) continue;
      if (current) this.byHash.delete(current.sha256);
      this.byId.set(record.id, record);
      if (!record.revoked) this.byHash.set(record.sha256, record);
    }
  }

  /** The role of a presented key, or null when unknown or revoked. */
  roleOf(key: string): { id: string; role: ApiKeyRole } | null {
    const record = this.byHash.get(sha256Hex(key));
    return record ? { id: record.id, role: record.role } : null;
  }

  get size(): number {
    return this.byHash.size;
  }
}
