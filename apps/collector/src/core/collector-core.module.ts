import { Global, Module, type DynamicModule } from '@nestjs/common';
import { BUS, CLOCK, CONFIG, DEMO_DESK, LOGGER, METRICS, READINESS, type CollectorDeps } from './collector.tokens.js';

/** The host's objects as providers, visible to every collector module. */
@Global()
@Module({})
export class CollectorCoreModule {
  static forRoot(deps: CollectorDeps): DynamicModule {
    const providers = [
      { provide: BUS, useValue: deps.bus },
      { provide: CONFIG, useValue: deps.config },
      { provide: LOGGER, useValue: deps.logger.child({ feature: 'collector' }) },
      { provide: METRICS, useValue: deps.metrics },
      { provide: READINESS, useValue: deps.readiness },
      { provide: CLOCK, useValue: deps.clock ?? Date.now },
      { provide: DEMO_DESK, useValue: deps.demoDesk ?? null },
    ];
    return { module: CollectorCoreModule, providers, exports: providers.map((p) => p.provide) };
  }
}
