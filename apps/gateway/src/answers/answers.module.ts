import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@pulse/runtime';
import type { GatewayConfig } from '../config/gateway.config.js';
import { SettingsRepository } from '../database/settings.repository.js';
import type { SqlClient } from '../database/sql-client.port.js';
import { CLOCK, CONFIG, DATABASE, LOGGER, type Clock } from '../core/gateway.tokens.js';
import { AnswerRepository } from './answer.repository.js';
import { AnswerResolver } from './answer.resolver.js';
import { AnswerService } from './answer.service.js';


class AnswersBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly answers: AnswerService,
    private readonly config: GatewayConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.workflow?.seedAnswers ?? true) await this.answers.bootstrap();
  }
}

/** The typical-answer base: categories managed over GraphQL, matched at arrival, rendered on read. */
@Module({
  providers: [
    AnswerResolver,
    { provide: AnswerRepository, inject: [DATABASE], useFactory: (db: SqlClient) => new AnswerRepository(db) },
    {
      provide: AnswerService,
      inject: [AnswerRepository, SettingsRepository, LOGGER, CLOCK],
      useFactory: (repo: AnswerRepository, settings: SettingsRepository, logger: Logger, clock: Clock) => new AnswerService(repo, settings, logger, clock),
    },
    { provide: AnswersBootstrap, inject: [AnswerService, CONFIG], useFactory: (answers: AnswerService, config: GatewayConfig) => new AnswersBootstrap(answers, config) },
  ],
  exports: [AnswerService],
})
export class AnswersModule {}
