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

export interface BenchFigures {
  rounds: number;
  figures: Record<string, { best: number; median: number }>;
}

/**
 * Throughput of per-topic targeting on multi-brand posts: the ScoringService as it is, against the
 * work of the marked-whole-post targeting (the same service on single-topic copies, plus one
 * marked whole post per topic). Rounds alternate which side goes first.
 */
export async function benchTargeting(samples: readonly MultiBrandSample[], model: SentimentModel, rounds = 6, size = 2000, batch = 256): Promise<BenchFigures> {
  const mentions = Array.from({ length: size }, (_, i) => ({ ...sampleMention(samples[i % samples.length] as MultiBrandSample), id: `bench:${i}` }));
  const service = new ScoringService(model);
  const rules = async (): Promise<void> => {
    for (let i = 0; i < mentions.length; i += batch) await service.score(mentions.slice(i, i + batch));
  };
  const markedPost = async (): Promise<void> => {
    for (let i = 0; i < mentions.length; i += batch) {
      const part = mentions.slice(i, i + batch);
      const marked = part.flatMap((m) => m.matches.map((x) => markTargetBrand(m.text, x.terms, m.matches.filter((o) => o !== x).flatMap((o) => o.terms))));
      await service.score(part.map((m) => ({ ...m, topicIds: m.topicIds.slice(0, 1), matches: m.matches.slice(0, 1) })));
      await model.classify(marked);
    }
  };
  const sides: [string, () => Promise<void>][] = [
    ['rules + clause reads', rules],
    ['marked whole post per topic', markedPost],
  ];
  const rates = new Map<string, number[]>(sides.map(([name]) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, run] of r % 2 === 0 ? sides : [...sides].reverse()) {
      const started = performance.now();
      await run();
      rates.get(name)!.push(mentions.length / ((performance.now() - started) / 1000));
    }
  }
  const figures = Object.fromEntries(
    [...rates].map(([name, list]) => {
      const sorted = [...list].sort((a, b) => a - b);
      return [name, { best: sorted.at(-1) as number, median: sorted[Math.floor(sorted.length / 2)] as number }];
    }),
  );
  return { rounds, figures };
}
