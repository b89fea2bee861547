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

/**
 * The collector's HTTP(S) server: ingest and ops routes, one error envelope for every
 * route (unknown ones included), TLS from the TLS_* variables. Shared by `main.ts` and the
 * HTTP specs so both run the same server.
 */
export async function startCollectorHttp(
  collector: CollectorFeature,
  deps: { readiness: Readiness; metrics: PulseMetrics; logger: Logger; env: TlsEnv & { PORT: number } },
): Promise<CollectorHttp> {
  const transport = httpTransportFromEnv(deps.env, deps.logger);

  @Module({ imports: [OpsModule.forRoot(deps.readiness, deps.metrics), collector.nestModule()] })
  class CollectorAppModule {}

  // bodyParser off: /ingest reads (and limits) its body itself, after authorising the request.
  const app = await NestFactory.create(CollectorAppModule, { ...transport.nestOptions, bodyParser: false, logger: false });
  app.useGlobalFilters(new CollectorErrorFilter(deps.logger));
  const address = await transport.listen(app, deps.env.PORT);
  return { app, address, tls: transport.tls };
}
