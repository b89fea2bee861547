import type { Intent, ToneLabel } from './intent.types.js';

/**
 * The rule that keeps tone and intent from contradicting each other on one mention: intent is
 * decided after tone and takes it as an input, and a tone rules out the intent that would say
 * the opposite. A negative post is never praise, a positive one never a complaint; neutral
 * rules out nothing, and questions, requests and other go with any tone ("please add dark
 * mode, love the app" is a positive request).
 */
export const TONE_EXCLUDES: Readonly<Record<ToneLabel, readonly Intent[]>> = {
  negative: ['praise'],
  neutral: [],
  positive: ['complaint'],
};

/** True when showing this tone and this intent together would not contradict. */
export function toneAllowsIntent(tone: ToneLabel, intent: Intent): boolean {
  return !TONE_EXCLUDES[tone].includes(intent);
}

export interface ToneRuling {
  intent: Intent;
  margin: number;
  reason: string;
}

/**
 * Null when the tone allows the cues' intent. Otherwise the best intent the tone allows takes
 * its place if its cues reach the threshold, else `other`. Not the opposite feeling: on the
 * labelled set the model's tone, not the cues, was wrong in most such disagreements (thanks
 * for fixing a fraud charge read as negative), and turning praise into a complaint would put it
 * in the support queue; sarcasm that fools the cues usually fools the model too.
 */
export function applyToneRule(
  intent: Intent,
  tone: ToneLabel,
  scores: Readonly<Record<Intent, number>>,
  tieOrder: readonly Intent[],
  threshold: number,
): ToneRuling | null {
  if (toneAllowsIntent(tone, intent)) return null;
  const allowed = tieOrder.filter((i) => i !== 'other' && toneAllowsIntent(tone, i)).sort((a, b) => scores[b] - scores[a]);
  const [best = 'other', runnerUp = 'other'] = allowed;
  if (scores[best] >= threshold) {
    return { intent: best, margin: scores[best] - scores[runnerUp], reason: `tone: ${tone} rules out ${intent} (${scores[intent]}); next best ${best} (${scores[best]})` };
  }
  // Cues and tone disagree and nothing else is asserted: no intent, with low confidence.
  return { intent: 'other', margin: Math.max(0, threshold - scores[best]) / 2, reason: `tone: ${tone} rules out ${intent} (${scores[intent]}); no other intent reached ${threshold}, so other` };
}
