import type { ScoredMention, SentimentLabel, Source, TrackedTopic } from '@pulse/contracts';

/** Mentions and topics for the store suites: only what a test names differs from a plain default. */
export interface MentionSpec {
  id: string;
  text?: string;
  source?: Source;
  language?: string;
  publishedAt?: string;
  topicIds?: string[];
  label?: SentimentLabel;
  handle?: string;
  scoredAt?: string;
  modelVersion?: string;
  spam?: number;
  duplicateOf?: string;
  /** Tone toward particular topics, when it differs from the overall label. */
  toward?: Record<string, SentimentLabel>;
}

export function mention(spec: MentionSpec): ScoredMention {
  const label = spec.label ?? 'neutral';
  const topicIds = spec.topicIds ?? ['acme'];
  return {
    id: spec.id,
    source: spec.source ?? 'demo',
    sourceId: `src-${spec.id}`,
    url: `https://example.test/${encodeURIComponent(spec.id)}`,
    text: spec.text ?? `mention ${spec.id}`,
    language: spec.language ?? 'en',
    author: { id: `uid-${spec.handle ?? 'alice'}`, handle: spec.handle ?? 'alice', name: 'Alice', url: null },
    publishedAt: spec.publishedAt ?? '2026-03-01T12:00:00.000Z',
    collectedAt: '2026-03-01T12:05:00.000Z',
    topicIds,
    matches: topicIds.map((topicId) => ({ topicId, terms: ['acme'] })),
    engagement: { likes: 3, reposts: 1, comments: 0 },
    direct: false,
    duplicateOf: spec.duplicateOf ?? null,
    spam: { score: spec.spam ?? 0, reasons: spec.spam ? ['link-farm'] : [] },
    sentiment: {
      label,
      score: 0.8,
      scores: {
        negative: label === 'negative' ? 0.8 : 0.1,
        neutral: label === 'neutral' ? 0.8 : 0.1,
        positive: label === 'positive' ? 0.8 : 0.1,
      },
      byTopic: topicIds.map((topicId) => ({ topicId, label: spec.toward?.[topicId] ?? label, score: 0.8 })),
    },
    model: { id: 'rubert-tiny-sentiment', version: spec.modelVersion ?? 'v1' },
    scoredAt: spec.scoredAt ?? '2026-03-01T12:06:00.000Z',
  };
}

export function topic(id: string, name: string, over: Partial<TrackedTopic> = {}): TrackedTopic {
  return {
    id,
    name,
    keywords: [name.toLowerCase()],
    query: null,
    ownAccounts: [],
    status: 'active',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

export const ids = (items: ScoredMention[]): string[] => items.map((m) => m.id);
