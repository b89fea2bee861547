import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/graphql-client.js';
import { FORM_KEY, caretAt, normalizeField, placeField, toFieldError } from './field-errors.js';

describe('normalizeField', () => {
  it('drops input. and turns [n] into .n', () => {
    expect(normalizeField('input.conditions.query')).toBe('conditions.query');
    expect(normalizeField('input.patterns[0]')).toBe('patterns.0');
    expect(normalizeField('input.patterns.2')).toBe('patterns.2');
    expect(normalizeField('input.actions.helpdesk.headers.1.name')).toBe('actions.helpdesk.headers.1.name');
  });
});

describe('placeField', () => {
  const known = ['name', 'conditions.query', 'actions', 'actions.helpdesk.headers'];
  it('picks the named field, else the closest enclosing one, else the form', () => {
    expect(placeField('conditions.query', known)).toBe('conditions.query');
    expect(placeField('actions.helpdesk.headers.0.name', known)).toBe('actions.helpdesk.headers');
    expect(placeField('actions.notify', known)).toBe('actions');
    expect(placeField('id', known)).toBe(FORM_KEY);
    expect(placeField('names', known)).toBe(FORM_KEY);
  });
});

describe('toFieldError', () => {
  const known = ['conditions.query', 'patterns.0', 'template', 'actions.helpdesk.headers'];
  it('places a query error with its position and without the field prefix', () => {
    const error = new ApiError('invalid', 'input.conditions.query: expected a term at position 7', 'INVALID_QUERY', undefined, { field: 'input.conditions.query', position: 7 });
    expect(toFieldError(error, known)).toEqual({ key: 'conditions.query', message: 'expected a term at position 7', position: 7 });
  });

  it('reads both index styles', () => {
    const error = new ApiError('invalid', 'input.patterns[0]: unbalanced', 'INVALID_ARGUMENT', undefined, { field: 'input.patterns[0]', position: 3 });
    expect(toFieldError(error, known)).toEqual({ key: 'patterns.0', message: 'unbalanced', position: 3 });
  });

  it('keeps the detail when shown on an enclosing field', () => {
    const error = new ApiError('invalid', 'input.actions.helpdesk.headers.0.name: must be a header name', 'INVALID_ARGUMENT', undefined, { field: 'input.actions.helpdesk.headers.0.name' });
    expect(toFieldError(error, known)).toEqual({ key: 'actions.helpdesk.headers', message: '0.name: must be a header name' });
  });

  it('renames a field onto the form\'s own key first', () => {
    const error = new ApiError('invalid', 'input.translations.en: "{{" is never closed', 'INVALID_ARGUMENT', undefined, { field: 'input.translations.en', position: 3 });
    expect(toFieldError(error, ['translations.1.template'], (key) => (key === 'translations.en' ? 'translations.1.template' : key))).toEqual({
      key: 'translations.1.template',
      message: '"{{" is never closed',
      position: 3,
    });
  });

  it('puts role and network failures on the form in plain words', () => {
    expect(toFieldError(new ApiError('forbidden', 'no'), known)).toEqual({ key: FORM_KEY, message: expect.stringMatching(/read-only/) });
    expect(toFieldError(new Error('boom'), known).key).toBe(FORM_KEY);
  });
});

describe('caretAt', () => {
  it('points at the position, clamped to the end', () => {
    expect(caretAt('a AND (', 6)).toEqual({ line: 'a AND (', caret: '      ^' });
    expect(caretAt('ab', 9)).toEqual({ line: 'ab', caret: '  ^' });
    expect(caretAt('ab', 0)).toEqual({ line: 'ab', caret: '^' });
  });

  it('shows only the line of a multi-line text that holds the position', () => {
    expect(caretAt('Hello\n{{author.nam}} bye', 8)).toEqual({ line: '{{author.nam}} bye', caret: '  ^' });
    expect(caretAt('ab\ncd', 2)).toEqual({ line: 'ab', caret: '  ^' });
  });
});
