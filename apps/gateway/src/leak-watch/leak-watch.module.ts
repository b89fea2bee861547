import { Module, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from '@pulse/runtime';
import type { GatewayConfig } from '../config/gateway.config.js';
import { CLOCK, CONFIG, DATABASE, LOGGER, type Clock } from '../core/gateway.tokens.js';
import type { SqlClient } from '../database/sql-client.port.js';
import { LeakWatchRepository } from './leak-watch.repository.js';
import { LeakWatchChangeResolver, LeakWatchResolver } from './leak-watch.resolver.js';
import { LeakWatchService } from './leak-watch.service.js';

/** Default poll of the store's leak watch version: how soon other replicas apply a change. */
export const LEAK_WATCH_POLL_MS = 5_000;

/**
 * Seeded and loaded before the first mention is observed (alerts check every stored mention);
 * then a short poll of one row keeps every replica current. Why a poll rather than a compacted
 * Kafka topic: only gateway replicas read the watch, and each already has the store, which is
 * the source of truth and versions every change in the change's own transaction; a poll cannot
 * miss a message or start from a stale offset, needs no topic on the broker, and costs one
 * primary-key read per replica every few seconds.
 */
class LeakWatchLifecycle implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly leaks: LeakWatchService,
    private readonly pollMs: number,
    private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.leaks.bootstrap();
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.leaks.refresh().catch((error: unknown) => this.logger.warn({ err: error }, 'could not poll the leak watch; keeping the loaded one'));
    }, this.pollMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/** Leak watch managed in the product: watch lists, confidential terms, history (migration 0006). */
@Module({
  providers: [
    LeakWatchResolver,
    LeakWatchChangeResolver,
    { provide: LeakWatchRepository, inject: [DATABASE], useFactory: (db: SqlClient) => new LeakWatchRepository(db) },
    {
      provide: LeakWatchService,
      inject: [LeakWatchRepository, CONFIG, LOGGER, CLOCK],
      useFactory: (repo: LeakWatchRepository, config: GatewayConfig, logger: Logger, clock: Clock) =>
        new LeakWatchService(repo, logger, { clock, ...(config.alerts?.leakWatch ? { seed: config.alerts.leakWatch } : {}) }),
    },
    {
      provide: LeakWatchLifecycle,
      inject: [LeakWatchService, CONFIG, LOGGER],
      useFactory: (leaks: LeakWatchService, config: GatewayConfig, logger: Logger) => new LeakWatchLifecycle(leaks, config.leakWatchPollMs ?? LEAK_WATCH_POLL_MS, logger),
    },
  ],
  exports: [LeakWatchService],
})
export class LeakWatchModule {}
