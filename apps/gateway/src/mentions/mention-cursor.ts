import { GatewayError } from '../errors/gateway.errors.js';
import { idProblem, isSaneDateTime } from '../validation/input-checks.js';
import type { MentionCursor, MentionOrder } from './mention.model.js';

/**
 * Opaque to clients; a keyset position so paging stays stable while mentions stream in.
 * Oldest-first cursors carry a marker so one cannot be replayed against the other order.
 */
export function encodeCursor(cursor: MentionCursor, order: MentionOrder = 'NEWEST_FIRST'): string {
  const position = order === 'NEWEST_FIRST' ? [cursor.publishedAt, cursor.id] : [cursor.publishedAt, cursor.id, 'asc'];
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(value: string, order: MentionOrder = 'NEWEST_FIRST'): MentionCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    const expectedLength = order === 'NEWEST_FIRST' ? 2 : 3;
    if (
      Array.isArray(parsed) &&
      parsed.length === expectedLength &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      (expectedLength === 2 || parsed[2] === 'asc') &&
      // Validated after decoding, as any argument: a forged position ("2020-02-30", year +275760, NUL in the id) never reaches the store.
      isSaneDateTime(parsed[0]) &&
      parsed[1].length > 0 &&
      parsed[1].length <= 128 &&
      idProblem(parsed[1]) === null
    ) {
      return { publishedAt: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new GatewayError('INVALID_CURSOR', 'after is not a cursor returned by this API for this orderBy', { field: 'after' });
}
