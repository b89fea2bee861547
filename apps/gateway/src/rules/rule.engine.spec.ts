import type { ScoredMention } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { RuleEngine } from './rule.engine.js';
import { normalizeRule, ruleInputSchema, type RuleInput, type WorkflowRule } from './rule.model.js';

let seq = 0;
function rule(input: RuleInput): WorkflowRule {
  seq += 1;
  const at = `2026-01-01T00:00:0${seq % 10}.000Z`;
  return normalizeRule(ruleInputSchema.parse(input), { id: `r${seq}`, position: seq * 10, createdAt: at, updatedAt: at });
}

function mention(over: Partial<ScoredMention> = {}): ScoredMention {
  return {
    id: 'm',
    source: 'vk',
    sourceId: 's',
    url: null,
    text: 'МТС лучше, чем Билайн: у Билайна опять нет связи',
    language: 'ru',
    author: { id: '1', handle: 'Ivan', name: 'Иван', url: null },
    publishedAt: '2026-03-02T10:00:00.000Z',
    collectedAt: '2026-03-02T10:00:01.000Z',
    topicIds: ['mts', 'beeline'],
    matches: [],
    direct: false,
    duplicateOf: null,
    spam: { score: 0, reasons: [] },
    sentiment: {
      label: 'neutral',
      score: 0.5,
      scores: { negative: 0.3, neutral: 0.5, positive: 0.2 },
      byTopic: [
        { topicId: 'mts', label: 'positive', score: 0.7 },
        { topicId: 'beeline', label: 'negative', score: 0.8 },
      ],
    },
    intent: { label: 'complaint', replyNeeded: true, confidence: 0.7, reasons: [] },
    model: { id: 'm', version: '1' },
    scoredAt: '2026-03-02T10:00:02.000Z',
    ...over,
  };
}

const engine = (...rules: WorkflowRule[]) => new RuleEngine(rules);

describe('RuleEngine', () => {
  it('judges tone toward the rule’s own topics: the same post is good news for one brand and bad for the other', () => {
    const mtsNegative = rule({ name: 'mts negative', conditions: { topicIds: ['mts'], sentiments: ['negative'] }, actions: { addTags: ['mts'] } });
    const beelineNegative = rule({ name: 'beeline negative', conditions: { topicIds: ['beeline'], sentiments: ['negative'] }, actions: { addTags: ['beeline'] } });
    const outcome = engine(mtsNegative, beelineNegative).evaluate(mention());
    expect(outcome.matched.map((r) => r.name)).toEqual(['beeline negative']);
    expect(outcome.change.addTags).toEqual(['beeline']);
  });

  it('adds up tags, lets the first rule decide status and assignee, and stops when told', () => {
    const a = rule({ name: 'a', conditions: { intents: ['complaint'] }, actions: { addTags: ['Support'], assignTo: 'anna', setStatus: 'in_progress' } });
    const b = rule({ name: 'b', conditions: { replyNeeded: true }, actions: { addTags: ['reply'], assignTo: 'boris', stop: true } });
    const c = rule({ name: 'c', actions: { addTags: ['never'] } });
    // Position order, not argument order; b stops the chain before c.
    const ordered = engine(c, b, a).evaluate(mention());
    expect(ordered.matched.map((r) => r.name)).toEqual(['a', 'b']);
    expect(ordered.change).toEqual({ status: 'in_progress', assignee: 'anna', addTags: ['support', 'reply'] });
    const cFirst = engine(a, b, { ...c, position: 0 }).evaluate(mention());
    expect(cFirst.matched.map((r) => r.name)).toEqual(['c', 'a', 'b']);
    expect(cFirst.change.addTags).toEqual(['never', 'support', 'reply']);
  });

  it('skips spam unless asked, never matches copies, and honours query, handles, sources and direct', () => {
    const any = rule({ name: 'any', actions: { addTags: ['x'] } });
    expect(engine(any).evaluate(mention({ spam: { score: 0.7, reasons: [] } })).matched).toEqual([]);
    expect(engine(rule({ name: 'spam too', conditions: { includeSpam: true }, actions: { addTags: ['x'] } })).evaluate(mention({ spam: { score: 0.7, reasons: [] } })).matched).toHaveLength(1);
    expect(engine(any).evaluate(mention({ duplicateOf: 'other' })).matched).toEqual([]);

    const query = rule({ name: 'q', conditions: { query: 'связь NEAR/3 нет -вакансия' }, actions: { addTags: ['x'] } });
    expect(engine(query).evaluate(mention()).matched).toHaveLength(1);
    expect(engine(query).evaluate(mention({ text: 'вакансия: нет связи с кандидатами' })).matched).toEqual([]);
    expect(engine(rule({ name: 'h', conditions: { authorHandles: ['@ivan'] }, actions: { addTags: ['x'] } })).evaluate(mention()).matched).toHaveLength(1);
    expect(engine(rule({ name: 's', conditions: { sources: ['twitter'] }, actions: { addTags: ['x'] } })).evaluate(mention()).matched).toEqual([]);
    expect(engine(rule({ name: 'd', conditions: { direct: true }, actions: { addTags: ['x'] } })).evaluate(mention()).matched).toEqual([]);
    expect(engine(rule({ name: 'off', enabled: false, actions: { addTags: ['x'] } })).evaluate(mention()).matched).toEqual([]);
    expect(engine(rule({ name: 'i', conditions: { intents: ['question'] }, actions: { addTags: ['x'] } })).evaluate(mention({ intent: undefined })).matched).toEqual([]);
  });
});
