import { Module } from '@nestjs/common';
import { TOPICS } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { Logger, Readiness } from '@pulse/runtime';
import type { CollectorConfig } from '../config/collector.config.js';
import { CompactedTableReader } from '../core/compacted-table.reader.js';
import { BUS, CONFIG, LOGGER, READINESS } from '../core/collector.tokens.js';
import { IngestAuthorizer } from './ingest.authorizer.js';
import { KeyRegistry } from './key-registry.service.js';

/** Who may call /ingest: API keys read as a table from pulse.apikeys.v1 (the gateway owns them), signed-webhook senders from config. */
@Module({
  providers: [
    { provide: KeyRegistry, useFactory: () => new KeyRegistry() },
    {
      provide: CompactedTableReader,
      inject: [BUS, KeyRegistry, LOGGER, READINESS],
      useFactory: (bus: Bus, keys: KeyRegistry, logger: Logger, readiness: Readiness) =>
        new CompactedTableReader({
          bus,
          topic: TOPICS.apiKeys,
          name: 'keys',
          apply: (records) => keys.apply(records),
          describe: () => [{ keys: keys.size }, 'API keys updated'],
          logger,
          readiness,
        }),
    },
    { provide: IngestAuthorizer, inject: [KeyRegistry, CONFIG], useFactory: (keys: KeyRegistry, config: CollectorConfig) => new IngestAuthorizer(keys, config.webhookSecrets) },
  ],
  exports: [KeyRegistry, IngestAuthorizer],
})
export class KeysModule {}
