/**
 * The Snowball English ("Porter2") stemmer, transcribed from the published algorithm
 * (snowballstem.org, english.sbl). Input must already be lower-case; apostrophes must be
 * ASCII ('), which the tokenizer guarantees.
 *
 * The transcription keeps Snowball's semantics where they are easy to get wrong: each step
 * picks the longest matching suffix first and only then checks its condition, with no
 * fallback to a shorter suffix when the condition fails.
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const VALID_LI = new Set(['c', 'd', 'e', 'g', 'h', 'k', 'm', 'n', 'r', 't']);
const DOUBLES = new Set(['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt']);

const EXCEPTIONS1 = new Map<string, string>([
  ['skis', 'ski'],
  ['skies', 'sky'],
  ['dying', 'die'],
  ['lying', 'lie'],
  ['tying', 'tie'],
  ['idly', 'idl'],
  ['gently', 'gentl'],
  ['ugly', 'ugli'],
  ['early', 'earli'],
  ['only', 'onli'],
  ['singly', 'singl'],
  ['sky', 'sky'],
  ['news', 'news'],
  ['howe', 'howe'],
  ['atlas', 'atlas'],
  ['cosmos', 'cosmos'],
  ['bias', 'bias'],
  ['andes', 'andes'],
]);

// Checked after Step 1a, on the whole word: these must not lose "-ing"/"-eed".
const EXCEPTIONS2 = new Set(['inning', 'outing', 'canning', 'herring', 'earring', 'evening', 'proceed', 'exceed', 'succeed']);

const R1_PREFIXES = ['gener', 'commun', 'arsen'];

/** Suffix tables are sorted longest first so the first hit is Snowball's `among` choice. */
type Rule = readonly [suffix: string, replacement: string | null];
const byLength = (rules: Rule[]): Rule[] => rules.sort((a, b) => b[0].length - a[0].length);

const STEP2: Rule[] = byLength([
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['abli', 'able'],
  ['entli', 'ent'],
  ['izer', 'ize'],
  ['ization', 'ize'],
  ['ational', 'ate'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['aliti', 'al'],
  ['alli', 'al'],
  ['fulness', 'ful'],
  ['ousli', 'ous'],
  ['ousness', 'ous'],
  ['iveness', 'ive'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['bli', 'ble'],
  ['ogi', null], // og, only after l
  ['fulli', 'ful'],
  ['lessli', 'less'],
  ['li', null], // deleted after a valid li-ending
]);

const STEP3: Rule[] = byLength([
  ['tional', 'tion'],
  ['ational', 'ate'],
  ['alize', 'al'],
  ['icate', 'ic'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
  ['ative', null], // deleted only in R2
]);

const STEP4: string[] = [
  'al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion',
].sort((a, b) => b.length - a.length);

const isVowel = (c: string | undefined): boolean => c !== undefined && VOWELS.has(c);

function longestSuffix<T extends { readonly 0: string }>(word: string, rules: readonly T[]): T | undefined {
  return rules.find((rule) => word.endsWith(rule[0]));
}

/** Position just past the first non-vowel that follows a vowel, searching from `from`. */
function afterVowelConsonant(word: string, from: number): number {
  let i = from;
  while (i < word.length && !isVowel(word[i])) i++;
  while (i < word.length && isVowel(word[i])) i++;
  return i < word.length ? i + 1 : word.length;
}

/** A short syllable ending at `end` (exclusive). */
function endsWithShortSyllable(word: string, end: number): boolean {
  const last = word[end - 1];
  const mid = word[end - 2];
  if (last === undefined || mid === undefined || isVowel(last) || !isVowel(mid)) return false;
  if (end === 2) return true;
  const first = word[end - 3];
  return !isVowel(first) && last !== 'w' && last !== 'x' && last !== 'Y';
}

export function stemEnglish(input: string): string {
  const exception = EXCEPTIONS1.get(input);
  if (exception !== undefined) return exception;
  if (input.length < 3) return input;

  let word = input.startsWith("'") ? input.slice(1) : input;

  // Prelude: a y that acts as a consonant becomes Y so it is not taken for a vowel.
  let yFound = false;
  if (word.startsWith('y')) {
    word = 'Y' + word.slice(1);
    yFound = true;
  }
  for (let i = 1; i < word.length; i++) {
    if (word[i] === 'y' && isVowel(word[i - 1])) {
      word = word.slice(0, i) + 'Y' + word.slice(i + 1);
      yFound = true;
    }
  }

  let p1 = word.length;
  const fixedPrefix = R1_PREFIXES.find((prefix) => word.startsWith(prefix));
  if (fixedPrefix !== undefined) {
    p1 = fixedPrefix.length;
  } else {
    p1 = afterVowelConsonant(word, 0);
  }
  const p2 = p1 < word.length ? afterVowelConsonant(word, p1) : word.length;

  word = step1a(word);
  if (!EXCEPTIONS2.has(word)) {
    word = step1b(word, p1);
    word = step1c(word);
    word = step2(word, p1);
    word = step3(word, p1, p2);
    word = step4(word, p2);
    word = step5(word, p1, p2);
  }
  return yFound ? word.replaceAll('Y', 'y') : word;
}

function step1a(input: string): string {
  let word = input;
  for (const suffix of ["'s'", "'s", "'"]) {
    if (word.endsWith(suffix)) {
      word = word.slice(0, -suffix.length);
      break;
    }
  }
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ied') || word.endsWith('ies')) {
    const start = word.length - 3;
    return word.slice(0, start) + (start >= 2 ? 'i' : 'ie');
  }
  if (word.endsWith('us') || word.endsWith('ss')) return word;
  if (word.endsWith('s')) {
    // The s goes only if a vowel occurs before the letter preceding it: "gas" stays, "gaps" → "gap".
    for (let i = word.length - 3; i >= 0; i--) {
      if (isVowel(word[i])) return word.slice(0, -1);
    }
  }
  return word;
}

function step1b(word: string, p1: number): string {
  const suffix = ['eedly', 'ingly', 'edly', 'eed', 'ing', 'ed'].find((s) => word.endsWith(s));
  if (suffix === undefined) return word;
  const start = word.length - suffix.length;
  if (suffix === 'eed' || suffix === 'eedly') {
    return start >= p1 ? word.slice(0, start) + 'ee' : word;
  }
  let hasVowel = false;
  for (let i = 0; i < start; i++) {
    if (isVowel(word[i])) {
      hasVowel = true;
      break;
    }
  }
  if (!hasVowel) return word;
  const stem = word.slice(0, start);
  const tail = stem.slice(-2);
  if (tail === 'at' || tail === 'bl' || tail === 'iz') return stem + 'e';
  if (DOUBLES.has(tail)) {
    // "add", "egg", "err" keep their double letter.
    const keepsDouble = stem.length === 3 && 'aeo'.includes(stem[0] ?? '');
    return keepsDouble ? stem : stem.slice(0, -1);
  }
  if (p1 === stem.length && endsWithShortSyllable(stem, stem.length)) return stem + 'e';
  return stem;
}

function step1c(word: string): string {
  const last = word.at(-1);
  if ((last === 'y' || last === 'Y') && word.length > 2 && !isVowel(word[word.length - 2])) {
    return word.slice(0, -1) + 'i';
  }
  return word;
}

function step2(word: string, p1: number): string {
  const rule = longestSuffix(word, STEP2);
  if (rule === undefined) return word;
  const [suffix, replacement] = rule;
  const start = word.length - suffix.length;
  if (start < p1) return word;
  const stem = word.slice(0, start);
  if (suffix === 'ogi') return stem.endsWith('l') ? stem + 'og' : word;
  if (suffix === 'li') return VALID_LI.has(stem.at(-1) ?? '') ? stem : word;
  return stem + (replacement ?? '');
}

function step3(word: string, p1: number, p2: number): string {
  const rule = longestSuffix(word, STEP3);
  if (rule === undefined) return word;
  const [suffix, replacement] = rule;
  const start = word.length - suffix.length;
  if (start < p1) return word;
  if (suffix === 'ative') return start >= p2 ? word.slice(0, start) : word;
  return word.slice(0, start) + (replacement ?? '');
}

function step4(word: string, p2: number): string {
  const suffix = STEP4.find((s) => word.endsWith(s));
  if (suffix === undefined) return word;
  const start = word.length - suffix.length;
  if (start < p2) return word;
  if (suffix === 'ion') {
    const before = word[start - 1];
    return before === 's' || before === 't' ? word.slice(0, start) : word;
  }
  return word.slice(0, start);
}

function step5(word: string, p1: number, p2: number): string {
  const start = word.length - 1;
  if (word.endsWith('e')) {
    if (start >= p2 || (start >= p1 && !endsWithShortSyllable(word, start))) return word.slice(0, start);
    return word;
  }
  if (word.endsWith('l') && start >= p2 && word[start - 1] === 'l') return word.slice(0, start);
  return word;
}
