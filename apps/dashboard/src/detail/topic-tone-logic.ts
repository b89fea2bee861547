import type { SentimentLabel } from '../api/api.types.js';
import { TONE_NAMES } from '../ui/format.js';

/** Why a topic got its tone, as the gateway serves it (`sentiment.byTopic[].explain`). */
export interface ToneExplanationView {
  rule: string;
  reason: string;
  evidence: string | null;
}

/**
 * The line the detail panel shows per topic of a multi-topic mention: "Negative toward Билайн:
 * switched away from it to МТС (rule switch-from)". Mentions scored before per-topic rules have no
 * explanation: the tone alone.
 */
export function topicToneLine(label: SentimentLabel, topicName: string, explain: ToneExplanationView | null | undefined): string {
  const tone = `${TONE_NAMES[label]} toward ${topicName}`;
  return explain ? `${tone}: ${explain.reason} (rule ${explain.rule})` : tone;
}

/** The part of the post read for the topic, quoted, when a rule read less than the whole post. */
export function topicToneEvidence(explain: ToneExplanationView | null | undefined, text: string): string | null {
  const evidence = explain?.evidence?.trim();
  return evidence && evidence !== text.trim() ? `“${evidence}”` : null;
}
