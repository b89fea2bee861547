import { describe, expect, it } from 'vitest';
import { alertSchema } from '../alerts/alert.schema.js';
import { leakAlert, ruleAlert } from '../testing/alert.fixture.js';
import { alertPlainText, viewAlert } from './alert.formatter.js';

describe('alert formatter', () => {
  it('renders a rule alert with the rule, the author, intent and tone, the post as a quote and its link', () => {
    expect(alertSchema.parse(ruleAlert)).toEqual(ruleAlert);
    const view = viewAlert(ruleAlert);
    expect(view.title).toBe('[HIGH] Urgent complaints: ivan (vk)');
    expect(view.fields.map((f) => f.label)).toEqual(['Rule', 'Author', 'Intent', 'Tone', 'Published', 'Mention', 'Topics']);
    expect(view.quote).toBe('МТС, третий день нет интернета');
    expect(alertPlainText(ruleAlert)).toContain('Link: https://vk.com/wall1_42');
  });

  it('says why a leak matched: the watch lists holding the author and the words found', () => {
    const why = { ...leakAlert, watchedAccount: true, watchLists: ['Employees'], evidence: ['проекта Сокол'], matchedTerms: ['"Проект Сокол"'] };
    expect(alertSchema.parse(why)).toEqual(why);
    const text = alertPlainText(why);
    expect(text).toContain('Author: insider (telegram), on watch list Employees');
    expect(text).toContain('Terms: "Проект Сокол"');
    expect(text).toContain('Found: “проекта Сокол”');
    // Alerts from before these fields existed still render.
    expect(alertPlainText(leakAlert)).toContain('Author: insider (telegram)\nTerms: ORION-7\nPublished');
  });
});
