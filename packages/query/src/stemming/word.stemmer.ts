import { normalizeWord } from '../text/word.normalizer.js';
import { stemEnglish } from './english.stemmer.js';
import { stemRussian } from './russian.stemmer.js';

const CYRILLIC_WORD = /^[\u0400-\u04FF]+$/u;
const ENGLISH_WORD = /^[a-z']+$/u;
const ENGLISH_POSSESSIVE = /(?<=[a-z0-9])'s?$/u;

/**
 * Social-media vocabulary repeats heavily, so a bounded memo turns most stemming into a map
 * lookup. Cleared wholesale when full: cheaper than LRU bookkeeping and good enough for a
 * cache that refills in a few hundred documents.
 */
const MEMO_LIMIT = 50_000;
const memo = new Map<string, string>();

/**
 * The stem of one word, with the stemmer chosen by script: all-Cyrillic words get the
 * Russian stemmer, all-Latin ones the English. Words mixing scripts, or containing digits,
 * "&" or "_" ("AT&T", "5g", "ivan_petrov") are names rather than dictionary words and are
 * only normalized.
 */
export function stem(word: string): string {
  return stemNormalized(normalizeWord(word));
}

/** `stem` for a word that is already normalized, as tokens are. */
export function stemNormalized(word: string): string {
  const known = memo.get(word);
  if (known !== undefined) return known;
  const result = CYRILLIC_WORD.test(word)
    ? stemRussian(word)
    : ENGLISH_WORD.test(word)
      ? stemEnglish(word)
      : word.replace(ENGLISH_POSSESSIVE, ''); // "AT&T's" is still AT&T
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(word, result);
  return result;
}
