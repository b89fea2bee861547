import { Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from '@pulse/runtime';
import { AlertService } from '../alerts/alert.service.js';
import { AlertsModule } from '../alerts/alerts.module.js';
import type { GatewayConfig } from '../config/gateway.config.js';
import type { SqlClient } from '../database/sql-client.port.js';
import { CONFIG, DATABASE, LOGGER } from '../core/gateway.tokens.js';
import { RetentionJob } from './retention.job.js';
import { RetentionRepository } from './retention.repository.js';

/** Runs only when RETENTION_DAYS is set. */
class RetentionSchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private job: RetentionJob | undefined;

  constructor(
    private readonly repository: RetentionRepository,
    private readonly alerts: AlertService,
    private readonly config: GatewayConfig,
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const { retention } = this.config;
    if (!retention) return;
    this.job = new RetentionJob(this.repository, this.logger, retention.days, retention.intervalMs, undefined, undefined, [(cutoff) => this.alerts.deleteBefore(cutoff)]);
    this.job.start();
    this.logger.info({ days: retention.days }, 'retention on: older mentions are deleted periodically');
  }

  async onModuleDestroy(): Promise<void> {
    await this.job?.stop();
  }
}

/** Deletes mentions (rollups follow) and alerts older than the configured number of days. */
@Module({
  imports: [AlertsModule],
  providers: [
    { provide: RetentionRepository, inject: [DATABASE], useFactory: (db: SqlClient) => new RetentionRepository(db) },
    {
      provide: RetentionSchedule,
      inject: [RetentionRepository, AlertService, CONFIG, LOGGER],
      useFactory: (repository: RetentionRepository, alerts: AlertService, config: GatewayConfig, logger: Logger) => new RetentionSchedule(repository, alerts, config, logger),
    },
  ],
})
export class RetentionModule {}
