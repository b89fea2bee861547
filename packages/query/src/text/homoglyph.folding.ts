/**
 * Latin and Cyrillic letters that look the same, by case: upper-case pairs are many (MTC
 * can be МТС), lower-case ones few (m and м differ). Spammers swap them to dodge keyword
 * filters ("Сбеp" with a Latin p); phone keyboards mix them by accident.
 */
const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к',
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
};
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = Object.fromEntries(
  [...Object.entries(LATIN_TO_CYRILLIC).map(([latin, cyrillic]) => [cyrillic, latin]), ['і', 'i'], ['І', 'I'], ['ј', 'j'], ['ѕ', 's']],
);

const LATIN = /[A-Za-z]/u;
const CYRILLIC = /[\u0400-\u04FF]/u;
const LETTER = /\p{L}/u;

/** `word` with every letter of `script` mapped through `table`, or undefined if one has no look-alike. */
function convert(word: string, script: RegExp, table: Readonly<Record<string, string>>): string | undefined {
  let out = '';
  for (const c of word) {
    if (!script.test(c)) out += c;
    else {
      const mapped = table[c];
      if (mapped === undefined) return undefined;
      out += mapped;
    }
  }
  return out;
}

const count = (word: string, script: RegExp): number => [...word].filter((c) => script.test(c)).length;

/**
 * A word that mixes Latin and Cyrillic letters, written in one script: the one whose
 * letters all have look-alikes in the other is converted ("Сбеp" → "Сбер", "Оzон" → "Озон",
 * "MTС" → "МТС"). When both could be, the script with fewer letters is converted; when
 * neither can, the word is returned as it is ("Ozonом" is a Latin name with a Russian
 * ending, not a disguise). Case is kept; single-script words are returned unchanged.
 */
export function foldHomoglyphs(word: string): string {
  if (!LATIN.test(word) || !CYRILLIC.test(word)) return word;
  const asCyrillic = convert(word, LATIN, LATIN_TO_CYRILLIC);
  const asLatin = convert(word, CYRILLIC, CYRILLIC_TO_LATIN);
  if (asCyrillic !== undefined && asLatin !== undefined) {
    return count(word, LATIN) <= count(word, CYRILLIC) ? asCyrillic : asLatin;
  }
  return asCyrillic ?? asLatin ?? word;
}

/**
 * How an all-Latin word made only of letters with Cyrillic look-alikes reads in Cyrillic
 * ("MTC" → "МТС", "T2" → "Т2"), or undefined. Only a Russian context makes that reading
 * likely, so the caller decides whether to use it.
 */
export function cyrillicLookalike(word: string): string | undefined {
  if (CYRILLIC.test(word) || !LATIN.test(word)) return undefined;
  if ([...word].some((c) => LETTER.test(c) && !LATIN.test(c))) return undefined;
  return convert(word, LATIN, LATIN_TO_CYRILLIC);
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Text with every mixed-script word folded (see `foldHomoglyphs`), and how many words were:
 * for signals that read raw text (spam wording) and must not be dodged by a swapped letter.
 */
export function foldHomoglyphsInText(text: string): { text: string; foldedWords: number } {
  let foldedWords = 0;
  const folded = text.replace(WORD, (word) => {
    const result = foldHomoglyphs(word);
    if (result !== word) foldedWords++;
    return result;
  });
  return { text: folded, foldedWords };
}
