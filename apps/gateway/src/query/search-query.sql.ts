import { parseQuery, type QueryNode } from '@pulse/query';

/** Binds a value as the next positional parameter and returns its placeholder. */
export type BindParam = (value: unknown) => string;

const CONFIG = `'russian'::regconfig`;

/**
 * Upper bound of generated SQL characters per query character, checked by the property test
 * beside this file. Every query node is emitted a bounded number of times (at most twice), so
 * the SQL grows linearly with the query: no query string can make PostgreSQL parse or plan
 * megabytes of SQL.
 */
export const MAX_SQL_PER_QUERY_CHAR = 120;

/**
 * Translates a query-language `search` into a SQL predicate over the mentions table, so
 * stored search, the live feed and the collectors agree: text operands become tsquery
 * over the `tsv` column (Postgres's Snowball Russian stemmer, which also stems English,
 * like @pulse/query's), fields become column conditions, and boolean structure is kept.
 * Values are always bound parameters. Throws QueryParseError on bad syntax (callers
 * validate first).
 *
 * NEAR is evaluated positionally, like the live matcher (@pulse/query's `nearSpans`): each
 * operand yields the word spans it covers, read from the positions `tsv` already stores, and
 * NEAR joins the two span sets (one span per extent). Each operand's SQL appears once, so
 * nesting NEAR costs linear SQL — the former "OR over every exact distance" repeated both
 * operands 2·n times per level and grew ~16x per nesting level.
 */
export function searchToSql(source: string, bind: BindParam): string {
  return new SqlBuilder(bind).predicate(parseQuery(source));
}

class SqlBuilder {
  /** One placeholder per leaf text: the tsquery prefilter and the span check share it. */
  private readonly placeholders = new Map<QueryNode, string>();

  constructor(private readonly bind: BindParam) {}

  predicate(node: QueryNode): string {
    switch (node.kind) {
      case 'term':
      case 'phrase':
      case 'prefix':
        return this.textMatch(node);
      case 'near':
        // The tsquery (both operands present) lets the GIN index pick candidates; the span
        // check decides. A NULL span set means every operand was a stop word: no condition.
        return `(${this.textMatch(node)} AND coalesce(cardinality(${this.spans(node)}) > 0, true))`;
      case 'field':
        return fieldPredicate(node.field, node.value, node.prefix, this.bind);
      case 'not':
        return `NOT ${this.predicate(node.operand)}`;
      case 'and':
        return `(${node.operands.map((o) => this.predicate(o)).join(' AND ')})`;
      case 'or':
        return `(${node.operands.map((o) => this.predicate(o)).join(' OR ')})`;
      default: {
        const unreachable: never = node;
        return unreachable;
      }
    }
  }

  /** A stop word ("и", "the") alone yields an empty tsquery, which matches nothing: treat it as no condition. */
  private textMatch(node: QueryNode): string {
    const query = this.tsquery(node);
    return `(numnode(${query}) = 0 OR tsv @@ ${query})`;
  }

  /** A tsquery that every match of `node` satisfies (exact for words, phrases and prefixes). */
  private tsquery(node: QueryNode): string {
    switch (node.kind) {
      case 'term':
        return `plainto_tsquery(${CONFIG}, ${this.leafText(node)})`;
      case 'phrase':
        return `phraseto_tsquery(${CONFIG}, ${this.leafText(node)})`;
      case 'prefix':
        return `to_tsquery(${CONFIG}, ${this.bind(`${quoteLexeme(node.prefix)}:*`)})`;
      case 'or':
        return `(${node.operands.map((o) => this.tsquery(o)).join(' || ')})`;
      case 'near':
        // Necessary, not sufficient: the span check measures the distance.
        return `(${this.tsquery(node.left)} && ${this.tsquery(node.right)})`;
      default:
        // The parser allows only words, phrases, prefixes and their OR groups around NEAR.
        throw new Error(`a ${node.kind} cannot be part of a NEAR operand`);
    }
  }

  /**
   * The spans (int4range[] of word positions, inclusive-exclusive) where `node` occurs in the
   * row's `tsv`, or NULL when the node is only stop words (which, as with tsquery, drop out).
   */
  private spans(node: QueryNode): string {
    switch (node.kind) {
      case 'term':
      case 'phrase':
        return phraseSpans(this.leafText(node));
      case 'prefix':
        return prefixSpans(this.bind(node.prefix));
      case 'or':
        // array || NULL keeps the array and NULL || NULL stays NULL: exactly tsquery's `||` with stop words.
        return `(${node.operands.map((o) => this.spans(o)).join(' || ')})`;
      case 'near':
        return nearSpans(this.spans(node.left), this.spans(node.right), this.bind(node.distance));
      default:
        throw new Error(`a ${node.kind} cannot be part of a NEAR operand`);
    }
  }

  private leafText(node: QueryNode & { kind: 'term' | 'phrase' }): string {
    let placeholder = this.placeholders.get(node);
    if (placeholder === undefined) {
      placeholder = this.bind(node.kind === 'term' ? node.word : node.words.join(' '));
      this.placeholders.set(node, placeholder);
    }
    return placeholder;
  }
}

/** Word positions of the row's `tsv`, one row per occurrence. */
const DOC_POSITIONS = `(SELECT lexeme, unnest(positions) AS p FROM unnest(tsv))`;

/**
 * Where the words of `text` occur in order at their own relative offsets (stop words keep
 * their places, as in phraseto_tsquery): a start offset is a match when every query position
 * lines up there.
 */
function phraseSpans(text: string): string {
  const words = `(SELECT lexeme, unnest(positions) AS p FROM unnest(to_tsvector(${CONFIG}, ${text})))`;
  return (
    `(SELECT CASE WHEN q.n = 0 THEN NULL ELSE ARRAY(SELECT int4range(h.s + q.lo, h.s + q.hi + 1) FROM ` +
    `(SELECT d.p - w.p AS s FROM ${words} w JOIN ${DOC_POSITIONS} d USING (lexeme) GROUP BY 1 HAVING count(DISTINCT w.p) = q.n) h) END ` +
    `FROM (SELECT count(*)::int AS n, min(p)::int AS lo, max(p)::int AS hi FROM ${words} z) q)`
  );
}

/** Positions of any word starting with the (stemmed) prefix, as `to_tsquery('pre:*')` finds them. */
function prefixSpans(prefix: string): string {
  const stems = `unnest(to_tsvector(${CONFIG}, ${prefix}))`;
  return (
    `(SELECT CASE WHEN count(*) = 0 THEN NULL ELSE ARRAY(SELECT int4range(d.p, d.p + 1) FROM ${DOC_POSITIONS} d ` +
    `WHERE EXISTS (SELECT FROM ${stems} w WHERE starts_with(d.lexeme, w.lexeme))) END FROM ${stems} c)`
  );
}

/**
 * Pairs of non-overlapping spans at most `distance` positions apart in either order (adjacent
 * words are 1 apart), merged to one span per extent so repeats cannot multiply spans level by
 * level. A stop-word-only side drops out, leaving the other side's spans. `OFFSET 0` keeps the
 * planner from pulling the operands up into each of their three uses, which would make the
 * plan (not the text) grow threefold per nesting level.
 */
function nearSpans(left: string, right: string, distance: string): string {
  return (
    `(SELECT CASE WHEN x.l IS NULL THEN x.r WHEN x.r IS NULL THEN x.l ELSE ARRAY(` +
    `SELECT DISTINCT int4range(least(lower(a), lower(b)), greatest(upper(a), upper(b))) FROM unnest(x.l) a, unnest(x.r) b ` +
    `WHERE lower(b) - upper(a) + 1 BETWEEN 1 AND ${distance}::int OR lower(a) - upper(b) + 1 BETWEEN 1 AND ${distance}::int) END ` +
    `FROM (SELECT ${left}::int4range[] AS l, ${right}::int4range[] AS r OFFSET 0) x)`
  );
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
