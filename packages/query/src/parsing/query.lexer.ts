import { QUERY_FIELDS, type QueryField } from './query.ast.js';
import { QueryParseError } from './query-parse.error.js';

export type QueryToken =
  | { type: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus' | 'eof'; start: number; end: number }
  | { type: 'near'; distance: number; start: number; end: number }
  /** `raw` is the word as typed, without a trailing `*` (or, when `glued`, the stars around it). */
  | { type: 'word'; raw: string; prefix: boolean; glued: boolean; start: number; end: number }
  | { type: 'phrase'; raw: string; start: number; end: number }
  | { type: 'field'; field: QueryField; raw: string; quoted: boolean; prefix: boolean; start: number; end: number };

export const MAX_NEAR_DISTANCE = 1000;

/** Straight quotes plus the typographic pairs Russian and English keyboards produce. */
const CLOSING_QUOTES: Readonly<Record<string, string>> = {
  '"': '"',
  '«': '»',
  '“': '”',
  '„': '“',
};
const ALSO_CLOSES: Readonly<Record<string, string>> = { '“': '"', '„': '”' };

const WHITESPACE = /\s/u;
const OPERATORS: Readonly<Record<string, 'and' | 'or' | 'not'>> = { AND: 'and', OR: 'or', NOT: 'not' };
const FIELD_SYNTAX = /^([\p{L}_]+):/u;

const isQuote = (c: string | undefined): boolean => c !== undefined && c in CLOSING_QUOTES;
/** Characters that end a bare word: they have their own meaning in the query syntax. */
const endsWord = (c: string): boolean => WHITESPACE.test(c) || c === '(' || c === ')' || isQuote(c) || c === '»' || c === '”';

/**
 * Splits a query into tokens. Operators are recognised only in upper case (AND, OR, NOT,
 * NEAR/n) so that "and", "or", "not" stay searchable words; `-` negates only at the start of
 * a word, so "wi-fi" is a word.
 */
export function lexQuery(source: string): QueryToken[] {
  const tokens: QueryToken[] = [];
  const found = (at: number): string => describeAt(source, at);
  let i = 0;

  while (i < source.length) {
    const c = source[i]!;
    if (WHITESPACE.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ type: c === '(' ? 'lparen' : 'rparen', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (isQuote(c)) {
      const close = readQuoted(source, i);
      tokens.push({ type: 'phrase', raw: source.slice(i + 1, close), start: i, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (c === '-') {
      const next = source[i + 1];
      if (next === undefined || WHITESPACE.test(next) || next === ')' || next === '»' || next === '”') {
        throw new QueryParseError(i + 1, ['a term', 'a phrase', '"("'], found(i + 1), source, 'nothing to exclude right after "-"');
      }
      tokens.push({ type: 'minus', start: i, end: i + 1 });
      i++;
      continue;
    }

    // At least one character, so a stray closing quote becomes a (rejected) word, not a stall.
    let end = i + 1;
    while (end < source.length && !endsWord(source[end]!)) end++;
    const raw = source.slice(i, end);

    const operator = OPERATORS[raw];
    if (operator !== undefined) {
      tokens.push({ type: operator, start: i, end });
    } else if (raw === 'NEAR' || raw.startsWith('NEAR/')) {
      tokens.push(readNear(source, raw, i, end));
    } else {
      const field = FIELD_SYNTAX.exec(raw);
      if (field) {
        const token = readField(source, field[1]!, i);
        tokens.push(token);
        end = token.end;
      } else if (raw.startsWith('*') && raw.length > 1) {
        // `*word*` is the glued operator; a lone leading star would silently mean nothing.
        if (raw.length < 3 || !raw.endsWith('*')) {
          throw new QueryParseError(i, ['a word between two "*", as in *билайн*'], describeAt(source, i), source, '"*" before a word finds it glued to other words and needs a "*" after it too');
        }
        tokens.push({ type: 'word', raw: raw.slice(1, -1), prefix: false, glued: true, start: i, end });
      } else {
        const prefix = raw.endsWith('*');
        tokens.push({ type: 'word', raw: prefix ? raw.slice(0, -1) : raw, prefix, glued: false, start: i, end });
      }
    }
    i = end;
  }

  tokens.push({ type: 'eof', start: source.length, end: source.length });
  return tokens;
}

/** Index of the closing quote of the phrase opened at `open`. */
function readQuoted(source: string, open: number): number {
  const opener = source[open]!;
  const closers = [CLOSING_QUOTES[opener], ALSO_CLOSES[opener]];
  for (let i = open + 1; i < source.length; i++) {
    if (closers.includes(source[i])) return i;
  }
  throw new QueryParseError(source.length, [`a closing ${CLOSING_QUOTES[opener]}`], 'end of query', source, `the phrase opened at position ${open} is not closed`);
}

function readNear(source: string, raw: string, start: number, end: number): QueryToken {
  const slash = start + 'NEAR'.length;
  if (raw === 'NEAR') {
    throw new QueryParseError(slash, ['"/" and a number of words, as in NEAR/3'], describeAt(source, slash), source);
  }
  const digits = raw.slice('NEAR/'.length);
  const numberAt = slash + 1;
  if (!/^\d+$/u.test(digits)) {
    throw new QueryParseError(numberAt, ['a number of words, as in NEAR/3'], describeAt(source, numberAt), source);
  }
  const distance = Number(digits);
  if (distance < 1 || distance > MAX_NEAR_DISTANCE) {
    throw new QueryParseError(numberAt, [`a number of words from 1 to ${MAX_NEAR_DISTANCE}`], `"${digits}"`, source);
  }
  return { type: 'near', distance, start, end };
}

function readField(source: string, name: string, start: number): QueryToken {
  const field = QUERY_FIELDS.find((known) => known === name.toLowerCase());
  if (field === undefined) {
    throw new QueryParseError(start, QUERY_FIELDS.map((known) => `"${known}:"`), `"${name}:"`, source, 'unknown field; quote the term to search for it as text');
  }
  const valueAt = start + name.length + 1;
  const first = source[valueAt];
  if (isQuote(first)) {
    const close = readQuoted(source, valueAt);
    return { type: 'field', field, raw: source.slice(valueAt + 1, close), quoted: true, prefix: false, start, end: close + 1 };
  }
  let end = valueAt;
  while (end < source.length && !endsWord(source[end]!)) end++;
  const value = source.slice(valueAt, end);
  if (value.length === 0) {
    throw new QueryParseError(valueAt, [`a value after "${field}:"`], describeAt(source, valueAt), source);
  }
  const prefix = value.endsWith('*');
  return { type: 'field', field, raw: prefix ? value.slice(0, -1) : value, quoted: false, prefix, start, end };
}

/** How the parser names what it found at an offset: a quoted excerpt or "end of query". */
export function describeAt(source: string, at: number): string {
  if (at >= source.length) return 'end of query';
  let end = at;
  while (end < source.length && end - at < 20 && (end === at || !endsWord(source[end]!))) end++;
  return JSON.stringify(source.slice(at, end));
}
