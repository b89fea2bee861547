import type { ModelRef, SentimentScores } from '@pulse/contracts';

/** The scoring model behind one small port, so tests and benchmarks can swap it. */
export interface SentimentModel {
  readonly ref: ModelRef;
  /** Probabilities per label for each text, in input order. */
  classify(texts: readonly string[]): Promise<SentimentScores[]>;
}
