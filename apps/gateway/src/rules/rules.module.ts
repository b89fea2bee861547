import { Module } from '@nestjs/common';
import type { Logger } from '@pulse/runtime';
import type { SqlClient } from '../database/sql-client.port.js';
import { CLOCK, DATABASE, LOGGER, type Clock } from '../core/gateway.tokens.js';
import { RuleRepository } from './rule.repository.js';
import { ruleResolvers } from './rule.resolver.js';
import { RuleService } from './rule.service.js';

export class RuleResolvers {
  constructor(readonly resolvers: ReturnType<typeof ruleResolvers>) {}
}

/** Workflow rules: validated on save, compiled into a cached engine that triage evaluates per batch. */
@Module({
  providers: [
    { provide: RuleRepository, inject: [DATABASE], useFactory: (db: SqlClient) => new RuleRepository(db) },
    { provide: RuleService, inject: [RuleRepository, LOGGER, CLOCK], useFactory: (repo: RuleRepository, logger: Logger, clock: Clock) => new RuleService(repo, logger, clock) },
    { provide: RuleResolvers, inject: [RuleService], useFactory: (rules: RuleService) => new RuleResolvers(ruleResolvers(rules)) },
  ],
  exports: [RuleService, RuleResolvers],
})
export class RulesModule {}
