import { rawMentionSchema, type RawMention } from '@pulse/contracts';
import { detectLanguage } from '@pulse/text';
import type { TopicRegistry } from '../topics/topic-registry.service.js';

export type NormalizeResult = { ok: true; mention: RawMention } | { ok: false; error: string };

/**
 * Turns whatever a source produced into a complete raw mention: validated against the
 * contract, id derived, language detected, tracked topics matched. Every source (HTTP
 * ingest, demo, connectors) goes through here so they cannot drift apart. Quality marks
 * (duplicate, spam, direct) come next, from the fingerprint log (QualityService).
 */
export class MentionNormalizer {
  constructor(private readonly topics: TopicRegistry) {}

  normalize(input: unknown): NormalizeResult {
    const parsed = rawMentionSchema.safeParse(input);
    if (!parsed.success) {
      return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
    }
    const mention = parsed.data;
    const language = mention.language === 'und' ? detectLanguage(mention.text) : mention.language;
    const found = this.topics.match({ text: mention.text, author: mention.author.handle, source: mention.source, language });
    const matches = mergeMatches(mention.matches, found);
    return { ok: true, mention: { ...mention, language, matches, topicIds: [...new Set([...mention.topicIds, ...matches.map((m) => m.topicId)])] } };
  }
}

function mergeMatches(given: RawMention['matches'], found: RawMention['matches']): RawMention['matches'] {
  const byTopic = new Map(given.map((m) => [m.topicId, [...m.terms]]));
  for (const m of found) byTopic.set(m.topicId, [...new Set([...(byTopic.get(m.topicId) ?? []), ...m.terms])]);
  return [...byTopic].map(([topicId, terms]) => ({ topicId, terms }));
}
