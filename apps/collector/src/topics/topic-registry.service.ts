import type { TrackedTopic } from '@pulse/contracts';
import { KeywordMatcher, type KeywordMatch } from '@pulse/text';

/**
 * The collector's view of the tracked topics, fed from the compacted topics stream. The
 * matcher is rebuilt on each change (rare) so matching a mention (frequent) does no setup.
 */
export class TopicRegistry {
  private readonly topics = new Map<string, TrackedTopic>();
  private matcher = new KeywordMatcher([]);

  apply(updates: readonly TrackedTopic[]): void {
    for (const topic of updates) {
      const current = this.topics.get(topic.id);
      // A compacted topic can replay an older record after a newer one was applied.
      if (current && current.updatedAt > topic.updatedAt) continue;
      this.topics.set(topic.id, topic);
    }
    this.matcher = new KeywordMatcher([...this.topics.values()].filter((t) => t.status === 'active'));
  }

  match(text: string): KeywordMatch[] {
    return this.matcher.match(text);
  }

  active(): TrackedTopic[] {
    return [...this.topics.values()].filter((t) => t.status === 'active');
  }
}
