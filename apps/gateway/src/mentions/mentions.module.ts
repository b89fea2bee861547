import { Module } from '@nestjs/common';
import type { SqlClient } from '../database/sql-client.port.js';
import { DATABASE } from '../core/gateway.tokens.js';
import { MentionRepository } from './mention.repository.js';
import { MentionResolver } from './mention.resolver.js';
import { MentionService } from './mention.service.js';
import { TopicSentimentResolver } from './topic-sentiment.resolver.js';


/** Stored mentions: the upsert from the scored stream, filtered pages, lookups, export streams. */
@Module({
  providers: [
    MentionResolver,
    TopicSentimentResolver,
    { provide: MentionRepository, inject: [DATABASE], useFactory: (db: SqlClient) => new MentionRepository(db) },
    { provide: MentionService, inject: [MentionRepository], useFactory: (repo: MentionRepository) => new MentionService(repo) },
  ],
  exports: [MentionService],
})
export class MentionsModule {}
