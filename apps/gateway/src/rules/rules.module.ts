import { Module } from '@nestjs/common';
import type { Logger } from '@pulse/runtime';
import type { SqlClient } from '../database/sql-client.port.js';
import { CLOCK, DATABASE, LOGGER, type Clock } from '../core/gateway.tokens.js';
import { RuleRepository } from './rule.repository.js';
import { HelpdeskRouteResolver, RuleResolver } from './rule.resolver.js';
import { RuleService } from './rule.service.js';


/** Workflow rules: validated on save, compiled into a cached engine that triage evaluates per batch. */
@Module({
  providers: [
    RuleResolver, HelpdeskRouteResolver,
    { provide: RuleRepository, inject: [DATABASE], useFactory: (db: SqlClient) => new RuleRepository(db) },
    { provide: RuleService, inject: [RuleRepository, LOGGER, CLOCK], useFactory: (repo: RuleRepository, logger: Logger, clock: Clock) => new RuleService(repo, logger, clock) },
  ],
  exports: [RuleService],
})
export class RulesModule {}
