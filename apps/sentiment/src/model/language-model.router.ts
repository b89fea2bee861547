import type { SentimentModel } from './sentiment-model.port.js';

/**
 * Chooses the model for a mention's language: SENTIMENT_MODELS may name one per language
 * (e.g. a Ukrainian model), everything else goes to the default model.
 */
export class LanguageModelRouter {
  constructor(
    readonly fallback: SentimentModel,
    private readonly byLanguage: ReadonlyMap<string, SentimentModel> = new Map(),
  ) {}

  forLanguage(language: string): SentimentModel {
    return this.byLanguage.get(language) ?? this.fallback;
  }

  /** Every distinct model, the default first. */
  get models(): SentimentModel[] {
    return [...new Set([this.fallback, ...this.byLanguage.values()])];
  }
}
