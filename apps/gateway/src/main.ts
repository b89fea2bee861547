import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { KafkaBus, kafkaConnectionFromEnv } from '@pulse/bus/kafka';
import { PulseMetrics, Readiness, applyHeapGrowth, createLogger, onShutdownSignal } from '@pulse/runtime';
import { OpsModule, httpTransportFromEnv } from '@pulse/runtime/nest';
import { gatewaySettings, loadDistributedGatewayEnv } from './config/gateway.config.js';
import { dashboardLink, publicBaseUrl } from './config/public-url.js';
import { GatewayFeature } from './gateway.feature.js';

async function main(): Promise<void> {
  const env = loadDistributedGatewayEnv();
  // Before anything allocates: bounds the garbage a backlog leaves between full collections (heap-growth.ts).
  applyHeapGrowth(env.HEAP_GROWTH_PERCENT);
  const logger = createLogger('gateway', env.LOG_LEVEL);
  const metrics = new PulseMetrics();
  const readiness = new Readiness();
  const bus = new KafkaBus({ app: 'gateway', connection: kafkaConnectionFromEnv(env, 'pulse-gateway'), logger, metrics });
  readiness.register({ name: 'bus', check: () => bus.isReady() });
  const gateway = new GatewayFeature({ bus, config: gatewaySettings(env), logger, metrics, readiness });

  @Module({ imports: [OpsModule.forRoot(readiness, metrics, { beforeShutdown: () => bus.stop() }), gateway.nestModule()] })
  class GatewayAppModule {}

  // HTTPS and WSS on the one port when TLS_CERT_FILE/TLS_KEY_FILE are set (checked here, before anything starts).
  const transport = httpTransportFromEnv(env, logger);
  // Started first: the modules subscribe and publish from their lifecycle hooks during init.
  await bus.start();
  const app = await NestFactory.create(GatewayAppModule, { ...transport.nestOptions, bodyParser: false, logger: false });
  // listen() initialises the app (lifecycle hooks run) after the transport's middleware (HSTS) is registered.
  await transport.listen(app, env.PORT);
  gateway.attach(app);
  const base = publicBaseUrl(env.PULSE_PUBLIC_URL, env.PORT, transport.tls);
  logger.info({ port: env.PORT, publicUrl: base, tls: transport.tls }, `gateway ready: GraphQL at ${base}/graphql`);
  if (gateway.initialAdminKey) {
    // Deliberately outside the JSON log: shown once, so an operator can copy it; only its hash is stored.
    process.stdout.write(
      `\n  Initial admin API key (shown once, store it now): ${gateway.initialAdminKey}\n` +
        `  Dashboard: ${dashboardLink(base, gateway.initialAdminKey)}\n\n`,
    );
  }

  // Nest runs the drain: modules stop (live feeds, GraphQL, timers, helpdesk), then the bus, then HTTP, then the database.
  onShutdownSignal(logger, () => app.close());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
