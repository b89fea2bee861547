import { IGNORABLE_IN_WORD, normalizeWord } from './word.normalizer.js';

export interface TextToken {
  /** The normalized word (see `normalizeWord`). */
  text: string;
  /** UTF-16 offsets of the word in the original text, end exclusive: for highlighting. */
  start: number;
  end: number;
  /**
   * The pieces of an underscore-joined word ("@beeline_support", "#билайн_тормозит"), so a
   * query for one piece still finds it. Absent for ordinary words.
   */
  parts?: string[];
}

const LETTERS = `\\p{L}\\p{M}\\p{N}${IGNORABLE_IN_WORD}`;
/**
 * A word is a run of letters, marks and digits. Underscores, "&" and apostrophes join two
 * runs into one word ("ivan_petrov", "AT&T", "don't") because splitting there would change
 * what the word means; everything else ("-", ".", "#", "@", emoji) separates words, so
 * "интернет-провайдер" is two words and "#билайн" is the word "билайн".
 */
const WORD = new RegExp(`[\\p{L}\\p{N}][${LETTERS}]*(?:(?:_+|[&'’])[\\p{L}\\p{N}][${LETTERS}]*)*`, 'gu');

/** Raw words repeat across posts far more than they vary; bounded like the stem memo. */
const NORMALIZED_LIMIT = 50_000;
const normalizedMemo = new Map<string, string>();

function normalizeRaw(raw: string): string {
  let normalized = normalizedMemo.get(raw);
  if (normalized === undefined) {
    normalized = normalizeWord(raw);
    if (normalizedMemo.size >= NORMALIZED_LIMIT) normalizedMemo.clear();
    normalizedMemo.set(raw, normalized);
  }
  return normalized;
}

export function tokenize(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  // The loop calls nothing that could tokenize in turn, so sharing WORD's lastIndex is safe.
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    const raw = match[0];
    const start = match.index;
    const normalized = normalizeRaw(raw);
    const token: TextToken = { text: normalized, start, end: start + raw.length };
    if (normalized.includes('_')) token.parts = normalized.split(/_+/u).filter((part) => part.length > 0);
    tokens.push(token);
  }
  return tokens;
}
