import { describe, expect, it } from 'vitest';
import { parseQuery } from './query.parser.js';
import { QueryParseError } from './query-parse.error.js';

function parseError(source: string): QueryParseError {
  try {
    parseQuery(source);
  } catch (error) {
    if (error instanceof QueryParseError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(source)} not to parse`);
}

type ErrorCase = readonly [name: string, query: string, position: number, expected: readonly string[]];

const ERRORS: readonly ErrorCase[] = [
  ['empty query', '', 0, ['a term', '"("']],
  ['blank query', '   ', 3, ['a term', '"("']],
  ['unclosed "("', '(билайн OR мтс', 14, ['")"']],
  ['stray ")"', 'билайн OR мтс)', 13, ['end of query']],
  ['empty parentheses', 'билайн ()', 8, ['a term', '"("']],
  ['dangling OR', 'билайн OR', 9, ['a term', '"("']],
  ['leading OR', 'OR билайн', 0, ['a term', '"("']],
  ['doubled AND', 'билайн AND AND мтс', 11, ['a term', '"("']],
  ['dangling NOT', 'билайн NOT', 10, ['a term', '"("']],
  ['dangling NEAR', 'билайн NEAR/3', 13, ['a term', '"("']],
  ['dangling -', 'билайн -', 8, ['a term', 'a phrase', '"("']],
  ['- before a space', 'билайн - вакансии', 8, ['a term', 'a phrase', '"("']],
  ['unterminated quote', '"мобильный интернет', 19, ['a closing "']],
  ['unterminated «', 'билайн «мобильный', 17, ['a closing »']],
  ['empty phrase', 'билайн ""', 8, ['a word with letters or digits']],
  ['NEAR without a number', 'интернет NEAR нет', 13, ['"/" and a number of words, as in NEAR/3']],
  ['NEAR/ without digits', 'интернет NEAR/x нет', 14, ['a number of words, as in NEAR/3']],
  ['NEAR/0', 'интернет NEAR/0 нет', 14, ['a number of words from 1 to 1000']],
  ['NEAR over AND', '(билайн мтс) NEAR/2 тариф', 0, ['a word, a phrase, a prefix* or an OR group of them']],
  ['NEAR over NOT', 'интернет NEAR/2 -нет', 16, ['a word, a phrase, a prefix* or an OR group of them']],
  ['NEAR over a field', 'source:vk NEAR/2 билайн', 0, ['a word, a phrase, a prefix* or an OR group of them']],
  ['unknown field', 'билайн foo:bar', 7, ['"author:"', '"source:"', '"lang:"']],
  ['field without a value', 'билайн source:', 14, ['a value after "source:"']],
  ['quoted field without a value', 'author:""', 7, ['a value after "author:"']],
  ['bare *', 'билайн *', 7, ['a single word of at least 2 letters before "*"']],
  ['one-letter prefix', 'б*', 0, ['a single word of at least 2 letters before "*"']],
  ['punctuation only', 'билайн — мтс', 7, ['a word with letters or digits']],
];

describe('parseQuery errors', () => {
  it.each(ERRORS)('%s: %j at %i', (_name, query, position, expected) => {
    const error = parseError(query);
    expect(error.position).toBe(position);
    expect(error.expected).toEqual(expected);
    expect(error.message).toContain(`at position ${position} but found`);
  });

  it('words the message as "expected … at position … but found …"', () => {
    expect(parseError('билайн AND ()').message).toBe('expected a term or "(" at position 12 but found ")"');
    expect(parseError('билайн OR').message).toBe('expected a term or "(" at position 9 but found end of query');
    expect(parseError('(билайн').message).toBe('expected ")" at position 7 but found end of query (the "(" at position 0 is not closed)');
  });

  it('gives line and column for multi-line queries', () => {
    const error = parseError('билайн OR\nмтс OR\n  )');
    expect(error).toMatchObject({ position: 19, line: 3, column: 3 });
  });

  it('stops runaway nesting and length with a parse error, not a stack overflow', () => {
    expect(parseError(`${'('.repeat(2000)}билайн${')'.repeat(2000)}`).position).toBe(100);
    expect(parseError('-'.repeat(2000) + 'билайн').position).toBe(100);
    expect(parseError('билайн '.repeat(2000)).position).toBe(10_000);
  });
});

describe('parseQuery structure', () => {
  it('treats only upper-case AND, OR, NOT, NEAR/n as operators', () => {
    expect(parseQuery('билайн and мтс')).toMatchObject({ kind: 'and', operands: [{ word: 'билайн' }, { word: 'and' }, { word: 'мтс' }] });
    expect(parseQuery('not')).toMatchObject({ kind: 'term', word: 'not' });
    expect(parseQuery('"OR"')).toMatchObject({ kind: 'term', word: 'or' });
  });

  it('reads a split word as a phrase and a hyphen inside a word as part of it', () => {
    expect(parseQuery('wi-fi')).toMatchObject({ kind: 'phrase', words: ['wi', 'fi'] });
    expect(parseQuery('-wi-fi')).toMatchObject({ kind: 'not', operand: { kind: 'phrase', words: ['wi', 'fi'] } });
  });

  it('keeps source spans of what was typed', () => {
    const node = parseQuery('билайн NEAR/3 "мобильный интернет"');
    expect(node).toMatchObject({ kind: 'near', distance: 3, start: 0, end: 34, right: { kind: 'phrase', start: 14, end: 34 } });
  });

  it('normalizes field values', () => {
    expect(parseQuery('author:@Иван_Петров')).toMatchObject({ kind: 'field', field: 'author', value: 'иван_петров', prefix: false });
    expect(parseQuery('Source:VK*')).toMatchObject({ kind: 'field', field: 'source', value: 'vk', prefix: true });
  });
});

describe('parseQuery regressions', () => {
  it('rejects a stray closing quote instead of looping on it', () => {
    expect(parseError('билайн »').position).toBe(7);
    expect(parseError('билайн »').expected).toEqual(['a word with letters or digits']);
  });
});
