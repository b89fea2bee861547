import { describe, expect, it } from 'vitest';
import type { Rule } from '../api/api.types.js';
import { EMPTY_RULE_FORM, checkRuleForm, compactRuleForm, formToRuleInput, ruleFieldKeys, ruleSummary, ruleToForm, splitHandles } from './rule-form.js';

const rule: Rule = {
  id: 'r1',
  name: 'Billing complaints to Jira',
  enabled: true,
  position: 10,
  updatedAt: '2026-11-21T10:00:00.000Z',
  conditions: {
    topicIds: ['beeline'],
    sentiments: ['negative'],
    intents: ['complaint', 'question'],
    replyNeeded: true,
    sources: ['vk'],
    query: 'списали OR деньги',
    authorHandles: ['anna'],
    direct: null,
    includeSpam: false,
  },
  actions: {
    addTags: ['billing'],
    setStatus: 'in_progress',
    assignTo: 'Billing team',
    notify: 'high',
    helpdesk: { name: 'Jira', url: 'https://jira.example.com/hook', headerNames: ['Authorization'], signed: true, payloadTemplate: '{"t":"{{mention.text}}"}', ticketIdField: 'key' },
    stop: true,
  },
};

describe('rule form mapping', () => {
  it('an empty form sends only the name, enabled and empty conditions/actions', () => {
    expect(formToRuleInput({ ...EMPTY_RULE_FORM, name: ' R ' })).toEqual({ name: 'R', enabled: true, conditions: {}, actions: {} });
  });

  it('a stored rule fills the editor; header values and the secret start empty, signed is kept', () => {
    const form = ruleToForm(rule);
    expect(form.replyNeeded).toBe('yes');
    expect(form.direct).toBe('any');
    expect(form.authorHandles).toBe('anna');
    expect(form.headers).toEqual([{ name: 'Authorization', value: '' }]);
    expect(form.secret).toBe('');
    expect(form.signed).toBe(true);
  });

  it('maps the editor back to RuleInput, leaving the secret out when not retyped', () => {
    const form = { ...ruleToForm(rule), headers: [{ name: 'Authorization', value: 'Bearer x' }], direct: 'no' as const };
    const input = formToRuleInput(form);
    expect(input.conditions).toEqual({ topicIds: ['beeline'], sentiments: ['negative'], intents: ['complaint', 'question'], replyNeeded: true, sources: ['vk'], query: 'списали OR деньги', authorHandles: ['anna'], direct: false });
    expect(input.actions).toEqual({
      addTags: ['billing'],
      setStatus: 'in_progress',
      assignTo: 'Billing team',
      notify: 'high',
      helpdesk: { name: 'Jira', url: 'https://jira.example.com/hook', headers: [{ name: 'Authorization', value: 'Bearer x' }], payloadTemplate: '{"t":"{{mention.text}}"}', ticketIdField: 'key' },
      stop: true,
    });
    expect(formToRuleInput({ ...form, secret: 'a-new-secret-of-16+' }).actions.helpdesk?.secret).toBe('a-new-secret-of-16+');
    expect(formToRuleInput({ ...form, helpdesk: false }).actions.helpdesk).toBeUndefined();
  });

  it('splits tags on commas and handles on commas or spaces, without @', () => {
    expect(formToRuleInput({ ...EMPTY_RULE_FORM, name: 'x', addTags: 'vip client, urgent,,urgent' }).actions.addTags).toEqual(['vip client', 'urgent']);
    expect(splitHandles('@anna, bob  @carl')).toEqual(['anna', 'bob', 'carl']);
  });

  it('drops blank header rows and asks for values of kept ones', () => {
    const form = { ...ruleToForm(rule), headers: [{ name: '', value: '' }, { name: 'Authorization', value: '' }] };
    const compacted = compactRuleForm(form);
    expect(compacted.headers).toEqual([{ name: 'Authorization', value: '' }]);
    expect(checkRuleForm(compacted)?.key).toBe('actions.helpdesk.headers.0.value');
    expect(checkRuleForm({ ...compacted, headers: [{ name: 'Authorization', value: 'v' }] })).toBeUndefined();
    expect(checkRuleForm({ ...compacted, name: ' ' })?.key).toBe('name');
    expect(ruleFieldKeys(compacted)).toContain('actions.helpdesk.headers.0.value');
  });
});

describe('ruleSummary', () => {
  it('says when and what in one line, with topic names', () => {
    expect(ruleSummary(rule, new Map([['beeline', 'Билайн']]))).toBe(
      'When topic Билайн, negative, complaint or question, needs a reply, from VK, matching “списали OR деньги”, by @anna → tag billing, set In progress, assign to Billing team, notify (high), send to Jira (signed), stop',
    );
  });

  it('a rule without conditions runs on every new mention', () => {
    const bare: Rule = { ...rule, conditions: { ...rule.conditions, topicIds: [], sentiments: [], intents: [], replyNeeded: null, sources: [], query: null, authorHandles: [] }, actions: { addTags: ['x'], setStatus: null, assignTo: null, notify: null, helpdesk: null, stop: false } };
    expect(ruleSummary(bare, new Map())).toBe('Every new mention → tag x');
  });
});
