import { parseQuery, type QueryNode } from '@pulse/query';

/** Binds a value as the next positional parameter and returns its placeholder. */
export type BindParam = (value: unknown) => string;

/**
 * NEAR/n becomes an OR over exact distances (tsquery_phrase both ways) up to this n; a
 * wider NEAR is searched as AND (both words present), which can only over-match.
 */
const MAX_EXACT_NEAR = 8;

const CONFIG = `'russian'::regconfig`;

/**
 * Translates a query-language `search` into a SQL predicate over the mentions table, so
 * stored search, the live feed and the collectors agree: text operands become tsquery
 * over the `tsv` column (Postgres's Snowball Russian stemmer, which also stems English,
 * like @pulse/query's), fields become column conditions, and boolean structure is kept.
 * Values are always bound parameters. Throws QueryParseError on bad syntax (callers
 * validate first).
 */
export function searchToSql(source: string, bind: BindParam): string {
  return predicate(parseQuery(source), bind);
}

function predicate(node: QueryNode, bind: BindParam): string {
  switch (node.kind) {
    case 'term':
    case 'phrase':
    case 'prefix':
    case 'near': {
      const query = tsquery(node, bind);
      // A stop word ("и", "the") alone yields an empty tsquery, which matches nothing: treat it as no condition.
      return `(numnode(${query}) = 0 OR tsv @@ ${query})`;
    }
    case 'field':
      return fieldPredicate(node.field, node.value, node.prefix, bind);
    case 'not':
      return `NOT ${predicate(node.operand, bind)}`;
    case 'and':
      return `(${node.operands.map((o) => predicate(o, bind)).join(' AND ')})`;
    case 'or':
      return `(${node.operands.map((o) => predicate(o, bind)).join(' OR ')})`;
    default: {
      const unreachable: never = node;
      return unreachable;
    }
  }
}

function tsquery(node: QueryNode, bind: BindParam): string {
  switch (node.kind) {
    case 'term':
      return `plainto_tsquery(${CONFIG}, ${bind(node.word)})`;
    case 'phrase':
      return `phraseto_tsquery(${CONFIG}, ${bind(node.words.join(' '))})`;
    case 'prefix':
      return `to_tsquery(${CONFIG}, ${bind(`${quoteLexeme(node.prefix)}:*`)})`;
    case 'or':
      return `(${node.operands.map((o) => tsquery(o, bind)).join(' || ')})`;
    case 'and':
      return `(${node.operands.map((o) => tsquery(o, bind)).join(' && ')})`;
    case 'near': {
      const left = tsquery(node.left, bind);
      const right = tsquery(node.right, bind);
      if (node.distance > MAX_EXACT_NEAR) return `(${left} && ${right})`;
      const alternatives: string[] = [];
      for (let d = 1; d <= node.distance; d++) alternatives.push(`tsquery_phrase(${left}, ${right}, ${d})`, `tsquery_phrase(${right}, ${left}, ${d})`);
      return `(${alternatives.join(' || ')})`;
    }
    case 'not':
      return `(!! ${tsquery(node.operand, bind)})`;
    case 'field':
      // The parser only allows words, phrases, prefixes and their groups around NEAR.
      throw new Error(`a ${node.field}: filter cannot be part of a NEAR operand`);
    default: {
      const unreachable: never = node;
      return unreachable;
    }
  }
}

function fieldPredicate(field: 'author' | 'source' | 'lang', value: string, prefix: boolean, bind: BindParam): string {
  const like = (v: string): string => bind(`${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  switch (field) {
    case 'author':
      return prefix ? `lower(author_handle) LIKE ${like(value.toLowerCase())}` : `lower(author_handle) = ${bind(value.toLowerCase())}`;
    case 'source':
      return prefix ? `source LIKE ${like(value)}` : `source = ${bind(value)}`;
    case 'lang':
      // Matches `lang:ru` against "ru" and regional forms such as "ru-RU", as the live matcher does.
      return prefix ? `language LIKE ${like(value)}` : `(language = ${bind(value)} OR language LIKE ${like(`${value}-`)})`;
    default: {
      const unreachable: never = field;
      return unreachable;
    }
  }
}

/** A tsquery lexeme in single quotes, so punctuation inside a prefix cannot become an operator. */
function quoteLexeme(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
