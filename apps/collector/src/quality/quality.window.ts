import { FINGERPRINT_WINDOW_MS, type MentionFingerprint } from '@pulse/contracts';
import { DuplicateDetector } from './duplicate.detector.js';
import { decodeSignature } from './text-fingerprint.js';

/** What the fingerprint log decides about one mention: everything a quality mark needs beyond the mention itself. */
export interface QualityVerdict {
  /** The earliest mention this one repeats, or null. */
  duplicateOf: string | null;
  /** Distinct accounts seen posting this text, this one included. */
  copyAuthors: number;
  /** Posts by this account in the burst window, this one included. */
  authorRecentPosts: number;
  /** Topics whose own account wrote the post this one replies to or comments on. */
  parentOwnerTopicIds: string[];
}

const BURST_WINDOW_MS = 10 * 60_000;
const MAX_TRACKED_AUTHORS = 50_000;
const MAX_OWN_POSTS = 20_000;
/** Posts remembered per author: the burst signal only needs to tell "10 or more" apart. */
const MAX_POSTS_PER_AUTHOR = 32;

/**
 * The quality windows as a state machine over the fingerprint log: near-duplicates, posts
 * per account (bursts) and the brands' own posts. Everything it decides depends only on the
 * fingerprints applied and their order — no clock, no randomness — so every collector that
 * applies the log holds the same windows and reaches the same verdict for each mention.
 */
export class QualityWindow {
  private readonly recentPosts = new Map<string, { at: number; id: string }[]>();
  /** Recent posts by the brands' own accounts: a reply or comment under one is addressed to that brand. */
  private readonly ownPosts = new Map<string, string[]>();

  constructor(private readonly duplicates = new DuplicateDetector({ windowMs: FINGERPRINT_WINDOW_MS })) {}

  apply(fingerprint: MentionFingerprint): QualityVerdict {
    const { mentionId, source, authorId, at } = fingerprint;
    const authorKey = `${source}:${authorId}`;
    // The demo replays one corpus in a loop: treating replays as copies would hide the whole feed.
    const replay = source === 'demo';
    const duplicate = replay
      ? { duplicateOf: null, authors: 1 }
      : this.duplicates.check(mentionId, fingerprint.minhash === null ? null : decodeSignature(fingerprint.minhash), authorKey, at);
    if (fingerprint.ownerTopicIds.length > 0) {
      this.ownPosts.set(mentionId, fingerprint.ownerTopicIds);
      if (this.ownPosts.size > MAX_OWN_POSTS) this.ownPosts.delete(this.ownPosts.keys().next().value!);
    }
    return {
      duplicateOf: duplicate.duplicateOf,
      copyAuthors: duplicate.authors,
      authorRecentPosts: replay ? 1 : this.countPost(authorKey, mentionId, at),
      parentOwnerTopicIds: fingerprint.parentId ? (this.ownPosts.get(fingerprint.parentId) ?? []) : [],
    };
  }

  private countPost(authorKey: string, mentionId: string, at: number): number {
    // Bounded per author: a prolific account (or a benchmark posting as one) must not make
    // each new post scan its whole history.
    const posts = (this.recentPosts.get(authorKey) ?? []).filter((p) => at - p.at < BURST_WINDOW_MS);
    // A mention collected again (a re-poll, a client's retry) is not another post.
    if (!posts.some((p) => p.id === mentionId)) posts.push({ at, id: mentionId });
    if (posts.length > MAX_POSTS_PER_AUTHOR) posts.splice(0, posts.length - MAX_POSTS_PER_AUTHOR);
    this.recentPosts.delete(authorKey);
    this.recentPosts.set(authorKey, posts);
    if (this.recentPosts.size > MAX_TRACKED_AUTHORS) this.recentPosts.delete(this.recentPosts.keys().next().value!);
    return posts.length;
  }
}
