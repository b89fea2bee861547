import { Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Bus } from '@pulse/bus';
import type { Logger } from '@pulse/runtime';
import type { GatewayConfig } from '../config/gateway.config.js';
import type { SqlClient } from '../database/sql-client.port.js';
import { BUS, CONFIG, DATABASE, LOGGER } from '../core/gateway.tokens.js';
import { ApiKeyRepository } from './api-key.repository.js';
import { ApiKeyResolver } from './api-key.resolver.js';
import { ApiKeyService } from './api-key.service.js';
import { KeyRevocationRelay } from './key-revocation.relay.js';
import { LiveSessions } from './live-sessions.js';
import { RateLimiter } from './rate-limiter.js';


/** An admin key exists before anything listens; the key table is published once the bus runs. */
export class ApiKeysBootstrap implements OnModuleInit, OnApplicationBootstrap {
  /** Set when this start created the first admin key: the host prints it once. */
  initialAdminKey: string | undefined;

  constructor(
    private readonly keys: ApiKeyService,
    private readonly config: GatewayConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.initialAdminKey = await this.keys.ensureAdminKey(this.config.bootstrapKey);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.keys.publishAll();
  }
}

/** API keys (SHA-256 at rest), roles and the per-key rate limit. */
@Module({
  providers: [
    ApiKeyResolver,
    { provide: ApiKeyRepository, inject: [DATABASE], useFactory: (db: SqlClient) => new ApiKeyRepository(db) },
    { provide: ApiKeyService, inject: [ApiKeyRepository, BUS, LOGGER], useFactory: (repo: ApiKeyRepository, bus: Bus, logger: Logger) => new ApiKeyService(repo, bus, logger) },
    { provide: RateLimiter, inject: [CONFIG], useFactory: (config: GatewayConfig) => new RateLimiter(config.rateLimitPerMinute) },
    { provide: LiveSessions, useFactory: () => new LiveSessions() },
    {
      provide: KeyRevocationRelay,
      inject: [BUS, ApiKeyService, LiveSessions, LOGGER],
      useFactory: (bus: Bus, keys: ApiKeyService, sessions: LiveSessions, logger: Logger) => new KeyRevocationRelay(bus, keys, sessions, logger),
    },
    { provide: ApiKeysBootstrap, inject: [ApiKeyService, CONFIG], useFactory: (keys: ApiKeyService, config: GatewayConfig) => new ApiKeysBootstrap(keys, config) },
  ],
  exports: [ApiKeyService, RateLimiter, ApiKeysBootstrap, LiveSessions],
})
export class AuthModule {}
