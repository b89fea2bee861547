import type { ApiKeyRole } from '@pulse/contracts';
import { GatewayError } from '../errors/gateway.errors.js';

/** handleMentions: the support workflow (status, assignee, tags, notes, tone corrections, typical answers). */
export type Permission = 'read' | 'subscribe' | 'manageTopics' | 'handleMentions' | 'manageKeys' | 'manageAlerts' | 'manageRules' | 'manageLeakWatch' | 'ingest';

/** viewer ⊂ analyst ⊂ admin; ingest is write-only and stands apart. */
const ROLE_PERMISSIONS: Record<ApiKeyRole, ReadonlySet<Permission>> = {
  viewer: new Set(['read', 'subscribe']),
  analyst: new Set(['read', 'subscribe', 'manageTopics', 'handleMentions']),
  // Rules can send mentions to outside systems with credentials: admins only. Leak watch lists
  // name employees and what must stay secret: admins only, reading included.
  admin: new Set(['read', 'subscribe', 'manageTopics', 'handleMentions', 'manageKeys', 'manageAlerts', 'manageRules', 'manageLeakWatch', 'ingest']),
  ingest: new Set(['ingest']),
};

export interface Principal {
  keyId: string;
  keyName: string;
  role: ApiKeyRole;
}

export function can(principal: Principal, permission: Permission): boolean {
  return ROLE_PERMISSIONS[principal.role].has(permission);
}

export function authorize(principal: Principal | undefined, permission: Permission): Principal {
  if (!principal) throw new GatewayError('UNAUTHENTICATED', 'send an API key as "Authorization: Bearer <key>"');
  if (!can(principal, permission)) {
    throw new GatewayError('FORBIDDEN', `an API key with role "${principal.role}" may not do this (needs ${permission})`);
  }
  return principal;
}

/** Extracts the key from `Bearer <key>`; anything else is no key at all. */
export function bearerToken(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
