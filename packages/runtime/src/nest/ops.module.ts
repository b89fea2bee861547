import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Readiness } from '../health/readiness.js';
import { PulseMetrics } from '../metrics/metrics.js';
import { OpsController } from './ops.controller.js';

const HOST_DRAIN = Symbol('pulse.host-drain');

@Module({})
export class OpsModule {
  /**
   * Global so every feature module can register checks and count without re-importing.
   *
   * `beforeShutdown` is for what the host owns and the modules use (the bus): Nest runs it
   * after every module's `onModuleDestroy` drain and before `onApplicationShutdown` closes
   * the database, so in-flight batches finish against an open store.
   */
  static forRoot(readiness: Readiness, metrics: PulseMetrics, options: { beforeShutdown?: () => Promise<void> } = {}): DynamicModule {
    const drain = options.beforeShutdown;
    return {
      module: OpsModule,
      global: true,
      // Terminus's own logger writes plain text to stderr; apps log through pino.
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [OpsController],
      providers: [
        { provide: Readiness, useValue: readiness },
        { provide: PulseMetrics, useValue: metrics },
        ...(drain ? [{ provide: HOST_DRAIN, useValue: { beforeApplicationShutdown: drain } }] : []),
      ],
      exports: [Readiness, PulseMetrics],
    };
  }
}
