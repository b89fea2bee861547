import { SENTIMENT_LABELS, type RawMention, type ScoredMention, type Sentiment, type SentimentLabel, type SentimentScores } from '@pulse/contracts';
import { detectLanguage } from '@pulse/text';
import type { SentimentModel } from '../model/sentiment-model.port.js';

export function topLabel(scores: SentimentScores): Pick<Sentiment, 'label' | 'score'> {
  let label: SentimentLabel = SENTIMENT_LABELS[0];
  for (const candidate of SENTIMENT_LABELS) if (scores[candidate] > scores[label]) label = candidate;
  return { label, score: scores[label] };
}

/**
 * Scores a batch of raw mentions in one model call. Until the per-brand model lands,
 * each matched topic inherits the mention's overall tone, so `byTopic` is always filled
 * and consumers can rely on its shape.
 */
export class ScoringService {
  constructor(
    private readonly model: SentimentModel,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async score(mentions: readonly RawMention[]): Promise<ScoredMention[]> {
    if (mentions.length === 0) return [];
    const scores = await this.model.classify(mentions.map((m) => m.text));
    if (scores.length !== mentions.length) {
      throw new Error(`model returned ${scores.length} results for ${mentions.length} texts`);
    }
    const scoredAt = this.now().toISOString();
    return mentions.map((mention, i) => {
      const s = scores[i]!;
      const top = topLabel(s);
      return {
        ...mention,
        language: mention.language === 'und' ? detectLanguage(mention.text) : mention.language,
        sentiment: { ...top, scores: s, byTopic: mention.topicIds.map((topicId) => ({ topicId, ...top })) },
        model: this.model.ref,
        scoredAt,
      };
    });
  }
}
