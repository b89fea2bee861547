import { Module, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Bus } from '@pulse/bus';
import type { Logger } from '@pulse/runtime';
import type { GatewayConfig } from '../config/gateway.config.js';
import { SettingsRepository } from '../database/settings.repository.js';
import type { SqlClient } from '../database/sql-client.port.js';
import { BUS, CLOCK, CONFIG, DATABASE, LOGGER, type Clock } from '../core/gateway.tokens.js';
import { LeakWatchModule } from '../leak-watch/leak-watch.module.js';
import { LeakWatchService } from '../leak-watch/leak-watch.service.js';
import { AlertRepository } from './alert.repository.js';
import { AlertRelay } from './alert.relay.js';
import { AlertResolver } from './alert.resolver.js';
import { AlertService } from './alert.service.js';
import { BaselineBootstrap } from './baseline-bootstrap.js';
import { BaselineHistoryRepository } from './baseline-history.repository.js';

/** The spike detector's snapshot in workflow_settings: one per deployment. */
const BASELINES_KEY = 'alerts.spike-detector';


/**
 * Baselines resumed, then cold ones seeded from stored history, before the first mention is
 * observed; the timers run once the app is up; drained at stop.
 */
class AlertsLifecycle implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly alerts: AlertService,
    private readonly bootstrap: BaselineBootstrap,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.alerts.resume();
    await this.bootstrap.run();
  }

  onApplicationBootstrap(): void {
    this.alerts.start();
    this.bootstrap.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.bootstrap.stop();
    await this.alerts.stop();
  }
}

/** Spike, leak and rule alerts: stored, published to pulse.alerts.v1, pushed live, delivered to notifiers. */
@Module({
  imports: [LeakWatchModule],
  providers: [
    AlertResolver,
    { provide: AlertRepository, inject: [DATABASE], useFactory: (db: SqlClient) => new AlertRepository(db) },
    {
      provide: AlertService,
      inject: [CONFIG, LOGGER, CLOCK, AlertRepository, BUS, SettingsRepository, LeakWatchService],
      useFactory: (config: GatewayConfig, logger: Logger, clock: Clock, store: AlertRepository, bus: Bus, settings: SettingsRepository, leaks: LeakWatchService) =>
        new AlertService({
          config: config.alerts,
          leaks,
          logger,
          clock,
          store,
          bus,
          baselines: { load: () => settings.getSetting(BASELINES_KEY), save: (snapshot) => settings.setSetting(BASELINES_KEY, snapshot) },
        }),
    },
    {
      provide: BaselineBootstrap,
      inject: [AlertService, DATABASE, CLOCK, LOGGER],
      useFactory: (alerts: AlertService, db: SqlClient, clock: Clock, logger: Logger) =>
        new BaselineBootstrap(alerts, new BaselineHistoryRepository(db), clock, logger.child({ component: 'alerts' })),
    },
    {
      provide: AlertsLifecycle,
      inject: [AlertService, BaselineBootstrap],
      useFactory: (alerts: AlertService, bootstrap: BaselineBootstrap) => new AlertsLifecycle(alerts, bootstrap),
    },
    { provide: AlertRelay, inject: [BUS, AlertService], useFactory: (bus: Bus, alerts: AlertService) => new AlertRelay(bus, alerts.feed) },
  ],
  exports: [AlertService],
})
export class AlertsModule {}
