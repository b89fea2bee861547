import type { AddressInfo } from 'node:net';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger, PulseMetrics, Readiness, TlsEnv } from '@pulse/runtime';
import { OpsModule, httpTransportFromEnv } from '@pulse/runtime/nest';
import type { CollectorFeature } from '../collector.feature.js';
import { CollectorErrorFilter } from '../errors/collector-error.filter.js';

export interface CollectorHttp {
  app: INestApplication;
  address: AddressInfo;
  tls: boolean;
}

export interface CollectorHttpDeps {
  readiness: Readiness;
  metrics: PulseMetrics;
  logger: Logger;
  env: TlsEnv & { PORT: number };
  /** What the host owns and the modules use (the bus): drained after the modules, before HTTP closes. */
  beforeShutdown?: () => Promise<void>;
}

/**
 * The collector's HTTP(S) server: ingest and ops routes, one error envelope for every
 * route (unknown ones included), TLS from the TLS_* variables. Shared by `main.ts` and the
 * HTTP specs so both run the same server. The host starts the bus first: the modules
 * subscribe and start sources from their lifecycle hooks during init.
 */
export async function startCollectorHttp(collector: CollectorFeature, deps: CollectorHttpDeps): Promise<CollectorHttp> {
  const transport = httpTransportFromEnv(deps.env, deps.logger);
  const ops = OpsModule.forRoot(deps.readiness, deps.metrics, deps.beforeShutdown ? { beforeShutdown: deps.beforeShutdown } : {});

  @Module({ imports: [ops, collector.nestModule()] })
  class CollectorAppModule {}

  // bodyParser off: /ingest reads (and limits) its body itself, after authorising the request.
  const app = await NestFactory.create(CollectorAppModule, { ...transport.nestOptions, bodyParser: false, logger: false });
  app.useGlobalFilters(new CollectorErrorFilter(deps.logger));
  // listen() initialises the app (lifecycle hooks run) after the transport's middleware is registered.
  const address = await transport.listen(app, deps.env.PORT);
  collector.attach(app);
  return { app, address, tls: transport.tls };
}
