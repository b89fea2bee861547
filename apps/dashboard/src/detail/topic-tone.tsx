import type { SentimentLabel } from '../api/api.types.js';
import { topicToneEvidence, topicToneLine, type ToneExplanationView } from './topic-tone-logic.js';

interface TopicToneProps {
  tone: { label: SentimentLabel; explain?: ToneExplanationView | null };
  topicName: string;
  /** The mention's text: evidence equal to it is not repeated. */
  text: string;
}

/** "— Negative toward Билайн: switched away from it to МТС (rule switch-from)", and the clause read, for a topic of a multi-topic mention. */
export function TopicTone({ tone, topicName, text }: TopicToneProps) {
  const evidence = topicToneEvidence(tone.explain, text);
  return (
    <span class="topic-tone" data-testid="topic-tone" data-rule={tone.explain?.rule ?? ''}>
      {' '}
      — <span class={`tone-text tone-${tone.label}`}>{topicToneLine(tone.label, topicName, tone.explain)}</span>
      {evidence && <span class="muted topic-tone-evidence"> {evidence}</span>}
    </span>
  );
}
