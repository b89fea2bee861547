import { tokenize } from '../text/text.tokenizer.js';
import { normalizeWord } from '../text/word.normalizer.js';
import type { FieldNode, PhraseNode, QueryNode, SourceSpan, TermNode } from './query.ast.js';
import { describeAt, lexQuery, type QueryToken } from './query.lexer.js';
import { QueryParseError } from './query-parse.error.js';

/** Generous for people, small enough that a pasted novel or a nesting bomb fails cleanly. */
export const MAX_QUERY_LENGTH = 10_000;
export const MAX_NESTING = 100;
const MIN_PREFIX_LENGTH = 2;

const OPERAND = ['a term', '"("'];

/**
 * Parses a topic query into its syntax tree.
 *
 *   query   := or EOF
 *   or      := and ("OR" and)*
 *   and     := near (["AND"] near)*          adjacent operands are ANDed
 *   near    := unary ("NEAR/n" unary)*        operands: words, phrases, prefixes, OR of them
 *   unary   := ("NOT" | "-") unary | primary
 *   primary := word | word* | *word* | "phrase" | field:value | "(" or ")"
 *
 * so NOT binds tightest, then NEAR, then AND, then OR.
 */
export function parseQuery(source: string): QueryNode {
  if (source.length > MAX_QUERY_LENGTH) {
    throw new QueryParseError(MAX_QUERY_LENGTH, [`a query of at most ${MAX_QUERY_LENGTH} characters`], 'more', source);
  }
  return new Parser(source, lexQuery(source)).parse();
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly QueryToken[],
  ) {}

  parse(): QueryNode {
    const node = this.parseAnd();
    const next = this.peek();
    if (next.type !== 'eof') {
      // Everything that can continue an expression was consumed, so this is a stray ")".
      throw this.error(next.start, ['end of query'], 'no "(" to close');
    }
    return node;
  }

  /**
   * Implicit and explicit AND bind loosest, OR tighter — as in web search — so
   * "Билайн OR Beeline -вакансии" means (Билайн OR Beeline) AND NOT вакансии, which is
   * what people who write brand queries mean.
   */
  private parseAnd(): QueryNode {
    const operands = [this.parseOr()];
    for (;;) {
      const next = this.peek();
      if (next.type === 'and') {
        this.index++;
      } else if (!startsOperand(next)) {
        break;
      }
      operands.push(this.parseOr());
    }
    return this.combine('and', operands);
  }

  private parseOr(): QueryNode {
    const operands = [this.parseNear()];
    while (this.peek().type === 'or') {
      this.index++;
      operands.push(this.parseNear());
    }
    return this.combine('or', operands);
  }

  private parseNear(): QueryNode {
    let left = this.parseUnary();
    for (let next = this.peek(); next.type === 'near'; next = this.peek()) {
      this.index++;
      const right = this.parseUnary();
      this.requirePositional(left);
      this.requirePositional(right);
      left = { kind: 'near', distance: next.distance, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseUnary(): QueryNode {
    const next = this.peek();
    if (next.type === 'not' || next.type === 'minus') {
      this.index++;
      this.enter(next.start);
      const operand = this.parseUnary();
      this.depth--;
      return { kind: 'not', operand, start: next.start, end: operand.end };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode {
    const token = this.peek();
    switch (token.type) {
      case 'word':
        this.index++;
        if (token.prefix) return this.prefixNode(token);
        return this.textNode(token.raw, token.glued ? token.start + 1 : token.start, token, token.glued);
      case 'phrase':
        this.index++;
        return this.textNode(token.raw, token.start + 1, token);
      case 'field':
        this.index++;
        return this.fieldNode(token);
      case 'lparen': {
        this.index++;
        this.enter(token.start);
        const inner = this.parseAnd();
        this.depth--;
        const close = this.peek();
        if (close.type !== 'rparen') {
          throw this.error(close.start, ['")"'], `the "(" at position ${token.start} is not closed`);
        }
        this.index++;
        // The span grows to cover the parentheses so labels and errors show what was typed.
        return { ...inner, start: token.start, end: close.end };
      }
      default:
        throw this.error(token.start, OPERAND);
    }
  }

  /** A bare word or a quoted phrase: one word is a term, several are a phrase. */
  private textNode(raw: string, rawStart: number, span: SourceSpan, glued = false): QueryNode {
    const words = tokenize(raw).map((token) => token.text);
    if (words.length === 0) {
      throw this.error(rawStart, ['a word with letters or digits'], raw.trim().length === 0 ? 'the quotes are empty' : undefined);
    }
    const node: TermNode | PhraseNode =
      words.length === 1 ? { kind: 'term', word: words[0]!, start: span.start, end: span.end } : { kind: 'phrase', words, start: span.start, end: span.end };
    if (glued) node.glued = true;
    return node;
  }

  private prefixNode(token: Extract<QueryToken, { type: 'word' }>): QueryNode {
    const words = tokenize(token.raw);
    const [only] = words;
    if (words.length !== 1 || only === undefined || only.end !== token.raw.length || only.start !== 0) {
      throw this.error(token.start, [`a single word of at least ${MIN_PREFIX_LENGTH} letters before "*"`]);
    }
    if (only.text.length < MIN_PREFIX_LENGTH) {
      throw this.error(token.start, [`a single word of at least ${MIN_PREFIX_LENGTH} letters before "*"`]);
    }
    return { kind: 'prefix', prefix: only.text, start: token.start, end: token.end };
  }

  private fieldNode(token: Extract<QueryToken, { type: 'field' }>): FieldNode {
    let value = normalizeWord(token.raw).trim().replace(/\s+/gu, ' ');
    if (token.field === 'author') value = value.replace(/^@/u, '');
    if (value.length === 0) {
      const valueAt = token.start + token.field.length + 1;
      throw this.error(valueAt, [`a value after "${token.field}:"`]);
    }
    return { kind: 'field', field: token.field, value, prefix: token.prefix, start: token.start, end: token.end };
  }

  private requirePositional(node: QueryNode): void {
    if (!isPositional(node)) {
      throw new QueryParseError(
        node.start,
        ['a word, a phrase, a prefix* or an OR group of them'],
        JSON.stringify(this.source.slice(node.start, node.end)),
        this.source,
        'NEAR measures distance between words in the text',
      );
    }
  }

  private combine(kind: 'and' | 'or', operands: QueryNode[]): QueryNode {
    const [first] = operands;
    if (operands.length === 1 && first !== undefined) return first;
    return { kind, operands, start: operands[0]!.start, end: operands.at(-1)!.end };
  }

  private enter(at: number): void {
    this.depth++;
    if (this.depth > MAX_NESTING) throw this.error(at, [`at most ${MAX_NESTING} levels of nesting`]);
  }

  private peek(): QueryToken {
    // The lexer always ends the list with eof, and nothing advances past it.
    return this.tokens[this.index] ?? this.tokens.at(-1)!;
  }

  private error(at: number, expected: string[], hint?: string, found?: string): QueryParseError {
    return new QueryParseError(at, expected, found ?? describeAt(this.source, at), this.source, hint);
  }
}

function startsOperand(token: QueryToken): boolean {
  switch (token.type) {
    case 'word':
    case 'phrase':
    case 'field':
    case 'lparen':
    case 'not':
    case 'minus':
      return true;
    default:
      return false;
  }
}

function isPositional(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
    case 'phrase':
    case 'prefix':
    case 'near':
      return true;
    case 'or':
      return node.operands.every(isPositional);
    default:
      return false;
  }
}
