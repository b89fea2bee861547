import type { MentionFingerprint, RawMention, TrackedTopic } from '@pulse/contracts';
import { addressedTopics, ownedBy } from './direct-address.detector.js';
import type { QualityVerdict } from './quality.window.js';
import { scoreSpam } from './spam.scorer.js';
import { encodeSignature, textSignature } from './text-fingerprint.js';

/**
 * Marks — never drops — what a support team should not have to read: near-duplicates,
 * spam (with reasons) — and marks what it must: mentions addressed to the brand. What
 * depends on other mentions (copies, bursts, the brand's own posts) comes from the
 * fingerprint log's verdict; the rest is read from the mention itself.
 */
export class QualityAssessor {
  /** What the fingerprint log needs to know about a mention; `token` names who waits for its verdict. */
  fingerprint(mention: RawMention, topics: readonly TrackedTopic[], token: string, at: number): MentionFingerprint {
    // Demo replays are never compared (see QualityWindow): no signature to compute.
    const signature = mention.source === 'demo' ? null : textSignature(mention.text);
    return {
      mentionId: mention.id,
      source: mention.source,
      authorId: mention.author.id,
      parentId: mention.parentId ?? null,
      at,
      minhash: signature === null ? null : encodeSignature(signature),
      ownerTopicIds: ownedBy(mention.source, mention.author.handle, topics),
      token,
    };
  }

  assess(mention: RawMention, verdict: QualityVerdict, topics: readonly TrackedTopic[]): RawMention {
    const spam = scoreSpam({
      text: mention.text,
      authorHandle: mention.author.handle,
      ...(mention.author.followers !== undefined ? { followers: mention.author.followers } : {}),
      copyAuthors: verdict.copyAuthors,
      authorRecentPosts: verdict.authorRecentPosts,
    });
    const owners = ownedBy(mention.source, mention.author.handle, topics);
    const underOwnPost = owners.length === 0 ? verdict.parentOwnerTopicIds : [];
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
      duplicateOf: mention.duplicateOf ?? verdict.duplicateOf,
      spam: spam.score >= mention.spam.score ? spam : mention.spam,
    };
  }
}
