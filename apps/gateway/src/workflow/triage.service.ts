import { ruleAlertId, type RuleAlert } from '@pulse/alerting';
import { TOPICS, type ScoredMention, type WorkflowChange } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { AnswerSuggestion } from '@pulse/intent';
import type { Logger } from '@pulse/runtime';
import type { AlertService } from '../alerts/alert.service.js';
import type { AnswerService } from '../answers/answer.service.js';
import type { HelpdeskRouter } from '../helpdesk/helpdesk.router.js';
import type { RuleOutcome } from '../rules/rule.engine.js';
import type { RuleService } from '../rules/rule.service.js';
import type { InitialWorkflow } from '../mentions/mention.model.js';
import type { WorkflowRepository } from './workflow.repository.js';
import { applyChange, wireChange, type WorkflowState } from './workflow.model.js';

const EXCERPT_LENGTH = 280;

export interface TriagePlan {
  /** Written with each mention's insert. */
  initial: Map<string, InitialWorkflow>;
  outcomes: Map<string, { outcome: RuleOutcome; suggestion: AnswerSuggestion | null }>;
}

export interface TriageDeps {
  rules: RuleService;
  answers: AnswerService;
  store: Pick<WorkflowRepository, 'untriaged' | 'markTriaged' | 'appendEvents'>;
  alerts: Pick<AlertService, 'raise'>;
  router: Pick<HelpdeskRouter, 'route'>;
  /** Topic id → name, for answers signed with the brand and helpdesk payloads. */
  topicNames: () => Promise<Map<string, string>>;
  logger: Logger;
  clock?: () => number;
  /** Where rule-made workflow changes are announced (pulse.workflow.v1), for live dashboards. */
  bus?: Pick<Bus, 'publish'>;
}

const FRESH: Omit<WorkflowState, 'mentionId'> = {
  status: 'new',
  assignee: null,
  tags: [],
  answerCategoryId: null,
  firstResponseAt: null,
  resolvedAt: null,
  updatedAt: null,
};

/**
 * What happens to a mention as it arrives: the typical answer it matches and what the
 * rules do (tags, status, assignee — written with the insert), then the side effects of
 * the rules that matched (history, rule alerts, helpdesk routing) once it is stored. A
 * batch redelivered after a crash between the two re-runs only the side effects that had
 * not been marked done.
 */
export class TriageService {
  private readonly clock: () => number;

  constructor(private readonly deps: TriageDeps) {
    this.clock = deps.clock ?? Date.now;
  }

  async plan(mentions: readonly ScoredMention[]): Promise<TriagePlan> {
    const plan: TriagePlan = { initial: new Map(), outcomes: new Map() };
    const engine = await this.deps.rules.current();
    const needsNames = mentions.some((m) => m.intent?.replyNeeded);
    const names = needsNames ? await this.deps.topicNames() : new Map<string, string>();
    const at = new Date(this.clock()).toISOString();
    for (const mention of mentions) {
      const suggestion = mention.intent?.replyNeeded ? await this.deps.answers.suggest(mention, topicName(mention, names)) : null;
      const outcome = engine.size > 0 ? engine.evaluate(mention) : undefined;
      const matched = outcome !== undefined && outcome.matched.length > 0;
      const next = matched ? applyChange({ mentionId: mention.id, ...FRESH }, outcome.change, at, { human: false }).next : FRESH;
      plan.initial.set(mention.id, {
        status: next.status,
        assignee: next.assignee,
        tags: next.tags,
        answerCategoryId: suggestion?.categoryId ?? null,
        triaged: !matched,
      });
      if (matched) plan.outcomes.set(mention.id, { outcome, suggestion });
    }
    return plan;
  }

  /** After the upsert: side effects for mentions inserted now, or inserted earlier but never finished. */
  async follow(mentions: readonly ScoredMention[], insertedIds: readonly string[], plan: TriagePlan): Promise<void> {
    // A batch may carry one mention twice (a redelivery next to the original): act once, on the last copy, as the store kept.
    const acting = [...new Map(mentions.map((m) => [m.id, m])).values()].filter((m) => plan.outcomes.has(m.id));
    if (acting.length === 0) return;
    const inserted = new Set(insertedIds);
    const unfinished = new Set(await this.deps.store.untriaged(acting.filter((m) => !inserted.has(m.id)).map((m) => m.id)));
    const todo = acting.filter((m) => inserted.has(m.id) || unfinished.has(m.id));
    if (todo.length === 0) return;

    const at = new Date(this.clock()).toISOString();
    const names = await this.deps.topicNames();
    const alerts: RuleAlert[] = [];
    const events = [];
    for (const mention of todo) {
      const { outcome, suggestion } = plan.outcomes.get(mention.id)!;
      for (const rule of outcome.matched) {
        events.push({ mentionId: mention.id, actor: `rule:${rule.id}`, at, kind: 'rule' as const, data: { ruleId: rule.id, ruleName: rule.name, actions: outcome.summaries.get(rule.id) ?? [] } });
      }
      for (const { rule, severity } of outcome.notify) {
        alerts.push({
          kind: 'rule',
          id: ruleAlertId(rule.id, mention.id),
          severity,
          ruleId: rule.id,
          ruleName: rule.name,
          mentionId: mention.id,
          source: mention.source,
          handle: mention.author.handle,
          url: mention.url,
          topicIds: mention.topicIds,
          intent: mention.intent?.label ?? null,
          sentiment: mention.sentiment.label,
          excerpt: mention.text.length > EXCERPT_LENGTH ? `${mention.text.slice(0, EXCERPT_LENGTH - 1)}…` : mention.text,
          publishedAt: mention.publishedAt,
          raisedAt: at,
        });
      }
      const topicNames = mention.topicIds.map((id) => names.get(id) ?? id);
      for (const { rule, helpdesk } of outcome.routes) {
        this.deps.router.route({ mention, rule, helpdesk, topicNames, suggestion: suggestion?.suggestion ?? null });
      }
    }
    await this.deps.store.appendEvents(events);
    await this.deps.alerts.raise(alerts);
    await this.announce(todo, plan, at);
    await this.deps.store.markTriaged(
      todo.map((m) => m.id),
      at,
    );
    this.deps.logger.debug({ mentions: todo.length, alerts: alerts.length }, 'rules applied');
  }

  /** Rule-made workflow changes to live dashboards; best effort, like a person's change (stored first, announced after). */
  private async announce(mentions: readonly ScoredMention[], plan: TriagePlan, at: string): Promise<void> {
    if (!this.deps.bus) return;
    const changes: WorkflowChange[] = [];
    for (const mention of mentions) {
      const initial = plan.initial.get(mention.id);
      const rule = plan.outcomes.get(mention.id)?.outcome.matched[0];
      if (!initial || !rule || (initial.status === 'new' && initial.assignee === null && initial.tags.length === 0)) continue;
      changes.push(wireChange({ mentionId: mention.id, ...initial, firstResponseAt: null, resolvedAt: null }, mention.topicIds, `rule:${rule.id}`, at));
    }
    if (changes.length === 0) return;
    try {
      await this.deps.bus.publish(TOPICS.workflow, changes);
    } catch (error) {
      this.deps.logger.warn({ err: error, mentions: changes.length }, `could not publish rule changes to ${TOPICS.workflow}`);
    }
  }
}

function topicName(mention: ScoredMention, names: ReadonlyMap<string, string>): string | undefined {
  for (const id of mention.topicIds) {
    const name = names.get(id);
    if (name) return name;
  }
  return undefined;
}
