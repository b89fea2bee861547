import { Controller, Get, Header, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Response } from 'express';
import { Readiness } from '../health/readiness.js';
import { PulseMetrics } from '../metrics/metrics.js';

/** A check that hangs (a broker that never answers) must not hang the probe. */
const CHECK_TIMEOUT_MS = 3_000;

/**
 * Liveness, readiness and Prometheus metrics: the same three endpoints on every app.
 * Readiness runs every registered check (bus, store, model, key table…) as a Terminus
 * health indicator: 200 with each one `up`, or 503 naming the ones `down`.
 */
@Controller()
export class OpsController {
  constructor(
    @Inject(Readiness) private readonly readiness: Readiness,
    @Inject(PulseMetrics) private readonly metrics: PulseMetrics,
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
  ) {}

  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  async readyz(@Res() res: Response): Promise<void> {
    const checks = this.readiness.list().map((check) => async (): Promise<HealthIndicatorResult> => {
      const session = this.indicators.check(check.name);
      try {
        const up = await Promise.race([Promise.resolve(check.check()), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), CHECK_TIMEOUT_MS).unref())]);
        return up ? session.up() : session.down();
      } catch (error) {
        return session.down({ message: error instanceof Error ? error.message : String(error) });
      }
    });
    try {
      res.status(200).json(await this.health.check(checks));
    } catch (error) {
      // Answered here rather than by an app's exception filter, so every app reports readiness the same way.
      if (error instanceof ServiceUnavailableException) res.status(503).json(error.getResponse());
      else throw error;
    }
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async metricsText(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', this.metrics.contentType);
    res.send(await this.metrics.render());
  }
}
