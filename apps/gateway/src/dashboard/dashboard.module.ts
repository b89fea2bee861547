import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DASHBOARD_DIR, DASHBOARD_INDEX, dashboardBuilt } from '@pulse/dashboard';
import express from 'express';

const API_PATHS = /^\/(graphql|ingest|export|reports|healthz|readyz|metrics)(\/|$)/;

/**
 * The dashboard at `/`: hashed assets cached long, the page itself never, and any other
 * GET that is not an API path answers with the page so deep links survive a reload.
 */
class DashboardRoutes implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    if (!dashboardBuilt()) return;
    const http = this.adapterHost.httpAdapter;
    http.use(
      express.static(DASHBOARD_DIR, {
        index: 'index.html',
        setHeaders: (res, path) => res.setHeader('Cache-Control', path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable'),
      }),
    );
    http.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (req.method !== 'GET' || API_PATHS.test(req.path)) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(DASHBOARD_INDEX);
    });
  }
}

/** Serves the built dashboard (apps/dashboard) from the gateway's port. */
@Module({
  providers: [{ provide: DashboardRoutes, inject: [HttpAdapterHost], useFactory: (host: HttpAdapterHost) => new DashboardRoutes(host) }],
})
export class DashboardModule {}
