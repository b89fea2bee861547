import { GatewayError } from '../errors/gateway.errors.js';
import type { MentionCursor } from '../store/mention-store.port.js';

/** Opaque to clients; a keyset position so paging stays stable while mentions stream in. */
export function encodeCursor(cursor: MentionCursor): string {
  return Buffer.from(JSON.stringify([cursor.publishedAt, cursor.id])).toString('base64url');
}

export function decodeCursor(value: string): MentionCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string' && !Number.isNaN(Date.parse(parsed[0]))) {
      return { publishedAt: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new GatewayError('INVALID_CURSOR', 'after is not a cursor returned by this API', { field: 'after' });
}
