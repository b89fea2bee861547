import type { ModelRef, SentimentScores } from '@pulse/contracts';

/** The scoring model behind one small port, so tests and benchmarks can swap it. */
export interface SentimentModel {
  readonly ref: ModelRef;
  /**
   * True when the model was trained to read a brand marked as [BRAND] (and other brands as
   * [OTHER]) and score the tone toward it; other models only give a mention's overall tone.
   */
  readonly targeted?: boolean;
  /** Probabilities per label for each text, in input order. */
  classify(texts: readonly string[]): Promise<SentimentScores[]>;
}
