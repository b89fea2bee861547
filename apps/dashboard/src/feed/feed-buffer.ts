import type { FeedMention } from '../api/api.types.js';

/** How many mentions the feed keeps; older ones are a query away. */
export const FEED_CAPACITY = 1000;

/**
 * Puts live arrivals (oldest first, as they came) on top of the list, newest first. A mention
 * seen again (re-scored, or in both the first page and the live stream) replaces its old
 * row in place so the list never shows it twice.
 */
export function prependLive(list: readonly FeedMention[], arrivals: readonly FeedMention[], capacity = FEED_CAPACITY): FeedMention[] {
  if (arrivals.length === 0) return list as FeedMention[];
  const latest = new Map<string, FeedMention>();
  for (const m of arrivals) latest.set(m.id, m);
  const fresh: FeedMention[] = [];
  const replaced = new Set<string>();
  const inList = new Set(list.map((m) => m.id));
  // Walk newest first; a repeat of an id takes the latest version once.
  for (let i = arrivals.length - 1; i >= 0; i--) {
    const m = arrivals[i]!;
    if (replaced.has(m.id)) continue;
    replaced.add(m.id);
    if (!inList.has(m.id)) fresh.push(latest.get(m.id)!);
  }
  const kept = list.map((m) => latest.get(m.id) ?? m);
  return fresh.concat(kept).slice(0, capacity);
}

/** Appends an older page at the bottom, skipping what is already shown. */
export function appendOlder(list: readonly FeedMention[], page: readonly FeedMention[], capacity = FEED_CAPACITY * 2): FeedMention[] {
  const seen = new Set(list.map((m) => m.id));
  return list.concat(page.filter((m) => !seen.has(m.id))).slice(0, capacity);
}

/**
 * Collects live events and hands them over in batches, at most every `intervalMs`: a burst
 * of hundreds of mentions a second becomes a few renders a second.
 */
export class LiveBatcher<T> {
  private pending: T[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly flush: (batch: T[]) => void,
    private readonly intervalMs = 250,
    private readonly maxPending = FEED_CAPACITY,
  ) {}

  push(item: T): void {
    this.pending.push(item);
    // While paused or hidden, keep only what the feed could show anyway.
    if (this.pending.length > this.maxPending * 2) this.pending = this.pending.slice(-this.maxPending);
    this.timer ??= setTimeout(() => this.drain(), this.intervalMs);
  }

  drain(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.flush(batch);
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }
}
