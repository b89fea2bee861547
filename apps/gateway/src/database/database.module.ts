import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger, Readiness } from '@pulse/runtime';
import type { GatewayConfig } from '../config/gateway.config.js';
import { CONFIG, DATABASE, LOGGER, READINESS } from '../core/gateway.tokens.js';
import { describeDatabase, openDatabase, pingDatabase } from './database.js';
import { SettingsRepository } from './settings.repository.js';
import type { SqlClient } from './sql-client.port.js';

/** Closes the connection last: Nest calls this after every module's drain and the HTTP server's close. */
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(private readonly db: SqlClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

/** One SqlClient for every repository, opened and migrated before any module is built (async provider). */
@Global()
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [CONFIG, LOGGER, READINESS],
      useFactory: async (config: GatewayConfig, logger: Logger, readiness: Readiness): Promise<SqlClient> => {
        logger.info({ database: describeDatabase(config.database) }, 'opening the database');
        const db = await openDatabase(config.database);
        readiness.register({ name: 'store', check: () => pingDatabase(db) });
        return db;
      },
    },
    { provide: DatabaseLifecycle, inject: [DATABASE], useFactory: (db: SqlClient) => new DatabaseLifecycle(db) },
    { provide: SettingsRepository, inject: [DATABASE], useFactory: (db: SqlClient) => new SettingsRepository(db) },
  ],
  exports: [DATABASE, SettingsRepository],
})
export class DatabaseModule {}
