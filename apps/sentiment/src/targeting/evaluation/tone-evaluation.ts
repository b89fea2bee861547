import { SENTIMENT_LABELS, type SentimentLabel } from '@pulse/contracts';
import type { MultiBrandSample } from './multi-brand-set.js';

/** One brand's predicted tone in one post, with the rule that decided it (when the scorer has rules). */
export interface BrandPrediction {
  label: SentimentLabel;
  rule?: string;
}

/** Predictions per sample id, then per topic id. */
export type Predictions = ReadonlyMap<string, ReadonlyMap<string, BrandPrediction>>;

export interface BrandError {
  id: string;
  topicId: string;
  construction: string;
  expected: SentimentLabel;
  predicted: SentimentLabel;
  rule: string | undefined;
  text: string;
}

export interface GroupFigures {
  pairs: number;
  accuracy: number;
}

export interface ToneEvaluation extends GroupFigures {
  /** Macro-F1 over the three labels. */
  macroF1: number;
  /** SentiRuEval's protocol: macro-F1 over positive and negative only (neutral still counts as an error). */
  macroF1PosNeg: number;
  perLabel: Record<SentimentLabel, { precision: number; recall: number; f1: number; support: number }>;
  byConstruction: Record<string, GroupFigures>;
  byLanguage: Record<string, GroupFigures>;
  errors: BrandError[];
}

const f1 = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** Per-brand accuracy and F1 of `predictions` against the labels; a missing prediction counts as an error (neutral). */
export function evaluateTone(samples: readonly MultiBrandSample[], predictions: Predictions): ToneEvaluation {
  const tp = { negative: 0, neutral: 0, positive: 0 };
  const predicted = { negative: 0, neutral: 0, positive: 0 };
  const support = { negative: 0, neutral: 0, positive: 0 };
  const groups = { construction: new Map<string, [number, number]>(), language: new Map<string, [number, number]>() };
  const bump = (map: Map<string, [number, number]>, key: string, ok: boolean): void => {
    const [right, all] = map.get(key) ?? [0, 0];
    map.set(key, [right + (ok ? 1 : 0), all + 1]);
  };
  const errors: BrandError[] = [];
  let right = 0;
  let pairs = 0;
  for (const sample of samples) {
    for (const brand of sample.brands) {
      const got = predictions.get(sample.id)?.get(brand.topicId);
      const label = got?.label ?? 'neutral';
      const ok = label === brand.label;
      pairs++;
      support[brand.label]++;
      predicted[label]++;
      if (ok) {
        right++;
        tp[label]++;
      } else {
        errors.push({ id: sample.id, topicId: brand.topicId, construction: sample.construction, expected: brand.label, predicted: label, rule: got?.rule, text: sample.text });
      }
      bump(groups.construction, sample.construction, ok);
      bump(groups.language, sample.language, ok);
    }
  }
  const perLabel = Object.fromEntries(
    SENTIMENT_LABELS.map((l) => {
      const precision = predicted[l] === 0 ? 0 : tp[l] / predicted[l];
      const recall = support[l] === 0 ? 0 : tp[l] / support[l];
      return [l, { precision, recall, f1: f1(precision, recall), support: support[l] }];
    }),
  ) as ToneEvaluation['perLabel'];
  const figures = (map: Map<string, [number, number]>): Record<string, GroupFigures> =>
    Object.fromEntries([...map].map(([k, [ok, all]]) => [k, { pairs: all, accuracy: ok / all }]));
  return {
    pairs,
    accuracy: pairs === 0 ? 0 : right / pairs,
    macroF1: SENTIMENT_LABELS.reduce((s, l) => s + perLabel[l].f1, 0) / SENTIMENT_LABELS.length,
    macroF1PosNeg: (perLabel.positive.f1 + perLabel.negative.f1) / 2,
    perLabel,
    byConstruction: figures(groups.construction),
    byLanguage: figures(groups.language),
    errors,
  };
}
