import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QueryParseError } from '../parsing/query-parse.error.js';
import type { QueryDocument } from './document.view.js';
import { compileQuery, validateQuery, type CompiledQuery } from './query.compiler.js';

/** Query-shaped noise: random strings almost never get past the first token. */
const fragment = fc.oneof(
  fc.constantFrom('AND', 'OR', 'NOT', 'NEAR/2', 'NEAR', 'NEAR/x', '(', ')', '"', '«', '»', '-', '*', ' ', ' ', ' '),
  fc.constantFrom('билайн', 'Beeline', 'интернет*', 'нет', 'мтс', 'wi-fi', 'AT&T', '#билайн', '@beeline_support', 'ёлка'),
  fc.constantFrom('source:vk', 'lang:ru', 'author:ivan', 'author:"Иван Петров"', 'foo:bar', 'source:'),
  fc.string({ maxLength: 4 }),
  fc.string({ unit: 'binary', maxLength: 3 }),
);
const fragments = fc.array(fragment, { maxLength: 12 });
const queryLike = fc.oneof(
  fragments.map((parts) => parts.join('')),
  fragments.map((parts) => parts.join(' ')),
);

/** Well-formed queries built from the grammar, to reach deep into the evaluator. */
const leaf = fc.constantFrom(
  'билайн', 'Beeline', 'интернет', 'нет', 'мтс', 'интернет*', '"мобильный интернет"', 'wi-fi', 'AT&T', 'support',
  'source:vk', 'lang:ru', 'author:ivan*',
);
const { wellFormed } = fc.letrec<{ wellFormed: string }>((tie) => ({
  wellFormed: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.tuple(tie('wellFormed'), fc.constantFrom('AND', 'OR', ' ', 'NEAR/1', 'NEAR/3'), tie('wellFormed')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('wellFormed').map((operand) => `-${operand}`),
    tie('wellFormed').map((operand) => `NOT ${operand}`),
  ),
}));
const anyString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), queryLike, wellFormed);

const textLike = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc
    .array(fc.constantFrom('билайн', 'билайна', 'Beeline', 'интернета', 'нет', 'мтс', '#билайн', '@beeline_support', 'ё', '😀', '\u200B', ' ', ', '), {
      maxLength: 20,
    })
    .map((words) => words.join(' ')),
);
const documents: fc.Arbitrary<QueryDocument> = fc.record(
  {
    text: textLike,
    author: fc.string({ unit: 'binary', maxLength: 12 }),
    source: fc.constantFrom('vk', 'telegram', 'VK', ''),
    language: fc.constantFrom('ru', 'en', 'ru-RU', 'und'),
  },
  { requiredKeys: ['text'] },
);

const compiles = (source: string): CompiledQuery | undefined => {
  try {
    return compileQuery(source);
  } catch (error) {
    if (error instanceof QueryParseError) return undefined;
    throw error;
  }
};
const compiledQueries = fc.oneof(queryLike, wellFormed).map(compiles).filter((query): query is CompiledQuery => query !== undefined);

describe('query language properties', () => {
  it('compiles any string or throws QueryParseError, nothing else', () => {
    fc.assert(
      fc.property(anyString, (source) => {
        try {
          compileQuery(source);
        } catch (error) {
          expect(error).toBeInstanceOf(QueryParseError);
          const { position } = error as QueryParseError;
          expect(position).toBeGreaterThanOrEqual(0);
          expect(position).toBeLessThanOrEqual(source.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('validateQuery agrees with compileQuery', () => {
    fc.assert(
      fc.property(anyString, (source) => {
        expect(validateQuery(source).ok).toBe(compiles(source) !== undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on a document, and answers the same every time', () => {
    fc.assert(
      fc.property(compiledQueries, documents, (query, doc) => {
        const first = query.matches(doc);
        expect(query.matches(doc)).toBe(first);
        const explanation = query.explain(doc);
        expect(explanation.matched).toBe(first);
        for (const { start, end } of explanation.highlights) {
          expect(0 <= start && start < end && end <= doc.text.length).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('NOT is the complement of its operand', () => {
    fc.assert(
      fc.property(compiledQueries, documents, (query, doc) => {
        expect(compileQuery(`NOT (${query.source})`).matches(doc)).toBe(!query.matches(doc));
      }),
      { numRuns: 300 },
    );
  });

  it('survives documents that are not what the types promise', () => {
    const query = compileQuery('билайн OR source:vk OR author:ivan OR lang:ru');
    const broken = [{}, { text: null }, { text: 42, source: 7 }, { text: 'билайн', author: {} }] as unknown as QueryDocument[];
    for (const doc of broken) expect(() => query.matches(doc)).not.toThrow();
  });
});
