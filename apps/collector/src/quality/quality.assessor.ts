import type { RawMention, TrackedTopic } from '@pulse/contracts';
import { addressedTopics, ownedBy } from './direct-address.detector.js';
import { DuplicateDetector } from './duplicate.detector.js';
import { scoreSpam } from './spam.scorer.js';

const BURST_WINDOW_MS = 10 * 60_000;
const MAX_TRACKED_AUTHORS = 50_000;
const MAX_OWN_POSTS = 20_000;
/** Posts remembered per author: the burst signal only needs to tell "10 or more" apart. */
const MAX_POSTS_PER_AUTHOR = 32;

/**
 * Marks — never drops — what a support team should not have to read: near-duplicates,
 * spam (with reasons) — and marks what it must: mentions addressed to the brand.
 */
export class QualityAssessor {
  private readonly recentPosts = new Map<string, number[]>();
  /** Recent posts by the brands' own accounts: a reply or comment under one is addressed to that brand. */
  private readonly ownPosts = new Map<string, string[]>();

  constructor(
    private readonly duplicates = new DuplicateDetector(),
    private readonly now: () => number = Date.now,
  ) {}

  assess(mention: RawMention, topics: readonly TrackedTopic[]): RawMention {
    const authorKey = `${mention.source}:${mention.author.id}`;
    // The demo replays one corpus in a loop: treating replays as copies would hide the whole feed.
    const replay = mention.source === 'demo';
    const duplicate = replay ? { duplicateOf: null, authors: 1 } : this.duplicates.check(mention.id, mention.text, authorKey, this.now());
    const spam = scoreSpam({
      text: mention.text,
      authorHandle: mention.author.handle,
      ...(mention.author.followers !== undefined ? { followers: mention.author.followers } : {}),
      copyAuthors: duplicate.authors,
      authorRecentPosts: replay ? 1 : this.countPost(authorKey),
    });
    const owners = ownedBy(mention.source, mention.author.handle, topics);
    if (owners.length > 0) {
      this.ownPosts.set(mention.id, owners);
      if (this.ownPosts.size > MAX_OWN_POSTS) this.ownPosts.delete(this.ownPosts.keys().next().value!);
    }
    const underOwnPost = owners.length === 0 && mention.parentId ? (this.ownPosts.get(mention.parentId) ?? []) : [];
    const addressed = [
      ...addressedTopics(mention.text, mention.source, mention.author.handle, topics),
      ...underOwnPost.map((topicId) => ({ topicId, handle: `reply to ${topicId}` })),
    ];
    const matches = [...mention.matches];
    for (const { topicId, handle } of addressed) {
      const match = matches.find((m) => m.topicId === topicId);
      if (match) {
        if (!match.terms.includes(handle)) matches[matches.indexOf(match)] = { topicId, terms: [...match.terms, handle] };
      } else matches.push({ topicId, terms: [handle] });
    }
    return {
      ...mention,
      matches,
      topicIds: [...new Set([...mention.topicIds, ...addressed.map((a) => a.topicId)])],
      direct: mention.direct || addressed.length > 0,
      duplicateOf: mention.duplicateOf ?? duplicate.duplicateOf,
      spam: spam.score >= mention.spam.score ? spam : mention.spam,
    };
  }

  private countPost(authorKey: string): number {
    const now = this.now();
    // Bounded per author: a prolific account (or a benchmark posting as one) must not make
    // each new post scan its whole history.
    const times = (this.recentPosts.get(authorKey) ?? []).filter((t) => now - t < BURST_WINDOW_MS);
    times.push(now);
    if (times.length > MAX_POSTS_PER_AUTHOR) times.splice(0, times.length - MAX_POSTS_PER_AUTHOR);
    this.recentPosts.delete(authorKey);
    this.recentPosts.set(authorKey, times);
    if (this.recentPosts.size > MAX_TRACKED_AUTHORS) this.recentPosts.delete(this.recentPosts.keys().next().value!);
    return times.length;
  }
}
