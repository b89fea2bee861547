/**
 * Transliteration aliases for brand names: how a Cyrillic name is written in Latin letters
 * ("Магнит" → "magnit") and how a Latin name is written in Cyrillic as it sounds ("Beeline"
 * → "билайн", "Amazon" → "амазон"). Heuristic, so only ever used when a topic asks for it,
 * and shown back (a topic's query lists them) rather than guessed silently.
 */

const CYRILLIC_TO_LATIN: Readonly<Record<string, readonly string[]>> = {
  а: ['a'], б: ['b'], в: ['v'], г: ['g'], д: ['d'], е: ['e'], ё: ['e', 'yo'], ж: ['zh'], з: ['z'], и: ['i'],
  й: ['y', 'i'], к: ['k'], л: ['l'], м: ['m'], н: ['n'], о: ['o'], п: ['p'], р: ['r'], с: ['s'], т: ['t'],
  у: ['u'], ф: ['f'], х: ['kh', 'h'], ц: ['ts', 'c'], ч: ['ch'], ш: ['sh'], щ: ['sch', 'shch'], ъ: [''],
  ы: ['y'], ь: [''], э: ['e'], ю: ['yu'], я: ['ya'], і: ['i'], ї: ['yi'], є: ['ye'],
};

/** English spelling to Russian sound, longest pattern first; each alternative is one candidate. */
const LATIN_TO_CYRILLIC: ReadonlyArray<readonly [pattern: RegExp, alternatives: readonly string[]]> = [
  [/^ee/u, ['и']], [/^oo/u, ['у']], [/^ea/u, ['и']], [/^sh/u, ['ш']], [/^ch/u, ['ч']], [/^th/u, ['т']], [/^ph/u, ['ф']],
  [/^ck/u, ['к']], [/^kh/u, ['х']], [/^zh/u, ['ж']], [/^ts/u, ['ц']], [/^ya/u, ['я']], [/^yu/u, ['ю']], [/^qu/u, ['кв']],
  // A vowel, one consonant and a silent final e: "line" sounds "лайн", "chase" "чейс".
  [/^i(?=[b-df-hj-np-tv-z]e$)/u, ['ай']], [/^a(?=[b-df-hj-np-tv-z]e$)/u, ['ей']], [/^e$/u, ['']],
  [/^x/u, ['кс']], [/^w/u, ['в', 'у']], [/^y(?=[aeiou])/u, ['й']], [/^y/u, ['и']], [/^c(?=[eiy])/u, ['с']], [/^c/u, ['к']],
  [/^j/u, ['дж']], [/^a/u, ['а']], [/^b/u, ['б']], [/^d/u, ['д']], [/^e/u, ['е']], [/^f/u, ['ф']], [/^g/u, ['г']], [/^h/u, ['х']],
  [/^i/u, ['и']], [/^k/u, ['к']], [/^l/u, ['л']], [/^m/u, ['м']], [/^n/u, ['н']], [/^o/u, ['о']], [/^p/u, ['п']], [/^q/u, ['к']],
  [/^r/u, ['р']], [/^s/u, ['с']], [/^t/u, ['т']], [/^u/u, ['у']], [/^v/u, ['в']], [/^z/u, ['з']],
];

/** At most this many aliases per name: the first alternatives are the likeliest. */
const MAX_ALIASES = 4;

function expand(pieces: ReadonlyArray<readonly string[]>): string[] {
  let results = [''];
  for (const alternatives of pieces) {
    results = results.flatMap((prefix) => alternatives.map((alternative) => prefix + alternative)).slice(0, MAX_ALIASES);
  }
  return results;
}

function fromCyrillic(word: string): string[] {
  return expand([...word].map((c) => CYRILLIC_TO_LATIN[c] ?? [c]));
}

function fromLatin(word: string): string[] {
  const pieces: (readonly string[])[] = [];
  let rest = word;
  while (rest.length > 0) {
    const rule = LATIN_TO_CYRILLIC.find(([pattern]) => pattern.test(rest));
    if (rule === undefined) {
      pieces.push([rest[0]!]);
      rest = rest.slice(1);
      continue;
    }
    const matched = rule[0].exec(rest)![0];
    pieces.push(rule[1]);
    rest = rest.slice(matched.length);
  }
  return expand(pieces);
}

const CYRILLIC = /[\u0400-\u04FF]/u;
const LATIN = /[a-z]/u;

/**
 * Candidate spellings of `name` in the other script, lower-case, words joined by a space.
 * Names mixing scripts get none.
 */
export function transliterationAliases(name: string): string[] {
  const words = name.toLowerCase().replaceAll('ё', 'е').split(/[^\p{L}\p{N}&]+/u).filter(Boolean);
  if (words.length === 0) return [];
  const cyrillic = words.some((word) => CYRILLIC.test(word));
  const latin = words.some((word) => LATIN.test(word));
  if (cyrillic === latin) return [];
  const convert = cyrillic ? fromCyrillic : fromLatin;
  const perWord = words.map(convert);
  // Several words: each word's first candidate, then the variants of the last word.
  if (perWord.length > 1) {
    const head = perWord.slice(0, -1).map((candidates) => candidates[0]!).join(' ');
    return [...new Set(perWord.at(-1)!.map((tail) => `${head} ${tail}`))];
  }
  return [...new Set(perWord[0]!)];
}
