import { readFileSync } from 'node:fs';
import { INTENTS, type Intent, type ToneLabel } from '../classification/intent.types.js';
import { EVAL_SPLITS, type EvalSplit, type LabeledSample } from './evaluation.js';

/** The same relative path from `src/evaluation` and `dist/evaluation`. */
export const INTENT_EVAL_SET_URL = new URL('../../fixtures/intent-eval.jsonl', import.meta.url);

/**
 * The bundled sentiment model's tone for every labeled post, the tone the pipeline would give
 * intent as an input. Regenerate after a model change (README: Evaluation).
 */
export const MODEL_TONES_URL = new URL('../../fixtures/intent-eval.model-tones.jsonl', import.meta.url);

/** Reads `{"id","sentimentLabel","model"}` lines into id → tone, naming the line of a bad one. */
export function loadModelTones(location: string | URL = MODEL_TONES_URL): Map<string, ToneLabel> {
  const tones = new Map<string, ToneLabel>();
  readFileSync(location, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      const record = JSON.parse(line) as { id?: unknown; sentimentLabel?: unknown };
      const tone = record.sentimentLabel;
      if (typeof record.id !== 'string' || (tone !== 'negative' && tone !== 'neutral' && tone !== 'positive')) {
        throw new Error(`model tones line ${index + 1}: expected {"id": string, "sentimentLabel": negative|neutral|positive}`);
      }
      tones.set(record.id, tone);
    });
  return tones;
}

/**
 * Reads the labeled set (one JSON object per line, blank lines ignored) and checks every
 * field, naming the line, so a hand edit that breaks the file fails loudly rather than
 * silently shrinking the set.
 */
export function loadIntentEvalSet(location: string | URL = INTENT_EVAL_SET_URL): LabeledSample[] {
  const samples: LabeledSample[] = [];
  const ids = new Set<string>();
  readFileSync(location, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      const sample = parseSample(line, index + 1);
      if (ids.has(sample.id)) throw new Error(`intent eval set line ${index + 1}: duplicate id "${sample.id}"`);
      ids.add(sample.id);
      samples.push(sample);
    });
  return samples;
}

export function parseSample(line: string, lineNumber: number): LabeledSample {
  const fail = (problem: string): never => {
    throw new Error(`intent eval set line ${lineNumber}: ${problem}`);
  };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return fail('not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('expected a JSON object');
  const record = value as Record<string, unknown>;
  const text = (key: string): string => {
    const field = record[key];
    return typeof field === 'string' && field.trim() !== '' ? field : fail(`"${key}" must be a non-empty string`);
  };
  const flag = (key: string): boolean => {
    const field = record[key];
    return typeof field === 'boolean' ? field : fail(`"${key}" must be true or false`);
  };
  const intent = text('intent');
  if (!(INTENTS as readonly string[]).includes(intent)) fail(`"intent" must be one of ${INTENTS.join(', ')}`);
  const split = text('split');
  if (!(EVAL_SPLITS as readonly string[]).includes(split)) fail(`"split" must be one of ${EVAL_SPLITS.join(', ')}`);
  const sample: LabeledSample = {
    id: text('id'),
    split: split as EvalSplit,
    language: text('language'),
    direct: flag('direct'),
    intent: intent as Intent,
    replyNeeded: flag('replyNeeded'),
    text: text('text'),
  };
  const tone = record['sentimentLabel'];
  if (tone !== undefined) {
    if (tone !== 'negative' && tone !== 'neutral' && tone !== 'positive') fail('"sentimentLabel" must be negative, neutral or positive');
    else sample.sentimentLabel = tone;
  }
  return sample;
}
