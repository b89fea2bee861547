/** What a WebSocket session needs for us to end it: graphql-ws's socket close. */
export interface ClosableSession {
  close(code: number, reason: string): void;
}

/** Close codes and reasons a client can act on (RFC 6455 private range 4000–4999). */
export const SESSION_CLOSE = {
  missingKey: { code: 4401, reason: 'missing key: send { authorization: "Bearer <key>" } in connection_init' },
  unknownKey: { code: 4403, reason: 'unknown or revoked key' },
  revoked: { code: 4403, reason: 'API key revoked' },
  /** An ingest key: it may send mentions, not read them. */
  cannotSubscribe: { code: 4403, reason: 'role cannot subscribe' },
} as const;

/**
 * Open graphql-ws sessions per API key on this replica, so a revocation (made on any replica,
 * read from pulse.apikeys.v1) ends the key's live subscriptions instead of leaving them open
 * until the client reconnects.
 */
export class LiveSessions {
  private readonly byKey = new Map<string, Set<ClosableSession>>();

  add(keyId: string, session: ClosableSession): void {
    let sessions = this.byKey.get(keyId);
    if (!sessions) this.byKey.set(keyId, (sessions = new Set()));
    sessions.add(session);
  }

  remove(keyId: string, session: ClosableSession): void {
    const sessions = this.byKey.get(keyId);
    sessions?.delete(session);
    if (sessions?.size === 0) this.byKey.delete(keyId);
  }

  /** Closes every session of a key; returns how many. */
  closeKey(keyId: string): number {
    const sessions = this.byKey.get(keyId);
    if (!sessions) return 0;
    this.byKey.delete(keyId);
    for (const session of sessions) session.close(SESSION_CLOSE.revoked.code, SESSION_CLOSE.revoked.reason);
    return sessions.size;
  }

  count(keyId: string): number {
    return this.byKey.get(keyId)?.size ?? 0;
  }
}
