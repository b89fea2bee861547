import {
  SENTIMENT_LABELS,
  type IntentAssessment,
  type RawMention,
  type ScoredMention,
  type Sentiment,
  type SentimentLabel,
  type SentimentScores,
  type TopicSentiment,
} from '@pulse/contracts';
import { classifyIntent } from '@pulse/intent';
import { detectLanguage } from '@pulse/text';
import { LanguageModelRouter } from '../model/language-model.router.js';
import type { SentimentModel } from '../model/sentiment-model.port.js';
import { markTargetBrand } from '../targeting/target-brand.marker.js';

export function topLabel(scores: SentimentScores): Pick<Sentiment, 'label' | 'score'> {
  let label: SentimentLabel = SENTIMENT_LABELS[0];
  for (const candidate of SENTIMENT_LABELS) if (scores[candidate] > scores[label]) label = candidate;
  return { label, score: scores[label] };
}

/** Where a topic's tone comes from: its own marked input, or the mention's overall tone. */
type TopicSource = { topicId: string; input: number | undefined };

interface Planned {
  mention: RawMention;
  language: string;
  model: SentimentModel;
  overall: number;
  topics: TopicSource[];
}

/**
 * Scores a batch of raw mentions with one model call per model in use (one, unless
 * SENTIMENT_MODELS routes some languages elsewhere). A mention that matches several topics is
 * also scored once per topic with that topic's terms marked [BRAND] and the other topics'
 * terms [OTHER], when the model is trained for it; otherwise, and for single-topic mentions,
 * each topic gets the overall tone.
 */
export class ScoringService {
  private readonly router: LanguageModelRouter;

  constructor(
    models: SentimentModel | LanguageModelRouter,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.router = models instanceof LanguageModelRouter ? models : new LanguageModelRouter(models);
  }

  async score(mentions: readonly RawMention[]): Promise<ScoredMention[]> {
    if (mentions.length === 0) return [];
    const inputs = new Map<SentimentModel, string[]>();
    const push = (model: SentimentModel, text: string): number => {
      const list = inputs.get(model) ?? [];
      inputs.set(model, list);
      return list.push(text) - 1;
    };
    const plans: Planned[] = mentions.map((mention) => {
      const language = mention.language === 'und' ? detectLanguage(mention.text) : mention.language;
      const model = this.router.forLanguage(language);
      const overall = push(model, mention.text);
      const terms = new Map(mention.matches.map((m) => [m.topicId, m.terms]));
      const perTopic = model.targeted === true && mention.topicIds.length > 1;
      const topics = mention.topicIds.map((topicId) => {
        const own = terms.get(topicId);
        if (!perTopic || !own) return { topicId, input: undefined };
        const others = mention.matches.filter((m) => m.topicId !== topicId).flatMap((m) => m.terms);
        return { topicId, input: push(model, markTargetBrand(mention.text, own, others)) };
      });
      return { mention, language, model, overall, topics };
    });

    const results = new Map<SentimentModel, SentimentScores[]>();
    for (const [model, texts] of inputs) {
      const scores = await model.classify(texts);
      if (scores.length !== texts.length) throw new Error(`model returned ${scores.length} results for ${texts.length} texts`);
      results.set(model, scores);
    }

    const scoredAt = this.now().toISOString();
    return plans.map(({ mention, language, model, overall, topics }) => {
      const scores = results.get(model) as SentimentScores[];
      const s = scores[overall] as SentimentScores;
      const top = topLabel(s);
      const byTopic: TopicSentiment[] = topics.map(({ topicId, input }) => ({
        topicId,
        ...(input === undefined ? top : topLabel(scores[input] as SentimentScores)),
      }));
      const intent = assessIntent(mention, language, top.label);
      return { ...mention, language, sentiment: { ...top, scores: s, byTopic }, intent, model: model.ref, scoredAt };
    });
  }
}

/**
 * Intent runs here, beside tone, because tone is one of its cues and every consumer of the
 * scored topic (gateway rules, a data team's jobs) should see one classification, not redo it.
 */
export function assessIntent(mention: RawMention, language: string, tone: SentimentLabel): IntentAssessment {
  const result = classifyIntent({
    text: mention.text,
    language,
    direct: mention.direct === true,
    sentimentLabel: tone,
    ...(mention.spam ? { spamScore: mention.spam.score } : {}),
  });
  return {
    label: result.intent,
    replyNeeded: result.replyNeeded,
    confidence: result.confidence,
    reasons: result.reasons.slice(0, 50).map((r) => r.slice(0, 500)),
  };
}
