export const INTENTS = ['complaint', 'question', 'request', 'praise', 'other'] as const;
export type Intent = (typeof INTENTS)[number];

/** The intents a support team answers; praise and other are read, not answered. */
export const ANSWERABLE_INTENTS: readonly Intent[] = ['complaint', 'question', 'request'];

/** The sentiment stage's labels (`@pulse/contracts`), repeated so this package stays free of zod. */
export type ToneLabel = 'negative' | 'neutral' | 'positive';

export interface IntentInput {
  text: string;
  /** ISO 639-1 code or `und`. Informational: cues are script-specific, so every set runs. */
  language?: string;
  /** Addressed to one of the brand's own accounts (the collector's `direct` mark). */
  direct?: boolean;
  /** Overall tone from the sentiment stage, a soft cue when present. */
  sentimentLabel?: ToneLabel;
}

export interface IntentResult {
  intent: Intent;
  /**
   * The intent the cues picked but the tone ruled out (see TONE_RULES), or null: lets an
   * evaluation count how often the rule decided.
   */
  toneOverride: Intent | null;
  replyNeeded: boolean;
  /** 0..1, from the margin between the winning intent's score and the runner-up's. */
  confidence: number;
  /** Every cue that fired, with its intent and weight, then the replyNeeded reasoning. */
  reasons: string[];
  /** Summed cue weights per intent, for audits and tuning. */
  scores: Record<Intent, number>;
}
