import type { FeedEvent } from './feed-buffer.js';

/** A live mention published longer ago than this is history arriving (an import, a backfill), not news. */
export const LIVE_MAX_AGE_MS = 60 * 60_000;

/**
 * Takes mentions published long ago out of a live batch. The feed is newest first: an import
 * or the demo's backfill would otherwise push days-old posts over the live ones at thousands a
 * minute, and the rate label would report a storm that is not happening. They are still
 * stored (search, charts, totals); the feed says how many came.
 */
export function withoutLate(events: readonly FeedEvent[], now: number, maxAgeMs = LIVE_MAX_AGE_MS): { events: FeedEvent[]; late: number } {
  const kept: FeedEvent[] = [];
  let late = 0;
  for (const event of events) {
    if ('mention' in event && Date.parse(event.mention.publishedAt) < now - maxAgeMs) late += 1;
    else kept.push(event);
  }
  return { events: kept, late };
}
