import { classifyIntent } from '../classification/intent.classifier.js';
import { INTENTS, type Intent, type IntentInput, type IntentResult, type ToneLabel } from '../classification/intent.types.js';
import { toneAllowsIntent } from '../classification/tone-rule.js';

/**
 * `dev` is for tuning cues and weights; `test` is only measured. `holdout-2026-11` was written
 * after the first cues were frozen and measured them once (macro-F1 0.414); it has since become
 * tuning data like dev. `holdout-2026-11-21` was written and committed before the second round of
 * cue changes and is only measured: its errors must not drive cue changes (see README).
 */
export const EVAL_SPLITS = ['dev', 'test', 'holdout-2026-11', 'holdout-2026-11-21'] as const;
export type EvalSplit = (typeof EVAL_SPLITS)[number];

/** Splits whose errors may drive cue and weight changes; `npm run eval` prints errors only for these. */
export const TUNING_SPLITS: readonly EvalSplit[] = ['dev', 'holdout-2026-11'];

/** One line of `fixtures/intent-eval.jsonl`. */
export interface LabeledSample {
  id: string;
  split: EvalSplit;
  language: string;
  direct: boolean;
  intent: Intent;
  replyNeeded: boolean;
  text: string;
  sentimentLabel?: ToneLabel;
}

export interface Prediction {
  expected: Intent;
  predicted: Intent;
  expectedReply: boolean;
  predictedReply: boolean;
}

export interface ClassMetrics {
  /** 0 when the class was never predicted (nothing to be precise about). */
  precision: number;
  recall: number;
  f1: number;
  /** Samples labeled with the class. */
  support: number;
}

export interface IntentMetrics {
  samples: number;
  accuracy: number;
  /** Unweighted mean of the five per-class F1 scores: a rare class counts as much as a common one. */
  macroF1: number;
  replyAccuracy: number;
  perClass: Record<Intent, ClassMetrics>;
  /** confusion[expected][predicted] = count. */
  confusion: Record<Intent, Record<Intent, number>>;
}

export interface Misclassification {
  id: string;
  text: string;
  expected: Intent;
  predicted: Intent;
  expectedReply: boolean;
  predictedReply: boolean;
  reasons: string[];
}

/** How the tone rule (tone-rule.ts) acted on the samples that carried a tone. */
export interface ToneRuleFigures {
  /** Samples classified with a tone as input. */
  toned: number;
  /** Of those, how many the cues alone would have given an intent the tone contradicts. */
  overridden: number;
  /** Overridden samples whose final intent matches the label. */
  overriddenCorrect: number;
  /** Final intents that contradict the tone: 0 by construction, counted so a regression shows. */
  contradictions: number;
}

export interface IntentEvaluation extends IntentMetrics {
  /** Samples whose intent or replyNeeded disagrees with the label, with the classifier's reasons. */
  errors: Misclassification[];
  toneRule: ToneRuleFigures;
}

export type IntentClassify = (input: IntentInput) => Pick<IntentResult, 'intent' | 'replyNeeded' | 'reasons'> & Partial<Pick<IntentResult, 'toneOverride'>>;

/** Classifies each sample (text, direct mark, optional tone) and scores it against its labels. */
export function evaluateIntent(samples: readonly LabeledSample[], classify: IntentClassify = classifyIntent): IntentEvaluation {
  const predictions: Prediction[] = [];
  const errors: Misclassification[] = [];
  const toneRule: ToneRuleFigures = { toned: 0, overridden: 0, overriddenCorrect: 0, contradictions: 0 };
  for (const sample of samples) {
    const input: IntentInput = { text: sample.text, language: sample.language, direct: sample.direct };
    if (sample.sentimentLabel !== undefined) input.sentimentLabel = sample.sentimentLabel;
    const result = classify(input);
    if (sample.sentimentLabel !== undefined) {
      toneRule.toned += 1;
      if (!toneAllowsIntent(sample.sentimentLabel, result.intent)) toneRule.contradictions += 1;
      if (result.toneOverride) {
        toneRule.overridden += 1;
        if (result.intent === sample.intent) toneRule.overriddenCorrect += 1;
      }
    }
    predictions.push({ expected: sample.intent, predicted: result.intent, expectedReply: sample.replyNeeded, predictedReply: result.replyNeeded });
    if (result.intent !== sample.intent || result.replyNeeded !== sample.replyNeeded) {
      errors.push({
        id: sample.id,
        text: sample.text,
        expected: sample.intent,
        predicted: result.intent,
        expectedReply: sample.replyNeeded,
        predictedReply: result.replyNeeded,
        reasons: result.reasons,
      });
    }
  }
  return { ...scorePredictions(predictions), errors, toneRule };
}

/** The samples with each one's tone from `tones` (by id), as the pipeline classifies them. */
export function withTones(samples: readonly LabeledSample[], tones: ReadonlyMap<string, ToneLabel>): LabeledSample[] {
  return samples.map((sample) => {
    const tone = tones.get(sample.id);
    return tone === undefined ? sample : { ...sample, sentimentLabel: tone };
  });
}

export function scorePredictions(predictions: readonly Prediction[]): IntentMetrics {
  const confusion = emptyConfusion();
  let correct = 0;
  let replyCorrect = 0;
  for (const p of predictions) {
    confusion[p.expected][p.predicted] += 1;
    if (p.expected === p.predicted) correct += 1;
    if (p.expectedReply === p.predictedReply) replyCorrect += 1;
  }
  const exact = INTENTS.map((intent) => [intent, classMetrics(intent, confusion)] as const);
  const perClass = Object.fromEntries(
    exact.map(([intent, m]) => [intent, { precision: round(m.precision), recall: round(m.recall), f1: round(m.f1), support: m.support }]),
  ) as Record<Intent, ClassMetrics>;
  const n = predictions.length;
  return {
    samples: n,
    accuracy: ratio(correct, n),
    macroF1: round(exact.reduce((sum, [, m]) => sum + m.f1, 0) / INTENTS.length),
    replyAccuracy: ratio(replyCorrect, n),
    perClass,
    confusion,
  };
}

function classMetrics(intent: Intent, confusion: Record<Intent, Record<Intent, number>>): ClassMetrics {
  const truePositives = confusion[intent][intent];
  const predicted = INTENTS.reduce((sum, expected) => sum + confusion[expected][intent], 0);
  const support = INTENTS.reduce((sum, got) => sum + confusion[intent][got], 0);
  const precision = predicted === 0 ? 0 : truePositives / predicted;
  const recall = support === 0 ? 0 : truePositives / support;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support };
}

function emptyConfusion(): Record<Intent, Record<Intent, number>> {
  const row = (): Record<Intent, number> => ({ complaint: 0, question: 0, request: 0, praise: 0, other: 0 });
  return { complaint: row(), question: row(), request: row(), praise: row(), other: row() };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : round(part / whole);
}

/** Four decimals: enough to compare runs, few enough to read and to assert in tests. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
