import 'reflect-metadata';
import { KafkaBus, kafkaConnectionFromEnv } from '@pulse/bus/kafka';
import { PulseMetrics, Readiness, applyHeapGrowth, createLogger, onShutdownSignal } from '@pulse/runtime';
import { CollectorFeature } from './collector.feature.js';
import { collectorSettings, loadDistributedCollectorEnv } from './config/collector.config.js';
import { startCollectorHttp } from './http/collector-http.js';

async function main(): Promise<void> {
  const env = loadDistributedCollectorEnv();
  // Before anything allocates: bounds the garbage a backlog leaves between full collections (heap-growth.ts).
  applyHeapGrowth(env.HEAP_GROWTH_PERCENT);
  const logger = createLogger('collector', env.LOG_LEVEL);
  const metrics = new PulseMetrics();
  const readiness = new Readiness();
  const bus = new KafkaBus({ app: 'collector', connection: kafkaConnectionFromEnv(env, 'pulse-collector'), logger, metrics });
  readiness.register({ name: 'bus', check: () => bus.isReady() });
  const collector = new CollectorFeature({ bus, config: collectorSettings(env), logger, metrics, readiness });

  // Started first: the modules subscribe to their tables and start sources from their lifecycle hooks during init.
  await bus.start();
  const { app, tls } = await startCollectorHttp(collector, { readiness, metrics, logger, env, beforeShutdown: () => bus.stop() });
  const scheme = tls ? 'https' : 'http';
  logger.info({ port: env.PORT, tls }, `collector listening: POST ${scheme}://${env.HOST ?? 'localhost'}:${env.PORT}/ingest`);

  // Nest runs the drain: sources and the demo stop (their last batch published), then the bus drains, then HTTP closes.
  onShutdownSignal(logger, () => app.close());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
