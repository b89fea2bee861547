import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { KafkaBus, kafkaConnectionFromEnv } from '@pulse/bus/kafka';
import { PulseMetrics, Readiness, applyHeapGrowth, createLogger, onShutdownSignal } from '@pulse/runtime';
import { OpsModule, httpTransportFromEnv } from '@pulse/runtime/nest';
import { loadDistributedSentimentEnv, sentimentSettings } from './config/sentiment.config.js';
import { SentimentFeature } from './sentiment.feature.js';

async function main(): Promise<void> {
  const env = loadDistributedSentimentEnv();
  // Before anything allocates: bounds the garbage a backlog leaves between full collections (heap-growth.ts).
  applyHeapGrowth(env.HEAP_GROWTH_PERCENT);
  const logger = createLogger('sentiment', env.LOG_LEVEL);
  const metrics = new PulseMetrics();
  const readiness = new Readiness();
  const bus = new KafkaBus({ app: 'sentiment', connection: kafkaConnectionFromEnv(env, 'pulse-sentiment'), logger, metrics });
  readiness.register({ name: 'bus', check: () => bus.isReady() });
  const sentiment = new SentimentFeature({ bus, config: sentimentSettings(env), logger, metrics, readiness });

  @Module({ imports: [OpsModule.forRoot(readiness, metrics, { beforeShutdown: () => bus.stop() }), sentiment.nestModule()] })
  class SentimentAppModule {}

  // Started first: the raw-topic consumer subscribes from its lifecycle hook during init (after the models load).
  await bus.start();
  // Only ops endpoints here (health, readiness, metrics), served over HTTPS too when TLS_* is set.
  const transport = httpTransportFromEnv(env, logger);
  const app = await NestFactory.create(SentimentAppModule, { ...transport.nestOptions, bodyParser: false, logger: false });
  // listen() initialises the app (lifecycle hooks run) after the transport's middleware is registered.
  await transport.listen(app, env.PORT);
  sentiment.attach(app);
  logger.info({ port: env.PORT, tls: transport.tls, model: sentiment.modelRef }, 'sentiment scoring raw mentions');

  // Nest runs the drain: the bus drains (the batch in flight is scored, published and committed), then HTTP closes.
  onShutdownSignal(logger, () => app.close());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
