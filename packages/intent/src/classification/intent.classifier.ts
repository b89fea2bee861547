import { INTENT_CUES, REPLY_CUES, prepareText, type PreparedText } from './intent.cues.js';
import { ANSWERABLE_INTENTS, type Intent, type IntentInput, type IntentResult } from './intent.types.js';
import { applyToneRule } from './tone-rule.js';

/** Below this no intent is asserted: a brand mention with no cue is "other". */
export const INTENT_THRESHOLD = 1.0;
/** The sentiment model's label is a hint, never decisive on its own (below the threshold). */
export const TONE_WEIGHT = 0.8;
export const DIRECT_WEIGHT = 1.5;
/** The collector's spam score above which nothing is answered. */
export const SPAM_LIMIT = 0.5;

/**
 * Ties go to the intent that costs most to miss: an ignored request or complaint is worse
 * for a support team than a question read as a complaint, and praise or other is never urgent.
 */
const TIE_ORDER: readonly Intent[] = ['request', 'complaint', 'question', 'praise', 'other'];

export interface ClassifyOptions {
  /** The collector's spam score (0..1): spam gets no reply whatever it says. */
  spamScore?: number;
}

/**
 * Weighted cues, summed per intent; the highest sum wins if it reaches the threshold.
 * Deterministic and explainable: `reasons` lists every cue that fired and why a reply is or
 * is not needed.
 */
export function classifyIntent(input: IntentInput & ClassifyOptions): IntentResult {
  const text = prepareText(typeof input.text === 'string' ? input.text : '');
  const scores: Record<Intent, number> = { complaint: 0, question: 0, request: 0, praise: 0, other: 0 };
  const reasons: string[] = [];
  const add = (intent: Intent, weight: number, why: string): void => {
    scores[intent] = round(scores[intent] + weight);
    reasons.push(`${intent} +${weight}: ${why}`);
  };

  for (const cue of INTENT_CUES) {
    const fired = cue.match(text);
    if (fired !== null) add(cue.intent, cue.weight, fired);
  }
  if (input.sentimentLabel === 'negative') add('complaint', TONE_WEIGHT, 'negative tone');
  if (input.sentimentLabel === 'positive') add('praise', TONE_WEIGHT, 'positive tone');

  const ranked = [...TIE_ORDER].sort((a, b) => scores[b] - scores[a]);
  const [best = 'other', runnerUp = 'other'] = ranked;
  let intent: Intent = best;
  let margin = scores[best] - scores[runnerUp];
  if (scores[best] < INTENT_THRESHOLD) {
    intent = 'other';
    margin = INTENT_THRESHOLD - scores[best];
    reasons.push(`other: no intent reached ${INTENT_THRESHOLD}`);
  }
  let toneOverride: Intent | null = null;
  const ruled = input.sentimentLabel ? applyToneRule(intent, input.sentimentLabel, scores, TIE_ORDER, INTENT_THRESHOLD) : null;
  if (ruled) {
    toneOverride = intent;
    intent = ruled.intent;
    margin = ruled.margin;
    reasons.push(ruled.reason);
  }

  const replyNeeded = decideReply(intent, scores, text, input, reasons);
  return { intent, toneOverride, replyNeeded, confidence: round(1 - Math.exp(-margin)), reasons, scores };
}

/**
 * A complaint, question or request gets an answer unless something says it is not a
 * customer's own case: news, ad or spam vocabulary, or commentary about a whole industry.
 * Talking to the brand (a direct mention, "вы", "you") or about one's own case ("у меня",
 * "my") outweighs such doubts, a direct mention most of all.
 */
function decideReply(intent: Intent, scores: Record<Intent, number>, text: PreparedText, input: IntentInput & ClassifyOptions, reasons: string[]): boolean {
  if (!ANSWERABLE_INTENTS.includes(intent)) {
    reasons.push(`reply: no, ${intent} is read rather than answered`);
    return false;
  }
  if (input.spamScore !== undefined && input.spamScore >= SPAM_LIMIT) {
    reasons.push(`reply: no, spam score ${input.spamScore} ≥ ${SPAM_LIMIT}`);
    return false;
  }
  let score = 1;
  const parts: string[] = [`${intent} +1`];
  if (input.direct === true) {
    score += DIRECT_WEIGHT;
    parts.push(`direct mention +${DIRECT_WEIGHT}`);
  }
  for (const cue of REPLY_CUES) {
    if (!cue.test(text)) continue;
    score += cue.weight;
    parts.push(`${cue.id} ${cue.weight > 0 ? '+' : ''}${cue.weight}`);
  }
  if (scores.other > 0) {
    score -= scores.other;
    parts.push(`news/ad/spam cues -${scores.other}`);
  }
  const needed = score >= 1;
  reasons.push(`reply: ${needed ? 'yes' : 'no'} (${parts.join(', ')} = ${round(score)}; needs ≥ 1)`);
  return needed;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
