import { Module } from '@nestjs/common';
import type { SqlClient } from '../database/sql-client.port.js';
import { DATABASE } from '../core/gateway.tokens.js';
import { MentionRepository } from './mention.repository.js';
import { mentionResolvers } from './mention.resolver.js';
import { MentionService } from './mention.service.js';

export class MentionResolvers {
  constructor(readonly resolvers: ReturnType<typeof mentionResolvers>) {}
}

/** Stored mentions: the upsert from the scored stream, filtered pages, lookups, export streams. */
@Module({
  providers: [
    { provide: MentionRepository, inject: [DATABASE], useFactory: (db: SqlClient) => new MentionRepository(db) },
    { provide: MentionService, inject: [MentionRepository], useFactory: (repo: MentionRepository) => new MentionService(repo) },
    { provide: MentionResolvers, inject: [MentionService], useFactory: (mentions: MentionService) => new MentionResolvers(mentionResolvers(mentions)) },
  ],
  exports: [MentionService, MentionResolvers],
})
export class MentionsModule {}
