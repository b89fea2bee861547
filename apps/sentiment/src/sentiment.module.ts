import { Module, type DynamicModule } from '@nestjs/common';
import { SentimentCoreModule } from './core/sentiment-core.module.js';
import type { SentimentDeps } from './core/sentiment.tokens.js';
import { ModelModule } from './model/model.module.js';
import { RawStreamModule } from './raw-stream/raw-stream.module.js';
import { ScoringModule } from './scoring/scoring.module.js';

/**
 * The sentiment app as Nest composes it, in one phase: the models load (an async provider),
 * scoring is built on them, and the raw-topic consumer subscribes in `onApplicationBootstrap`
 * (the host starts the bus first). On shutdown the host's bus drains: the batch in flight is
 * scored, published and committed.
 */
@Module({})
export class SentimentModule {
  static forRoot(deps: SentimentDeps): DynamicModule {
    return { module: SentimentModule, imports: [SentimentCoreModule.forRoot(deps), ModelModule, ScoringModule, RawStreamModule] };
  }
}
