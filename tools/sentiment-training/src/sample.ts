/** Label ids are fixed by the model's config.json id2label; the app relies on this order. */
export const LABELS = ['negative', 'neutral', 'positive'] as const;
export type LabelName = (typeof LABELS)[number];
export type LabelId = 0 | 1 | 2;
export const NEGATIVE: LabelId = 0;
export const NEUTRAL: LabelId = 1;
export const POSITIVE: LabelId = 2;

export type Lang = 'ru' | 'en';

export interface Sample {
  text: string;
  label: LabelId;
  lang: Lang;
  /** Dataset (and sub-domain) the sample came from; dev metrics are reported per source. */
  source: string;
  /**
   * Per-target labels when the dataset labels (text, target) pairs; the SentiRuEval protocol scores
   * every pair, so a tweet about two banks counts twice.
   */
  pairLabels?: LabelId[];
}

export interface LoadResult {
  samples: Sample[];
  /** Rows we could not use, with the reason; printed so silent data loss is visible. */
  skipped: number;
  messages: string[];
}

export function labelFromName(name: string): LabelId | undefined {
  const idx = (LABELS as readonly string[]).indexOf(name.trim().toLowerCase());
  return idx < 0 ? undefined : (idx as LabelId);
}

/** Keeps the first few messages only: a broken file would otherwise flood stderr. */
export class SkipLog {
  skipped = 0;
  readonly messages: string[] = [];
  constructor(private readonly limit = 5) {}
  skip(message: string): void {
    this.skipped++;
    if (this.messages.length < this.limit) this.messages.push(message);
  }
}
