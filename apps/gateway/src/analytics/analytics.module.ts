import { Module } from '@nestjs/common';
import type { SqlClient } from '../database/sql-client.port.js';
import { DATABASE } from '../core/gateway.tokens.js';
import { TopicService } from '../topics/topic.service.js';
import { TopicsModule } from '../topics/topics.module.js';
import { AnalyticsRepository } from './analytics.repository.js';
import { AnalyticsResolver, TopicVoiceResolver } from './analytics.resolver.js';
import { AnalyticsService } from './analytics.service.js';


/** Timelines, share of voice, negative share, top authors, sources: rollups where they hold the answer. */
@Module({
  imports: [TopicsModule],
  providers: [
    AnalyticsResolver, TopicVoiceResolver,
    { provide: AnalyticsRepository, inject: [DATABASE], useFactory: (db: SqlClient) => new AnalyticsRepository(db) },
    {
      provide: AnalyticsService,
      inject: [AnalyticsRepository, TopicService],
      useFactory: (repo: AnalyticsRepository, topics: TopicService) => new AnalyticsService(repo, () => topics.activeIds()),
    },
  ],
  exports: [AnalyticsService],
})
export class AnalyticsModule {}
