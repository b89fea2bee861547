import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Bus } from '@pulse/bus';
import type { Logger } from '@pulse/runtime';
import type { GatewayConfig } from '../config/gateway.config.js';
import type { SqlClient } from '../database/sql-client.port.js';
import { BUS, CONFIG, DATABASE, LOGGER } from '../core/gateway.tokens.js';
import { TopicRepository } from './topic.repository.js';
import { TopicResolver } from './topic.resolver.js';
import { TopicService } from './topic.service.js';


/** Needs a running bus: the store is the source of truth and republishes the topic table for collectors. */
class TopicsBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly topics: TopicService,
    private readonly config: GatewayConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.topics.bootstrap(this.config.seedTopics);
  }
}

@Module({
  providers: [
    TopicResolver,
    { provide: TopicRepository, inject: [DATABASE], useFactory: (db: SqlClient) => new TopicRepository(db) },
    { provide: TopicService, inject: [TopicRepository, BUS, LOGGER], useFactory: (repo: TopicRepository, bus: Bus, logger: Logger) => new TopicService(repo, bus, logger) },
    { provide: TopicsBootstrap, inject: [TopicService, CONFIG], useFactory: (topics: TopicService, config: GatewayConfig) => new TopicsBootstrap(topics, config) },
  ],
  exports: [TopicService],
})
export class TopicsModule {}
