import { createHash, randomBytes } from 'node:crypto';
import { API_KEY_ROLES, TOPICS, type ApiKeyRecord, type ApiKeyRole } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { Logger } from '@pulse/runtime';
import { GatewayError } from '../errors/gateway.errors.js';
import type { ApiKeyRepository, StoredApiKey } from './api-key.repository.js';
import type { Principal } from './permissions.js';

export const BOOTSTRAP_KEY_ID = 'bootstrap';
/** Long enough that a guessed or typo'd environment value is not a working admin key. */
export const MIN_BOOTSTRAP_KEY_LENGTH = 20;

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** 192 random bits; the prefix makes a leaked key recognisable to secret scanners. */
function newSecret(): string {
  return `pulse_${randomBytes(24).toString('base64url')}`;
}

function newKeyId(): string {
  return `key_${randomBytes(6).toString('hex')}`;
}

/** What leaves the gateway: the record without local bookkeeping. */
function toRecord(key: StoredApiKey | ApiKeyRecord): ApiKeyRecord {
  const { id, name, role, sha256, revoked, createdAt, updatedAt } = key;
  return { id, name, role, sha256, revoked, createdAt, updatedAt };
}

interface CacheEntry {
  principal: Principal | null;
  expires: number;
}

/**
 * API keys: stored as SHA-256 only, verified with a short-lived cache (a revoke on
 * another replica takes effect within `cacheTtlMs`), and published to the compacted
 * keys topic so the collector can check `/ingest` keys without a database.
 */
export class ApiKeyService {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly store: ApiKeyRepository,
    private readonly bus: Bus,
    private readonly logger: Logger,
    private readonly cacheTtlMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Start-up: registers PULSE_BOOTSTRAP_KEY as an admin key, or on a first start with no
   * keys at all creates one. Returns the secret only when it created one, for the host
   * to print once.
   */
  async ensureAdminKey(bootstrapKey: string | undefined): Promise<string | undefined> {
    if (bootstrapKey !== undefined) {
      if (bootstrapKey.length < MIN_BOOTSTRAP_KEY_LENGTH) {
        throw new Error(`PULSE_BOOTSTRAP_KEY must be at least ${MIN_BOOTSTRAP_KEY_LENGTH} characters`);
      }
      const sha256 = sha256Hex(bootstrapKey);
      const existing = await this.store.getApiKey(BOOTSTRAP_KEY_ID);
      if (existing?.sha256 === sha256) {
        // An admin revoked it on purpose; restarting with the same environment must not undo that.
        if (existing.revoked) this.logger.warn('PULSE_BOOTSTRAP_KEY was revoked by an admin and stays revoked; set a new value to replace it');
        return undefined;
      }
      const at = new Date(this.now()).toISOString();
      await this.store.upsertApiKey({ id: BOOTSTRAP_KEY_ID, name: 'bootstrap (PULSE_BOOTSTRAP_KEY)', role: 'admin', sha256, revoked: false, createdAt: existing?.createdAt ?? at, updatedAt: at });
      this.logger.info({ keyId: BOOTSTRAP_KEY_ID }, existing ? 'PULSE_BOOTSTRAP_KEY changed: bootstrap admin key replaced' : 'registered PULSE_BOOTSTRAP_KEY as an admin key');
      return undefined;
    }
    if ((await this.store.listApiKeys()).length > 0) return undefined;
    const { key } = await this.create({ name: 'initial admin', role: 'admin' }, { publish: false });
    this.logger.warn('no API keys yet: created an initial admin key (printed once on stdout; store it now)');
    return key;
  }

  /** Publishes every key record; on start, so the compacted topic matches the store even after broker data loss. */
  async publishAll(): Promise<void> {
    const keys = await this.store.listApiKeys();
    if (keys.length > 0) await this.bus.publish(TOPICS.apiKeys, keys.map(toRecord));
  }

  list(): Promise<StoredApiKey[]> {
    return this.store.listApiKeys();
  }

  get(id: string): Promise<StoredApiKey | null> {
    return this.store.getApiKey(id);
  }

  async create(input: { name: string; role: string }, options: { publish?: boolean } = {}): Promise<{ key: string; apiKey: StoredApiKey }> {
    const name = input.name.trim();
    if (name.length < 1 || name.length > 200) throw new GatewayError('INVALID_ARGUMENT', 'input.name must be 1 to 200 characters', { field: 'input.name' });
    if (!(API_KEY_ROLES as readonly string[]).includes(input.role)) {
      throw new GatewayError('INVALID_ARGUMENT', `input.role must be one of ${API_KEY_ROLES.join(', ')}`, { field: 'input.role' });
    }
    const key = newSecret();
    const at = new Date(this.now()).toISOString();
    const record: ApiKeyRecord = { id: newKeyId(), name, role: input.role as ApiKeyRole, sha256: sha256Hex(key), revoked: false, createdAt: at, updatedAt: at };
    await this.store.upsertApiKey(record);
    if (options.publish !== false) await this.bus.publish(TOPICS.apiKeys, [record]);
    this.logger.info({ keyId: record.id, role: record.role }, 'api key created');
    return { key, apiKey: { ...record, lastUsedAt: null } };
  }

  async revoke(id: string): Promise<StoredApiKey> {
    const existing = await this.store.getApiKey(id);
    if (!existing) throw new GatewayError('NOT_FOUND', `no API key with id "${id}"`, { field: 'id' });
    if (existing.revoked) return existing;
    const revoked: StoredApiKey = { ...existing, revoked: true, updatedAt: new Date(this.now()).toISOString() };
    await this.store.upsertApiKey(toRecord(revoked));
    this.cache.delete(existing.sha256);
    await this.bus.publish(TOPICS.apiKeys, [toRecord(revoked)]);
    this.logger.info({ keyId: id }, 'api key revoked');
    return revoked;
  }

  /** Drops a cached verdict (a key revoked on another replica). */
  forget(sha256: string): void {
    this.cache.delete(sha256);
  }

  /** The principal behind a presented key, or UNAUTHENTICATED. Unknown keys are cached too, so guessing costs no queries. */
  async authenticate(key: string | undefined): Promise<Principal> {
    if (!key) throw new GatewayError('UNAUTHENTICATED', 'send an API key as "Authorization: Bearer <key>"');
    const sha256 = sha256Hex(key);
    const now = this.now();
    let entry = this.cache.get(sha256);
    if (!entry || entry.expires <= now) {
      const stored = await this.store.findApiKeyBySha256(sha256);
      const principal = stored && !stored.revoked ? { keyId: stored.id, keyName: stored.name, role: stored.role } : null;
      entry = { principal, expires: now + this.cacheTtlMs };
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(sha256, entry);
      if (principal) this.store.touchApiKey(principal.keyId, new Date(now).toISOString()).catch((error: unknown) => this.logger.debug({ err: error }, 'could not record key use'));
    }
    if (!entry.principal) throw new GatewayError('UNAUTHENTICATED', 'unknown or revoked API key');
    return entry.principal;
  }
}
