import { markedEndingForms } from '../matching/name-forms.js';
import { cyrillicLookalike, foldHomoglyphs } from './homoglyph.folding.js';
import { IGNORABLE_IN_WORD, normalizeWord } from './word.normalizer.js';

export interface TextToken {
  /** The normalized word (see `normalizeWord`), with look-alike letters of the other script folded. */
  text: string;
  /** UTF-16 offsets of the word in the original text, end exclusive: for highlighting. */
  start: number;
  end: number;
  /**
   * The pieces of an underscore-joined word ("@beeline_support", "#билайн_тормозит"), so a
   * query for one piece still finds it. Absent for ordinary words.
   */
  parts?: string[];
  /** Other words this token stands for, its case ending marked off ("ozon'е" → "ozon", "МТСом" → "мтс"). */
  forms?: string[];
  /** The Cyrillic reading of an all-Latin word of look-alike letters ("MTC" → "мтс"), for Russian text. */
  cyrillic?: string;
}

const LETTERS = `\\p{L}\\p{M}\\p{N}${IGNORABLE_IN_WORD}`;
/**
 * A word is a run of letters, marks and digits. Underscores, "&" and apostrophes join two
 * runs into one word ("ivan_petrov", "AT&T", "don't") because splitting there would change
 * what the word means; everything else ("-", ".", "#", "@", emoji) separates words, so
 * "интернет-провайдер" is two words and "#билайн" is the word "билайн".
 */
const WORD = new RegExp(`[\\p{L}\\p{N}][${LETTERS}]*(?:(?:_+|[&'’])[\\p{L}\\p{N}][${LETTERS}]*)*`, 'gu');

/** What a raw word turns into; everything but the offsets depends on the raw text alone. */
type WordShape = Omit<TextToken, 'start' | 'end'>;

/** Raw words repeat across posts far more than they vary; bounded like the stem memo. */
const SHAPE_LIMIT = 50_000;
const shapeMemo = new Map<string, WordShape>();

function shapeOf(raw: string): WordShape {
  let shape = shapeMemo.get(raw);
  if (shape === undefined) {
    const folded = foldHomoglyphs(raw);
    const text = normalizeWord(folded);
    shape = { text };
    if (text.includes('_')) shape.parts = text.split(/_+/u).filter((part) => part.length > 0);
    const forms = markedEndingForms(folded, text);
    if (forms.length > 0) shape.forms = forms;
    const lookalike = cyrillicLookalike(folded);
    if (lookalike !== undefined) shape.cyrillic = normalizeWord(lookalike);
    if (shapeMemo.size >= SHAPE_LIMIT) shapeMemo.clear();
    shapeMemo.set(raw, shape);
  }
  return shape;
}

export function tokenize(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  // The loop calls nothing that could tokenize in turn, so sharing WORD's lastIndex is safe.
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    const raw = match[0];
    const start = match.index;
    const shape = shapeOf(raw);
    // One object shape for every token (absent fields undefined) keeps property access monomorphic.
    tokens.push({ text: shape.text, start, end: start + raw.length, parts: shape.parts, forms: shape.forms, cyrillic: shape.cyrillic });
  }
  return tokens;
}
