import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@pulse/runtime';
import type { GatewayConfig } from '../config/gateway.config.js';
import { SettingsRepository } from '../database/settings.repository.js';
import type { SqlClient } from '../database/sql-client.port.js';
import { CLOCK, CONFIG, DATABASE, LOGGER, type Clock } from '../core/gateway.tokens.js';
import { AnswerRepository } from './answer.repository.js';
import { answerResolvers } from './answer.resolver.js';
import { AnswerService } from './answer.service.js';

export class AnswerResolvers {
  constructor(readonly resolvers: ReturnType<typeof answerResolvers>) {}
}

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
    { provide: AnswerRepository, inject: [DATABASE], useFactory: (db: SqlClient) => new AnswerRepository(db) },
    {
      provide: AnswerService,
      inject: [AnswerRepository, SettingsRepository, LOGGER, CLOCK],
      useFactory: (repo: AnswerRepository, settings: SettingsRepository, logger: Logger, clock: Clock) => new AnswerService(repo, settings, logger, clock),
    },
    { provide: AnswerResolvers, inject: [AnswerService], useFactory: (answers: AnswerService) => new AnswerResolvers(answerResolvers(answers)) },
    { provide: AnswersBootstrap, inject: [AnswerService, CONFIG], useFactory: (answers: AnswerService, config: GatewayConfig) => new AnswersBootstrap(answers, config) },
  ],
  exports: [AnswerService, AnswerResolvers],
})
export class AnswersModule {}
