import type { QueryNode } from '../parsing/query.ast.js';
import { parseQuery } from '../parsing/query.parser.js';
import { QueryParseError } from '../parsing/query-parse.error.js';
import { DocumentView, type QueryDocument } from './document.view.js';
import { buildMatcher, type Hit } from './query.evaluator.js';

/** UTF-16 offsets into the document text, end exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

export interface QueryExplanation {
  matched: boolean;
  /**
   * The operands that made the document match, as written in the query ("Билайн",
   * "\"мобильный интернет\"", "интернет NEAR/3 нет", "source:vk"), in query order, each once.
   * Empty when the document does not match.
   */
  terms: string[];
  /** The document words those operands matched, merged and sorted: for highlighting. */
  highlights: TextSpan[];
}

export interface QueryTerm {
  /** As written in the query. */
  text: string;
  kind: 'term' | 'phrase' | 'prefix' | 'field';
  /** Under an odd number of NOT/-: the term excludes rather than selects. */
  negated: boolean;
}

export interface CompiledQuery {
  readonly source: string;
  readonly ast: QueryNode;
  /** Every leaf of the query, in order. */
  readonly terms: readonly QueryTerm[];
  /**
   * The query fully parenthesised, words normalized: shows users how precedence read their
   * query ("a OR b -c" is "(a OR (b AND NOT c))").
   */
  readonly canonical: string;
  /** A prepared document (see `prepareDocument`) is tokenized once for any number of queries. */
  matches(doc: QueryDocument | PreparedDocument): boolean;
  explain(doc: QueryDocument | PreparedDocument): QueryExplanation;
}

/** A document tokenized and stemmed lazily, once, however many queries test it. */
export type PreparedDocument = DocumentView;

/**
 * Prepares a document for many queries (a collector testing every tracked topic): the
 * tokenizing and stemming that dominate matching then happen once per document.
 */
export function prepareDocument(doc: QueryDocument): PreparedDocument {
  return new DocumentView(doc);
}

const viewOf = (doc: QueryDocument | PreparedDocument): DocumentView => (doc instanceof DocumentView ? doc : new DocumentView(doc));

export type QueryValidation =
  | { ok: true }
  | { ok: false; error: { message: string; position: number; line: number; column: number; expected: string[] } };

/** Parses and prepares a query once; the result matches any number of documents. */
export function compileQuery(source: string): CompiledQuery {
  const ast = parseQuery(source);
  const matcher = buildMatcher(ast, source);
  return {
    source,
    ast,
    terms: collectTerms(ast, source, false),
    canonical: render(ast, true),
    matches: (doc) => matcher.test(viewOf(doc)),
    explain: (doc) => {
      const view = viewOf(doc);
      const hits: Hit[] = [];
      if (!matcher.explain(view, hits)) return { matched: false, terms: [], highlights: [] };
      return { matched: true, terms: [...new Set(hits.map((hit) => hit.label))], highlights: highlights(view, hits) };
    },
  };
}

/** For API layers that report problems rather than throw: the gateway's field errors. */
export function validateQuery(source: string): QueryValidation {
  try {
    parseQuery(source);
    return { ok: true };
  } catch (error) {
    if (!(error instanceof QueryParseError)) throw error;
    const { message, position, line, column, expected } = error;
    return { ok: false, error: { message, position, line, column, expected } };
  }
}

function highlights(view: DocumentView, hits: readonly Hit[]): TextSpan[] {
  const positions = [...new Set(hits.flatMap((hit) => hit.words))].sort((a, b) => a - b);
  const spans: TextSpan[] = [];
  for (const position of positions) {
    const token = view.tokens[position];
    if (token === undefined) continue;
    const last = spans.at(-1);
    if (last !== undefined && last.end >= token.start) last.end = Math.max(last.end, token.end);
    else spans.push({ start: token.start, end: token.end });
  }
  return spans;
}

function collectTerms(node: QueryNode, source: string, negated: boolean): QueryTerm[] {
  switch (node.kind) {
    case 'term':
    case 'phrase':
    case 'prefix':
    case 'field':
      return [{ text: source.slice(node.start, node.end), kind: node.kind, negated }];
    case 'not':
      return collectTerms(node.operand, source, !negated);
    case 'and':
    case 'or':
      return node.operands.flatMap((operand) => collectTerms(operand, source, negated));
    case 'near':
      return [...collectTerms(node.left, source, negated), ...collectTerms(node.right, source, negated)];
  }
}

function render(node: QueryNode, top = false): string {
  const group = (text: string): string => (top ? text : `(${text})`);
  switch (node.kind) {
    case 'term':
      return node.glued ? `*${node.word}*` : node.word;
    case 'phrase':
      return node.glued ? `*${node.words.join('-')}*` : `"${node.words.join(' ')}"`;
    case 'prefix':
      return `${node.prefix}*`;
    case 'field':
      return `${node.field}:${/[\s()"«»“”„]/u.test(node.value) || node.value.length === 0 ? `"${node.value}"` : node.value}${node.prefix ? '*' : ''}`;
    case 'not':
      return `NOT ${render(node.operand)}`;
    case 'and':
    case 'or':
      return group(node.operands.map((operand) => render(operand)).join(node.kind === 'and' ? ' AND ' : ' OR '));
    case 'near':
      return group(`${render(node.left)} NEAR/${node.distance} ${render(node.right)}`);
  }
}
