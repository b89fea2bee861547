import { Module, type DynamicModule } from '@nestjs/common';
import { Readiness } from '../health/readiness.js';
import { PulseMetrics } from '../metrics/metrics.js';
import { OpsController } from './ops.controller.js';

@Module({})
export class OpsModule {
  /** Global so every feature module can register checks and count without re-importing. */
  static forRoot(readiness: Readiness, metrics: PulseMetrics): DynamicModule {
    return {
      module: OpsModule,
      global: true,
      controllers: [OpsController],
      providers: [
        { provide: Readiness, useValue: readiness },
        { provide: PulseMetrics, useValue: metrics },
      ],
      exports: [Readiness, PulseMetrics],
    };
  }
}
