import { Global, Module, type DynamicModule } from '@nestjs/common';
import { BUS, CLOCK, CONFIG, LOGGER, METRICS, READINESS, type GatewayDeps } from './gateway.tokens.js';

/** The host's objects as providers, visible to every gateway module. */
@Global()
@Module({})
export class GatewayCoreModule {
  static forRoot(deps: GatewayDeps): DynamicModule {
    const providers = [
      { provide: BUS, useValue: deps.bus },
      { provide: CONFIG, useValue: deps.config },
      { provide: LOGGER, useValue: deps.logger.child({ feature: 'gateway' }) },
      { provide: METRICS, useValue: deps.metrics },
      { provide: READINESS, useValue: deps.readiness },
      { provide: CLOCK, useValue: deps.clock ?? Date.now },
    ];
    return { module: GatewayCoreModule, providers, exports: providers.map((p) => p.provide) };
  }
}
