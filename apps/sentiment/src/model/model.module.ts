import { Module } from '@nestjs/common';
import type { Logger, Readiness } from '@pulse/runtime';
import type { SentimentConfig } from '../config/sentiment.config.js';
import { CONFIG, GIVEN_MODEL, LOGGER, READINESS } from '../core/sentiment.tokens.js';
import { LanguageModelRouter } from './language-model.router.js';
import type { SentimentModel } from './sentiment-model.port.js';
import { TransformersSentimentModel } from './transformers-sentiment.model.js';

/**
 * The configured models, loaded before anything consumes (an async provider: Nest finishes
 * it before any module initialises), routed per language.
 */
async function loadModels(config: SentimentConfig, given: SentimentModel | null, logger: Logger, readiness: Readiness): Promise<LanguageModelRouter> {
  let loaded = false;
  readiness.register({ name: 'model', check: () => loaded });
  const load = (model: string): Promise<SentimentModel> =>
    TransformersSentimentModel.load({
      model,
      cacheDir: config.cacheDir,
      labelOverrides: config.labelOverrides,
      // Per-topic inputs can double a batch; keep those in the same model call.
      maxBatch: Math.max(config.batchSize * 2, 64),
      logger,
    });
  const fallback = given ?? (await load(config.model));
  const byRef = new Map<string, SentimentModel>([[config.model, fallback]]);
  const byLanguage = new Map<string, SentimentModel>();
  // Sequential on purpose: a model that cannot load should fail start-up with its own message.
  for (const [language, ref] of Object.entries(config.languageModels)) {
    const model = byRef.get(ref) ?? (await load(ref));
    byRef.set(ref, model);
    byLanguage.set(language, model);
  }
  loaded = true;
  return new LanguageModelRouter(fallback, byLanguage);
}

/** The SentimentModel port and its transformers.js implementation: which model reads which language. */
@Module({
  providers: [{ provide: LanguageModelRouter, inject: [CONFIG, GIVEN_MODEL, LOGGER, READINESS], useFactory: loadModels }],
  exports: [LanguageModelRouter],
})
export class ModelModule {}
