import { compileQuery, validateQuery, type QueryDocument } from '@pulse/query';

/**
 * The query language as the gateway uses it: topic queries and `search` share the
 * collector's syntax and morphology (`@pulse/query`), so a query means the same thing on
 * the live feed, in stored search, and in what collectors match.
 */
export type QueryValidation = { ok: true } | { ok: false; error: { message: string; position: number; expected: string[] } };

export type QueryValidator = (source: string) => QueryValidation;

export type SearchCompiler = (source: string) => { matches(doc: QueryDocument): boolean };

export interface QueryLanguage {
  validate: QueryValidator;
  compileSearch: SearchCompiler;
}

export const DEFAULT_QUERY_LANGUAGE: QueryLanguage = {
  validate: (source) => {
    const result = validateQuery(source);
    return result.ok ? { ok: true } : { ok: false, error: { message: result.error.message, position: result.error.position, expected: [...result.error.expected] } };
  },
  compileSearch: (source) => compileQuery(source),
};
