import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MemoryBus } from '@pulse/bus/memory';
import { CollectorFeature, collectorSettings, collectorSettingsSchema } from '@pulse/collector';
import { GatewayFeature, dashboardLink, gatewaySettings, gatewaySettingsSchema, publicBaseUrl, refineGatewayEnv } from '@pulse/gateway';
import { PulseMetrics, Readiness, applyHeapGrowth, createLogger, envHeapGrowthPercent, envLogLevel, envPort, onShutdownSignal, parseEnv, refineTlsEnv, tlsEnvSchema } from '@pulse/runtime';
import { OpsModule, httpTransportFromEnv } from '@pulse/runtime/nest';
import { SentimentFeature, sentimentSettings, sentimentSettingsSchema } from '@pulse/sentiment';
import { WorkflowDemoDesk } from './demo-desk.js';

/** One schema for the whole process, so every bad variable is reported in one go. */
const embeddedSchema = collectorSettingsSchema
  .extend(sentimentSettingsSchema.shape)
  .extend(gatewaySettingsSchema.shape)
  // HTTPS and WSS for the dashboard, GraphQL and ingest on the one port when TLS_CERT_FILE/TLS_KEY_FILE are set.
  .extend(tlsEnvSchema.shape)
  .extend({ PORT: envPort.default(4000), LOG_LEVEL: envLogLevel.default('info'), HEAP_GROWTH_PERCENT: envHeapGrowthPercent })
  .superRefine((env, ctx) => {
    refineTlsEnv(env, ctx);
    refineGatewayEnv(env, ctx);
  });

async function main(): Promise<void> {
  const env = parseEnv('pulse', embeddedSchema);
  applyHeapGrowth(env.HEAP_GROWTH_PERCENT);
  const logger = createLogger('pulse', env.LOG_LEVEL);
  const metrics = new PulseMetrics();
  const readiness = new Readiness();
  const bus = new MemoryBus({ app: 'pulse', logger, metrics });
  readiness.register({ name: 'bus', check: () => bus.isReady() });

  const deps = { bus, logger, metrics, readiness };
  const gatewayConfig = gatewaySettings(env);
  // One detector sees all traffic here, and a first-hour user should not wait up to a bucket and its lateness for a spike already clear.
  if (gatewayConfig.alerts) gatewayConfig.alerts.detector = { alertOpenBuckets: true, ...gatewayConfig.alerts.detector };
  const gateway = new GatewayFeature({ ...deps, config: gatewayConfig });
  const sentiment = new SentimentFeature({ ...deps, config: sentimentSettings(env) });
  // The demo's agents record their past work through the gateway's workflow (resolved complaints for the support figures).
  const collector = new CollectorFeature({ ...deps, config: collectorSettings(env), demoDesk: new WorkflowDemoDesk(gateway) });

  @Module({
    imports: [OpsModule.forRoot(readiness, metrics, { beforeShutdown: () => bus.stop() }), collector.nestModule(), sentiment.nestModule(), gateway.nestModule()],
  })
  class EmbeddedAppModule {}

  // Certificate files are read and checked here, so a bad one stops start-up with its name.
  const transport = httpTransportFromEnv(env, logger);
  // Started first: the modules subscribe, publish and start sources from their lifecycle hooks during init.
  await bus.start();
  const app = await NestFactory.create(EmbeddedAppModule, { ...transport.nestOptions, bodyParser: false, logger: false });
  // listen() initialises the app (lifecycle hooks run) after the transport's middleware (HSTS) is registered.
  await transport.listen(app, env.PORT);
  gateway.attach(app);
  sentiment.attach(app);
  collector.attach(app);

  // PULSE_PUBLIC_URL when Pulse is reached through a proxy or another host name than localhost.
  const base = publicBaseUrl(env.PULSE_PUBLIC_URL, env.PORT, transport.tls);
  // The key rides in the URL fragment, which browsers never send to the server; the page stores it and removes it.
  const dashboardKey = gateway.initialAdminKey ?? env.PULSE_BOOTSTRAP_KEY;
  logger.info({ port: env.PORT, publicUrl: base, tls: transport.tls }, 'Pulse is running (embedded mode)');
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
