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
import { locatableTerms } from '../targeting/target-brand.marker.js';
import { DEFAULT_TARGETING, planTopicTones, ruleExplanation, type TargetingPlan, type TargetingOptions, type TopicTone } from '../targeting/tone-targeting.planner.js';

export function topLabel(scores: SentimentScores): Pick<Sentiment, 'label' | 'score'> {
  let label: SentimentLabel = SENTIMENT_LABELS[0];
  for (const candidate of SENTIMENT_LABELS) if (scores[candidate] > scores[label]) label = candidate;
  return { label, score: scores[label] };
}

interface Planned {
  mention: RawMention;
  language: string;
  model: SentimentModel;
  overall: number;
  /** Per-topic targeting of a multi-topic mention and where its reads start in the model's inputs. */
  targeting: { plan: TargetingPlan; first: number } | undefined;
}

const WHOLE_POST = ruleExplanation('whole-post');
const NOT_LOCATED = ruleExplanation('not-located');

/**
 * Scores a batch of raw mentions with one model call per model in use (one, unless
 * SENTIMENT_MODELS routes some languages elsewhere). A mention that matches several topics is
 * planned by the targeting rules (clauses, comparisons, switching, questions, news…; see
 * targeting/targeting.rules.ts): the clauses they pick are read in the same model call, with
 * the brand marked [BRAND] when the model is trained for it, and each topic's tone carries the
 * rule that decided it. Single-topic mentions get the overall tone, at no extra cost.
 */
export class ScoringService {
  private readonly router: LanguageModelRouter;
  /** Targeting options for models trained on brand markers and for the others, built once. */
  private readonly targeting: Record<'marked' | 'unmarked', TargetingOptions>;

  constructor(
    models: SentimentModel | LanguageModelRouter,
    private readonly now: () => Date = () => new Date(),
    targetingOptions: Omit<TargetingOptions, 'mark'> = DEFAULT_TARGETING,
  ) {
    this.router = models instanceof LanguageModelRouter ? models : new LanguageModelRouter(models);
    this.targeting = { marked: { ...targetingOptions, mark: true }, unmarked: { ...targetingOptions, mark: false } };
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
      let targeting: Planned['targeting'];
      if (mention.topicIds.length > 1) {
        const terms = new Map(mention.matches.map((m) => [m.topicId, m.terms]));
        const options = model.targeted === true ? this.targeting.marked : this.targeting.unmarked;
        const plan = planTopicTones(mention.text, mention.topicIds.map((t) => locatableTerms(terms.get(t) ?? [])), options);
        const reads = plan.reads.map((text) => push(model, text));
        targeting = { plan, first: reads[0] ?? 0 };
      }
      return { mention, language, model, overall, targeting };
    });

    const results = new Map<SentimentModel, SentimentScores[]>();
    for (const [model, texts] of inputs) {
      const scores = await model.classify(texts);
      if (scores.length !== texts.length) throw new Error(`model returned ${scores.length} results for ${texts.length} texts`);
      results.set(model, scores);
    }

    const scoredAt = this.now().toISOString();
    return plans.map(({ mention, language, model, overall, targeting }) => {
      const scores = results.get(model) as SentimentScores[];
      const s = scores[overall] as SentimentScores;
      const top = topLabel(s);
      let tones: (TopicTone | undefined)[] = [];
      if (targeting) tones = targeting.plan.resolve(scores.slice(targeting.first, targeting.first + targeting.plan.reads.length));
      const byTopic: TopicSentiment[] = mention.topicIds.map((topicId, i) => {
        const tone = tones[i];
        if (tone) return { topicId, label: tone.label, score: tone.score, explain: tone.explain };
        return { topicId, label: top.label, score: top.score, explain: targeting && !targeting.plan.located[i] ? NOT_LOCATED : WHOLE_POST };
      });
      const intent = assessIntent(mention, language, top.label);
      const sentiment: Sentiment = { label: top.label, score: top.score, scores: s, byTopic };
      // Object.assign, not an object spread: V8 (Node 20) takes a slow path for {...mention, more}
      // — a few µs per mention, ~5% of scoring's CPU in a profile of the sentiment bench.
      return Object.assign({}, mention, { language, sentiment, intent, model: model.ref, scoredAt });
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
