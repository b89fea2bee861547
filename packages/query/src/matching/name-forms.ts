/**
 * How names the dictionary does not know inflect. A Snowball stemmer reads a brand as a
 * common word and may cut it wrongly ("ростелеком" → "ростелек", as if "-ом" were an
 * ending, while "ростелекома" → "ростелеком"), so besides stems a word is compared by its
 * full form: the text word is the query word plus a noun case ending ("Ростелеком-а",
 * "Билайн-ом"), or the query word with its final vowel replaced by one ("Пятёрочк-е",
 * "Альф-ой"), or either word's stem is the other word.
 */

/**
 * Russian and Ukrainian noun case endings (ё is already е). Adjectival endings are left out
 * on purpose, and so is the genitive plural -ов/-ев: it is how surnames end ("Иван" is not
 * "Иванов", nor "Тинёк" "Тиньков"), and brand names rarely take it.
 */
export const CASE_ENDINGS: ReadonlySet<string> = new Set([
  'а', 'я', 'у', 'ю', 'е', 'и', 'ы', 'і', 'ї', 'є',
  'ом', 'ем', 'ой', 'ей', 'ою', 'ею', 'єю', 'ам', 'ям', 'ах', 'ях',
  'ами', 'ями', 'ові', 'еві', 'єві',
]);
const LONGEST_ENDING = 3;

/** Endings written after an apostrophe on a Latin name: "Ozon'е", "Wildberries'у", "ATT's". */
const MARKED_LATIN_ENDINGS: ReadonlySet<string> = new Set(['s', 'a', 'e', 'u', 'y', 'i', 'om', 'oy', 'ov', 'ami', 'ah']);

/** Query words shorter than this compare by stem only: a 3-letter base plus an ending is too easy to hit by chance. */
export const MIN_NAME_LENGTH = 4;

const VOWELS = /[аеиоуыэюяіїєaeiouy]/u;
const CYRILLIC_LETTERS = /^[\u0400-\u04FF]+$/u;
const FINAL_VOWEL = /[аяоеьй]$/u;
/** "Тинёк" → "Тинька", "Рынок" → "Рынка": the vowel before a final к or ц drops in other cases. */
const FLEETING_VOWEL = /^(.*[^аеиоуыэюяь])[ео]([кц])$/u;

/**
 * An acronym matches as a whole token only (МТС is not inside МТСБанк or СМТС): a word of
 * up to five letters or digits with no vowel (мтс, втб, мгтс, вб, т2), or of up to four
 * written in capitals in the query (ATT, OZON).
 */
export function isAcronym(word: string, asWritten: string = word): boolean {
  if (word.length > 5 || !/^[\p{L}\p{N}]+$/u.test(word)) return false;
  if (!VOWELS.test(word)) return true;
  return word.length <= 4 && asWritten === asWritten.toUpperCase() && asWritten !== asWritten.toLowerCase();
}

/** What a Cyrillic text word could be with an unmarked case ending removed: "билайном" → "билайн", "билайно". */
export function nameBases(word: string): string[] {
  if (word.length <= MIN_NAME_LENGTH || !CYRILLIC_LETTERS.test(word)) return [];
  const bases: string[] = [];
  for (let length = 1; length <= LONGEST_ENDING; length++) {
    const base = word.slice(0, -length);
    if (base.length < MIN_NAME_LENGTH) break;
    if (CASE_ENDINGS.has(word.slice(-length))) bases.push(base);
  }
  return bases;
}

const ACRONYM_WITH_ENDING = /^([\p{Lu}\p{N}]{2,5})(\p{Ll}{1,3})$/u;
const LATIN_WITH_ENDING = /^([a-z][a-z0-9&]+)([\u0400-\u04FF]{1,3})$/u;

/**
 * Forms a token stands for because its case ending is marked off, so even acronyms (whole
 * tokens) find them: after an apostrophe ("ozon'е" → "ozon"), by a change of script
 * ("ozonом" → "ozon"), or by a change of case after an acronym in capitals ("МТСом" →
 * "мтс"; "мтсом" in lower case is not read so, as it may be another word).
 * `raw` is the word as written, `normalized` its normalized form.
 */
export function markedEndingForms(raw: string, normalized: string): string[] {
  const forms: string[] = [];
  const apostrophe = normalized.lastIndexOf("'");
  if (apostrophe >= 2) {
    const tail = normalized.slice(apostrophe + 1);
    if (CASE_ENDINGS.has(tail) || MARKED_LATIN_ENDINGS.has(tail)) forms.push(normalized.slice(0, apostrophe));
  }
  const latin = LATIN_WITH_ENDING.exec(normalized);
  if (latin && CASE_ENDINGS.has(latin[2]!)) forms.push(latin[1]!);
  const acronym = ACRONYM_WITH_ENDING.exec(raw);
  if (acronym && CASE_ENDINGS.has(acronym[2]!.toLowerCase().replaceAll('ё', 'е'))) forms.push(normalized.slice(0, acronym[1]!.length));
  return forms;
}

/**
 * The stems of the query word's own forms that a text word's base may equal: the word
 * itself, the word without its final vowel or soft sign ("пятерочка" → "пятерочк"), and the
 * word without a fleeting vowel ("тинек" → "тиньк", "тинк").
 */
export function queryBases(word: string): string[] {
  if (word.length < MIN_NAME_LENGTH || !CYRILLIC_LETTERS.test(word)) return [];
  const bases = [word];
  if (FINAL_VOWEL.test(word) && word.length > MIN_NAME_LENGTH) bases.push(word.slice(0, -1));
  const fleeting = FLEETING_VOWEL.exec(word);
  if (fleeting) bases.push(`${fleeting[1]}${fleeting[2]}`, `${fleeting[1]}ь${fleeting[2]}`);
  return bases;
}
