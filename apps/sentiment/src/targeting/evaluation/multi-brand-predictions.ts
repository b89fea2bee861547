import type { SentimentModel } from '../../model/sentiment-model.port.js';
import { ScoringService, topLabel } from '../../scoring/scoring.service.js';
import { markTargetBrand } from '../target-brand.marker.js';
import { sampleMention, type MultiBrandSample } from './multi-brand-set.js';
import type { BrandPrediction, Predictions } from './tone-evaluation.js';

export interface ScoredPredictions {
  /** `sentiment.byTopic` as the app publishes it. */
  targeted: Predictions;
  /** Every brand given the post's overall tone: what scoring without targeting would say. */
  wholePost: Predictions;
  /** Wall time of the ScoringService call, for the cost of targeting. */
  seconds: number;
}

/** Runs the app's ScoringService over the set in one batch, as the sentiment stage would. */
export async function scoreSet(samples: readonly MultiBrandSample[], model: SentimentModel): Promise<ScoredPredictions> {
  const started = performance.now();
  const scored = await new ScoringService(model).score(samples.map(sampleMention));
  const seconds = (performance.now() - started) / 1000;
  const targeted = new Map<string, Map<string, BrandPrediction>>();
  const wholePost = new Map<string, Map<string, BrandPrediction>>();
  scored.forEach((mention, i) => {
    const id = (samples[i] as MultiBrandSample).id;
    targeted.set(id, new Map(mention.sentiment.byTopic.map((t) => [t.topicId, { label: t.label, ...(t.explain ? { rule: t.explain.rule } : {}) }])));
    wholePost.set(id, new Map(mention.topicIds.map((topicId) => [topicId, { label: mention.sentiment.label, rule: 'whole-post' }])));
  });
  return { targeted, wholePost, seconds };
}

/**
 * The targeting Pulse shipped before clause rules: the whole post read once per brand with that
 * brand's terms marked [BRAND] and the others [OTHER]. Kept as the "before" column of the report.
 */
export async function markedPostPredictions(samples: readonly MultiBrandSample[], model: SentimentModel): Promise<Predictions> {
  const inputs: { id: string; topicId: string; text: string }[] = [];
  for (const s of samples) {
    for (const b of s.brands) {
      const others = s.brands.filter((o) => o !== b).flatMap((o) => o.terms);
      inputs.push({ id: s.id, topicId: b.topicId, text: s.brands.length > 1 ? markTargetBrand(s.text, b.terms, others) : s.text });
    }
  }
  const scores = await model.classify(inputs.map((i) => i.text));
  const out = new Map<string, Map<string, BrandPrediction>>();
  inputs.forEach(({ id, topicId }, k) => {
    const map = out.get(id) ?? new Map<string, BrandPrediction>();
    out.set(id, map);
    map.set(topicId, { label: topLabel(scores[k]!).label, rule: 'marked-post' });
  });
  return out;
}
