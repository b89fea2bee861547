import { describe, expect, it } from 'vitest';
import type { AnswerCategory } from '../api/api.types.js';
import { EMPTY_ANSWER_FORM, answerErrorKey, answerFieldKeys, categoryToForm, compactAnswerForm, formToAnswerInput, intentsSummary } from './answer-form.js';

const category: AnswerCategory = {
  id: 'no-internet',
  name: 'No internet',
  patterns: ['интернет AND нет', 'no internet'],
  template: 'Hello {{author.name}}',
  translations: [{ language: 'en', template: 'Hi' }],
  intents: ['complaint'],
  position: 10,
};

describe('answer form mapping', () => {
  it('round-trips a category', () => {
    const form = categoryToForm(category);
    expect(formToAnswerInput(form)).toEqual({ name: 'No internet', patterns: category.patterns, template: 'Hello {{author.name}}', translations: [{ language: 'en', template: 'Hi' }], intents: ['complaint'] });
  });

  it('starts a new category with one empty pattern row and sends no blank patterns', () => {
    expect(EMPTY_ANSWER_FORM.patterns).toEqual(['']);
    expect(formToAnswerInput({ ...EMPTY_ANSWER_FORM, name: ' X ', patterns: ['', ' a '], translations: [{ language: ' EN ', template: 't' }] })).toMatchObject({ name: 'X', patterns: ['a'], translations: [{ language: 'en', template: 't' }] });
  });

  it('compacts blank rows so indices match what the server names', () => {
    const compacted = compactAnswerForm({ ...EMPTY_ANSWER_FORM, patterns: ['', 'a', ' ', 'b ('], translations: [{ language: '', template: '' }, { language: 'en', template: 'x' }] });
    expect(compacted.patterns).toEqual(['a', 'b (']);
    expect(compacted.translations).toEqual([{ language: 'en', template: 'x' }]);
    expect(compactAnswerForm(EMPTY_ANSWER_FORM).patterns).toEqual(['']);
  });
});

describe('answerErrorKey', () => {
  const form = categoryToForm({ ...category, translations: [{ language: 'uk', template: 'a' }, { language: 'en', template: 'b' }] });
  it('turns a language into the row of that translation', () => {
    expect(answerErrorKey('translations.en', form)).toBe('translations.1.template');
    expect(answerErrorKey('translations.de', form)).toBe('translations');
    expect(answerErrorKey('patterns.1', form)).toBe('patterns.1');
  });

  it('lists a key per pattern and translation row', () => {
    expect(answerFieldKeys(form)).toEqual(expect.arrayContaining(['patterns.0', 'patterns.1', 'translations.1.template', 'template']));
  });
});

describe('intentsSummary', () => {
  it('names the intents or says any', () => {
    expect(intentsSummary([])).toBe('any intent');
    expect(intentsSummary(['complaint', 'question'])).toBe('Complaint, Question');
  });
});
