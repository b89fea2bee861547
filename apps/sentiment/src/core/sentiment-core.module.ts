import { Global, Module, type DynamicModule } from '@nestjs/common';
import { BUS, CONFIG, GIVEN_MODEL, LOGGER, METRICS, READINESS, type SentimentDeps } from './sentiment.tokens.js';

/** The host's objects as providers, visible to every sentiment module. */
@Global()
@Module({})
export class SentimentCoreModule {
  static forRoot(deps: SentimentDeps): DynamicModule {
    const providers = [
      { provide: BUS, useValue: deps.bus },
      { provide: CONFIG, useValue: deps.config },
      { provide: LOGGER, useValue: deps.logger.child({ feature: 'sentiment' }) },
      { provide: METRICS, useValue: deps.metrics },
      { provide: READINESS, useValue: deps.readiness },
      { provide: GIVEN_MODEL, useValue: deps.model ?? null },
    ];
    return { module: SentimentCoreModule, providers, exports: providers.map((p) => p.provide) };
  }
}
