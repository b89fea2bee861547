import { createHash } from 'node:crypto';

/**
 * A mention's id is derived from where it came from, never random: collecting the same
 * post twice (restart, overlapping pages, webhook retries) yields the same id, so every
 * store downstream can upsert instead of duplicating.
 */
export function mentionId(source: string, sourceId: string): string {
  const digest = createHash('sha256').update(`${source}\u0000${sourceId}`).digest('base64url');
  return `${source}:${digest.slice(0, 22)}`;
}
