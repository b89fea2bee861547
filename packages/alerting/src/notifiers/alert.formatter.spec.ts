import { describe, expect, it } from 'vitest';
import { alertSchema } from '../alerts/alert.schema.js';
import { ruleAlert } from '../testing/alert.fixture.js';
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
});
