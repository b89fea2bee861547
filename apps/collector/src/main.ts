import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { KafkaBus, kafkaConnectionFromEnv } from '@pulse/bus/kafka';
import { PulseMetrics, Readiness, createLogger, onShutdownSignal } from '@pulse/runtime';
import { OpsModule } from '@pulse/runtime/nest';
import { Module } from '@nestjs/common';
import { CollectorFeature } from './collector.feature.js';
import { collectorSettings, loadDistributedCollectorEnv } from './config/collector.config.js';

async function main(): Promise<void> {
  const env = loadDistributedCollectorEnv();
  const logger = createLogger('collector', env.LOG_LEVEL);
  const metrics = new PulseMetrics();
  const readiness = new Readiness();
  const bus = new KafkaBus({ app: 'collector', connection: kafkaConnectionFromEnv(env, 'pulse-collector'), logger, metrics });
  readiness.register({ name: 'bus', check: () => bus.isReady() });
  const collector = new CollectorFeature({ bus, config: collectorSettings(env), logger, metrics, readiness });
  await collector.init();

  @Module({ imports: [OpsModule.forRoot(readiness, metrics), collector.nestModule()] })
  class CollectorAppModule {}

  const app = await NestFactory.create(CollectorAppModule, { bodyParser: false, logger: false });
  await bus.start();
  await app.listen(env.PORT);
  collector.startSources();
  logger.info({ port: env.PORT }, `collector listening: POST http://localhost:${env.PORT}/ingest`);

  onShutdownSignal(logger, async () => {
    await collector.stopSources();
    await app.close();
    await bus.stop();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
