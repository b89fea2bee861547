/**
 * Characters that may sit inside a word without being part of it: soft hyphens from
 * copy-paste, zero-width characters that spammers use to dodge keyword filters, and stress
 * marks in Russian text ("за́мок").
 */
export const IGNORABLE_IN_WORD = '\u00AD\u200B-\u200D\u2060\uFEFF\u0300\u0301';
const IGNORABLE = new RegExp(`[${IGNORABLE_IN_WORD}]`, 'gu');

/**
 * The comparable form of a word: NFC, lower-case, ё → е, typographic apostrophe → ', and
 * ignorable characters removed. Query terms and document words go through the same function,
 * so whatever it does cannot make them disagree.
 */
export function normalizeWord(word: string): string {
  return word.normalize('NFC').toLowerCase().replace(IGNORABLE, '').replaceAll('ё', 'е').replaceAll('’', "'");
}
