import type { FeedMention, MentionUpdate } from '../api/api.types.js';

/** How many mentions the feed keeps; older ones are a query away. */
export const FEED_CAPACITY = 1000;

/**
 * Puts live arrivals (oldest first, as they came) on top of the list, newest first. A mention
 * seen again (re-scored, or in both the first page and the live stream) replaces its old
 * row in place so the list never shows it twice; a live version (which carries no workflow)
 * keeps the workflow the row already had.
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
  const kept = list.map((m) => {
    const next = latest.get(m.id);
    if (!next) return m;
    return next.workflow || !m.workflow ? next : { ...next, workflow: m.workflow };
  });
  return fresh.concat(kept).slice(0, capacity);
}

/**
 * Applies workflow changes (in the order they came) to the rows they concern: status,
 * assignee and intent as stored now. Rows not in the list are ignored (they bring their
 * workflow when they are read). Returns the same list when nothing changed (no re-render).
 */
export function applyUpdates(list: readonly FeedMention[], updates: readonly MentionUpdate[]): FeedMention[] {
  if (updates.length === 0 || list.length === 0) return list as FeedMention[];
  const latest = new Map<string, MentionUpdate>();
  for (const u of updates) latest.set(u.id, u);
  let changed = false;
  const next = list.map((m) => {
    const u = latest.get(m.id);
    if (!u || sameMarkers(m, u)) return m;
    changed = true;
    return { ...m, intent: u.intent ?? m.intent, workflow: { status: u.workflow.status, assignee: u.workflow.assignee } };
  });
  return changed ? next : (list as FeedMention[]);
}

function sameMarkers(m: FeedMention, u: MentionUpdate): boolean {
  const intent = u.intent ?? m.intent;
  return (
    m.workflow?.status === u.workflow.status &&
    m.workflow.assignee === u.workflow.assignee &&
    m.intent?.label === intent?.label &&
    m.intent?.replyNeeded === intent?.replyNeeded
  );
}

/** What the live subscriptions deliver to the feed, in arrival order. */
export type FeedEvent = { mention: FeedMention } | { update: MentionUpdate };

/** Splits a batch of live events into new (or re-scored) mentions and workflow changes, each in arrival order. */
export function splitEvents(events: readonly FeedEvent[]): { mentions: FeedMention[]; updates: MentionUpdate[] } {
  const mentions: FeedMention[] = [];
  const updates: MentionUpdate[] = [];
  for (const e of events) {
    if ('mention' in e) mentions.push(e.mention);
    else updates.push(e.update);
  }
  return { mentions, updates };
}

/**
 * One batch of live events applied to the list: arrivals on top, then the workflow changes
 * (so a change that came in the same batch as its mention still lands on the new row).
 */
export function applyLiveBatch(list: readonly FeedMention[], events: readonly FeedEvent[], capacity = FEED_CAPACITY): FeedMention[] {
  const { mentions, updates } = splitEvents(events);
  return applyUpdates(prependLive(list, mentions, capacity), updates);
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
