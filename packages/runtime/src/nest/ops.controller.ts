import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Readiness } from '../health/readiness.js';
import { PulseMetrics } from '../metrics/metrics.js';

/** Liveness, readiness and Prometheus metrics: the same three endpoints on every app. */
@Controller()
export class OpsController {
  constructor(
    @Inject(Readiness) private readonly readiness: Readiness,
    @Inject(PulseMetrics) private readonly metrics: PulseMetrics,
  ) {}

  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  async readyz(@Res() res: Response): Promise<void> {
    const report = await this.readiness.report();
    res.status(report.ready ? 200 : 503).json(report);
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async metricsText(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', this.metrics.contentType);
    res.send(await this.metrics.render());
  }
}
