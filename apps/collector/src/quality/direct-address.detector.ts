import type { OwnAccount, Source, TrackedTopic } from '@pulse/contracts';

/**
 * A mention is "direct" when the customer talks to the company — @-mentions one of the
 * brand's own accounts on that network — rather than about it. Posts by the brand's own
 * accounts are never direct.
 */
export function addressedTopics(text: string, source: Source, authorHandle: string, topics: readonly TrackedTopic[]): { topicId: string; handle: string }[] {
  const author = normalizeHandle(authorHandle);
  const ownHere = (t: TrackedTopic): OwnAccount[] => t.ownAccounts.filter((a) => a.source === source);
  if (topics.some((t) => ownHere(t).some((a) => normalizeHandle(a.handle) === author))) return [];
  const mentioned = new Set((text.match(/@[\p{L}\p{N}_.]+/gu) ?? []).map((h) => normalizeHandle(h)));
  if (mentioned.size === 0) return [];
  return topics.flatMap((t) => ownHere(t).filter((a) => mentioned.has(normalizeHandle(a.handle))).map((a) => ({ topicId: t.id, handle: a.handle })));
}

export function isDirect(text: string, source: Source, authorHandle: string, topics: readonly TrackedTopic[]): boolean {
  return addressedTopics(text, source, authorHandle, topics).length > 0;
}

function normalizeHandle(handle: string): string {
  return handle.replace(/^@/, '').replace(/\.$/, '').toLowerCase();
}

/** The topics whose own account on this network wrote a post (their replies and comments are direct). */
export function ownedBy(source: Source, authorHandle: string, topics: readonly TrackedTopic[]): string[] {
  const author = normalizeHandle(authorHandle);
  return topics.filter((t) => t.ownAccounts.some((a) => a.source === source && normalizeHandle(a.handle) === author)).map((t) => t.id);
}
