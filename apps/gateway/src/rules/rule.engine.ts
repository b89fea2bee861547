import type { AlertSeverity, ScoredMention, SentimentLabel } from '@pulse/contracts';
import { compileQuery } from '@pulse/query';
import { SPAM_THRESHOLD } from '../mentions/mention.model.js';
import type { WorkflowChange } from '../workflow/workflow.model.js';
import type { HelpdeskRoute, WorkflowRule } from './rule.model.js';

interface CompiledRule {
  rule: WorkflowRule;
  query: { matches(doc: { text: string; author?: string; source?: string; language?: string }): boolean } | undefined;
  handles: ReadonlySet<string>;
}

export interface RuleMatch {
  rule: WorkflowRule;
}

/** What the matching rules ask for one mention, merged in rule order. */
export interface RuleOutcome {
  matched: WorkflowRule[];
  change: WorkflowChange;
  notify: { rule: WorkflowRule; severity: AlertSeverity }[];
  routes: { rule: WorkflowRule; helpdesk: HelpdeskRoute }[];
  /** Per matched rule, what it did, for the mention's history. */
  summaries: Map<string, string[]>;
}

/** Tone toward the rule's topics when scored per topic; the overall tone otherwise. */
function tones(mention: ScoredMention, ruleTopics: readonly string[]): SentimentLabel[] {
  const relevant = ruleTopics.length > 0 ? mention.sentiment.byTopic.filter((t) => ruleTopics.includes(t.topicId)) : mention.sentiment.byTopic;
  return relevant.length > 0 ? relevant.map((t) => t.label) : [mention.sentiment.label];
}

/**
 * Rules compiled once per rule-set version and run on every newly stored mention. Every
 * enabled matching rule applies in position order: tags add up; the first rule to set a
 * status or an assignee wins (a later, broader rule cannot undo a specific one); `stop`
 * ends the chain. Copies of earlier mentions never match: the original was already handled.
 */
export class RuleEngine {
  private readonly compiled: CompiledRule[];

  constructor(rules: readonly WorkflowRule[]) {
    this.compiled = rules
      .filter((rule) => rule.enabled)
      .sort((a, b) => a.position - b.position || a.createdAt.localeCompare(b.createdAt))
      .map((rule) => ({
        rule,
        query: rule.conditions.query ? compileQuery(rule.conditions.query) : undefined,
        handles: new Set(rule.conditions.authorHandles),
      }));
  }

  get size(): number {
    return this.compiled.length;
  }

  matches(compiled: CompiledRule, mention: ScoredMention): boolean {
    const c = compiled.rule.conditions;
    if (mention.duplicateOf !== null) return false;
    if (!c.includeSpam && mention.spam.score >= SPAM_THRESHOLD) return false;
    if (c.topicIds.length > 0 && !c.topicIds.some((id) => mention.topicIds.includes(id))) return false;
    if (c.sources.length > 0 && !c.sources.includes(mention.source)) return false;
    if (c.direct !== null && mention.direct !== c.direct) return false;
    if (c.intents.length > 0 && !(mention.intent && c.intents.includes(mention.intent.label))) return false;
    if (c.replyNeeded !== null && (mention.intent?.replyNeeded ?? false) !== c.replyNeeded) return false;
    if (compiled.handles.size > 0 && !compiled.handles.has(mention.author.handle.replace(/^@/u, '').toLowerCase())) return false;
    if (c.sentiments.length > 0 && !tones(mention, c.topicIds).some((label) => c.sentiments.includes(label))) return false;
    if (compiled.query && !compiled.query.matches({ text: mention.text, author: mention.author.handle, source: mention.source, language: mention.language })) return false;
    return true;
  }

  evaluate(mention: ScoredMention): RuleOutcome {
    const outcome: RuleOutcome = { matched: [], change: {}, notify: [], routes: [], summaries: new Map() };
    const tags: string[] = [];
    for (const compiled of this.compiled) {
      if (!this.matches(compiled, mention)) continue;
      const { rule } = compiled;
      const { actions } = rule;
      const did: string[] = [];
      outcome.matched.push(rule);
      if (actions.addTags.length > 0) {
        tags.push(...actions.addTags);
        did.push(`tagged ${actions.addTags.join(', ')}`);
      }
      if (actions.setStatus !== null && outcome.change.status === undefined) {
        outcome.change.status = actions.setStatus;
        did.push(`status ${actions.setStatus}`);
      }
      if (actions.assignTo !== null && outcome.change.assignee === undefined) {
        outcome.change.assignee = actions.assignTo;
        did.push(`assigned to ${actions.assignTo}`);
      }
      if (actions.notify !== null) {
        outcome.notify.push({ rule, severity: actions.notify });
        did.push(`notified (${actions.notify})`);
      }
      if (actions.helpdesk !== null) {
        outcome.routes.push({ rule, helpdesk: actions.helpdesk });
        did.push(`routing to ${actions.helpdesk.name}`);
      }
      outcome.summaries.set(rule.id, did);
      if (actions.stop) break;
    }
    if (tags.length > 0) outcome.change.addTags = tags;
    return outcome;
  }
}
