import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import type { SentimentDeps } from './core/sentiment.tokens.js';
import { LanguageModelRouter } from './model/language-model.router.js';
import type { SentimentModel } from './model/sentiment-model.port.js';
import { SentimentModule } from './sentiment.module.js';

export type { SentimentDeps } from './core/sentiment.tokens.js';
export { SENTIMENT_GROUP_ID } from './raw-stream/raw-mention.consumer.js';

/**
 * What a host needs from the sentiment app: its Nest module (composed into the host's app)
 * and, once the app is initialised, the model it runs. Start-up and drain are Nest
 * lifecycle hooks inside the modules; the host starts the bus before `app.init()` and closes the app.
 */
export class SentimentFeature {
  private app: INestApplicationContext | undefined;

  constructor(private readonly deps: SentimentDeps) {}

  nestModule(): DynamicModule {
    return SentimentModule.forRoot(this.deps);
  }

  /** Call after `app.init()` (or `listen`). */
  attach(app: INestApplicationContext): void {
    this.app = app;
  }

  /** The default model's reference, once the app is initialised. */
  get modelRef(): SentimentModel['ref'] | undefined {
    return this.app?.get(LanguageModelRouter, { strict: false }).fallback.ref;
  }
}
