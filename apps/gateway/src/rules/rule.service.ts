import { randomUUID } from 'node:crypto';
import type { Logger } from '@pulse/runtime';
import { GatewayError, parseArgs } from '../errors/gateway.errors.js';
import { checkPayloadTemplate } from '../helpdesk/helpdesk-payload.js';
import { validateQuery } from '@pulse/query';
import type { RuleRepository } from './rule.repository.js';
import { RuleEngine } from './rule.engine.js';
import { hasAction, normalizeRule, ruleInputSchema, type RuleInput, type WorkflowRule } from './rule.model.js';

/** Another replica's rule edits reach this one within this long. */
const RELOAD_MS = 30_000;

/** Rules managed over GraphQL, stored, and compiled into an engine that triage runs. */
export class RuleService {
  private engine: { engine: RuleEngine; loadedAt: number } | undefined;

  constructor(
    private readonly store: RuleRepository,
    private readonly logger: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  list(): Promise<WorkflowRule[]> {
    return this.store.listRules();
  }

  async create(input: RuleInput): Promise<WorkflowRule> {
    const existing = await this.store.listRules();
    const at = new Date(this.clock()).toISOString();
    const position = existing.reduce((max, r) => Math.max(max, r.position), -10) + 10;
    const rule = this.parse(input, { id: randomUUID(), position, createdAt: at, updatedAt: at });
    await this.store.upsertRule(rule);
    this.engine = undefined;
    this.logger.info({ ruleId: rule.id, name: rule.name }, 'rule created');
    return rule;
  }

  async update(id: string, input: RuleInput): Promise<WorkflowRule> {
    const current = (await this.store.listRules()).find((r) => r.id === id);
    if (!current) throw new GatewayError('NOT_FOUND', `no rule "${id}"`, { field: 'id' });
    const rule = this.parse(input, { id, position: current.position, createdAt: current.createdAt, updatedAt: new Date(this.clock()).toISOString() });
    // A secret is write-only: an update that leaves it out keeps the old one.
    if (rule.actions.helpdesk && current.actions.helpdesk && input.actions.helpdesk?.secret === undefined) rule.actions.helpdesk.secret = current.actions.helpdesk.secret;
    await this.store.upsertRule(rule);
    this.engine = undefined;
    return rule;
  }

  async delete(id: string): Promise<WorkflowRule> {
    const current = (await this.store.listRules()).find((r) => r.id === id);
    if (!current || !(await this.store.deleteRule(id))) throw new GatewayError('NOT_FOUND', `no rule "${id}"`, { field: 'id' });
    this.engine = undefined;
    return current;
  }

  async current(): Promise<RuleEngine> {
    if (this.engine && this.clock() - this.engine.loadedAt < RELOAD_MS) return this.engine.engine;
    const rules = await this.store.listRules();
    this.engine = { engine: new RuleEngine(rules), loadedAt: this.clock() };
    return this.engine.engine;
  }

  private parse(input: RuleInput, base: { id: string; position: number; createdAt: string; updatedAt: string }): WorkflowRule {
    const rule = normalizeRule(parseArgs(ruleInputSchema, input, 'input'), base);
    if (rule.conditions.query) {
      const validation = validateQuery(rule.conditions.query);
      if (!validation.ok) {
        const { message, position, expected } = validation.error;
        throw new GatewayError('INVALID_QUERY', `input.conditions.query: ${message}`, { field: 'input.conditions.query', position, expected });
      }
    }
    const template = rule.actions.helpdesk?.payloadTemplate;
    if (template) {
      const check = checkPayloadTemplate(template);
      if (!check.ok) {
        throw new GatewayError('INVALID_ARGUMENT', `input.actions.helpdesk.payloadTemplate: ${check.message}`, {
          field: 'input.actions.helpdesk.payloadTemplate',
          ...(check.position === undefined ? {} : { position: check.position }),
        });
      }
    }
    if (!hasAction(rule.actions)) throw new GatewayError('INVALID_ARGUMENT', 'input.actions: a rule needs at least one action (tags, status, assignee, notify or helpdesk)', { field: 'input.actions' });
    return rule;
  }
}
