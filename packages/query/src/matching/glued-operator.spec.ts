import { describe, expect, it } from 'vitest';
import { QueryParseError } from '../parsing/query-parse.error.js';
import { compileQuery, validateQuery } from './query.compiler.js';

const matches = (query: string, text: string): boolean => compileQuery(query).matches({ text });

describe('*name*: a name glued to other words', () => {
  it.each([
    ['*билайн*', '#билайнотстой опять', true],
    ['*билайн*', '#яненавижубилайн', true],
    ['*билайн*', 'Билайновский роутер', true],
    ['*билайн*', 'у билайна новый тариф', true], // still inflects as a word
    ['билайн', '#билайнотстой опять', false], // plain words do not glue
    ['*ростелеком*', 'ростелекомовское тв', true],
    ['*пятёрочка*', '#вПятерочкеопять', true], // the base without its final vowel
    ['*альфа-банк*', '#альфабанк вы лучшие', true], // several words run together
    ['*альфа-банк*', 'в Альфа-Банке', true],
    ['*альфа-банк*', 'альфа-версия', false],
    ['*verizon*', '@VerizonSupport help', true],
    // An acronym glues at a word's edges only.
    ['*мтс*', 'мтсники, привет', true],
    ['*мтс*', '#ненавижумтс', true],
    ['*мтс*', 'смтсп', false],
  ] as const)('%s in "%s" → %s', (query, text, expected) => {
    expect(matches(query, text)).toBe(expected);
    expect(compileQuery(query).explain({ text }).matched).toBe(expected);
  });

  it('highlights the glued word', () => {
    const text = 'ну #билайнотстой';
    const [span] = compileQuery('*билайн*').explain({ text }).highlights;
    expect(text.slice(span!.start, span!.end)).toBe('билайнотстой');
  });

  it('works inside NEAR and shows in the canonical form', () => {
    expect(matches('*билайн* NEAR/2 лежит', '#билайнлежит лежит')).toBe(true);
    expect(compileQuery('*Билайн* OR *альфа-банк*').canonical).toBe('*билайн* OR *альфа-банк*');
    expect(compileQuery('*Билайн*').ast).toMatchObject({ kind: 'term', word: 'билайн', glued: true });
  });

  it('rejects a star before a word without one after it', () => {
    expect(() => compileQuery('*билайн')).toThrow(QueryParseError);
    expect(validateQuery('мтс OR *билайн')).toMatchObject({ ok: false, error: { position: 7 } });
    expect(() => compileQuery('**')).toThrow(QueryParseError);
  });
});
