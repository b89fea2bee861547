import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MemoryBus } from '@pulse/bus/memory';
import { CollectorFeature, collectorSettings, collectorSettingsSchema } from '@pulse/collector';
import { GatewayFeature, dashboardLink, gatewaySettings, gatewaySettingsSchema, publicBaseUrl, refineGatewayEnv } from '@pulse/gateway';
import { PulseMetrics, Readiness, createLogger, envLogLevel, envPort, onShutdownSignal, parseEnv } from '@pulse/runtime';
import { OpsModule } from '@pulse/runtime/nest';
import { SentimentFeature, sentimentSettings, sentimentSettingsSchema } from '@pulse/sentiment';

/** One schema for the whole process, so every bad variable is reported in one go. */
const embeddedSchema = collectorSettingsSchema
  .extend(sentimentSettingsSchema.shape)
  .extend(gatewaySettingsSchema.shape)
  .extend({ PORT: envPort.default(4000), LOG_LEVEL: envLogLevel.default('info') })
  .superRefine(refineGatewayEnv);

async function main(): Promise<void> {
  const env = parseEnv('pulse', embeddedSchema);
  const logger = createLogger('pulse', env.LOG_LEVEL);
  const metrics = new PulseMetrics();
  const readiness = new Readiness();
  const bus = new MemoryBus({ app: 'pulse', logger, metrics });
  readiness.register({ name: 'bus', check: () => bus.isReady() });

  const deps = { bus, logger, metrics, readiness };
  const gateway = new GatewayFeature({ ...deps, config: gatewaySettings(env) });
  const sentiment = new SentimentFeature({ ...deps, config: sentimentSettings(env) });
  const collector = new CollectorFeature({ ...deps, config: collectorSettings(env) });

  @Module({
    imports: [OpsModule.forRoot(readiness, metrics, { beforeShutdown: () => bus.stop() }), collector.nestModule(), sentiment.nestModule(), gateway.nestModule()],
  })
  class EmbeddedAppModule {}

  // Started first: the modules subscribe, publish and start sources from their lifecycle hooks during init.
  await bus.start();
  const app = await NestFactory.create(EmbeddedAppModule, { bodyParser: false, logger: false });
  await app.init();
  gateway.attach(app);
  sentiment.attach(app);
  collector.attach(app);
  await app.listen(env.PORT);

  // PULSE_PUBLIC_URL when Pulse is reached through a proxy or another host name than localhost.
  const base = publicBaseUrl(env.PULSE_PUBLIC_URL, env.PORT);
  // The key rides in the URL fragment, which browsers never send to the server; the page stores it and removes it.
  const dashboardKey = gateway.initialAdminKey ?? env.PULSE_BOOTSTRAP_KEY;
  logger.info({ port: env.PORT, publicUrl: base }, 'Pulse is running (embedded mode)');
  process.stdout.write(
    [
      '',
      `  Pulse is running (embedded: in-process bus, ${env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, model ${sentiment.modelRef?.id}).`,
      `  Dashboard:      ${dashboardLink(base, dashboardKey)}${dashboardKey ? '' : '   (enter your API key once; the browser keeps it)'}`,
      `  GraphQL:        ${base}/graphql   (subscriptions: ${base.replace(/^http/u, 'ws')}/graphql)`,
      `  Ingest:         POST ${base}/ingest`,
      `  Health/metrics: ${base}/readyz  ${base}/metrics`,
      env.PULSE_DEMO
        ? `  Demo source:    ${env.PULSE_DEMO_RATE} mentions/s live${env.PULSE_DEMO_HISTORY_DAYS > 0 && env.PULSE_DEMO_RATE <= 1 ? `, a ${env.PULSE_DEMO_HISTORY_DAYS}-day history on the first start` : ''}${env.PULSE_DEMO_BURST_MINUTES > 0 ? ', a negative burst a few minutes in' : ''} (PULSE_DEMO=off to disable)`
        : '  Demo source:    off',
      gateway.initialAdminKey
        ? `  Admin API key:  ${gateway.initialAdminKey}   (shown once: store it now; send as "Authorization: Bearer <key>")`
        : `  API keys:       send "Authorization: Bearer <key>" (${env.PULSE_BOOTSTRAP_KEY ? 'PULSE_BOOTSTRAP_KEY is an admin key' : 'the admin key printed on first start'})`,
      '',
    ].join('\n') + '\n',
  );

  // Nest runs the drain: modules stop (sources and demo first), the bus drains in-flight batches (raw → scored → stored), HTTP closes, the database closes last.
  onShutdownSignal(logger, () => app.close());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
