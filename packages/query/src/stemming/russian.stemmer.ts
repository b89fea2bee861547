/**
 * The Snowball Russian stemmer, transcribed from the published algorithm (snowballstem.org,
 * russian/stem_Unicode.sbl). Input must already be lower-case.
 *
 * All suffix removal happens inside RV (after the first vowel). As in Snowball's `among`,
 * each step takes the longest suffix that lies wholly inside RV and then checks its condition;
 * a failed condition does not fall back to a shorter suffix.
 */

const VOWELS = new Set(['а', 'е', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я']);

/** Suffixes of group 1 must follow а or я (which stays); group 2 suffixes go unconditionally. */
interface SuffixGroups {
  afterA: readonly string[];
  plain: readonly string[];
}

interface SuffixTable {
  /** Longest first, each tagged with whether it needs a preceding а/я. */
  entries: ReadonlyArray<readonly [suffix: string, afterA: boolean]>;
}

function table({ afterA, plain }: SuffixGroups): SuffixTable {
  const entries = [...afterA.map((s) => [s, true] as const), ...plain.map((s) => [s, false] as const)];
  entries.sort((a, b) => b[0].length - a[0].length);
  return { entries };
}

const PERFECTIVE_GERUND = table({
  afterA: ['в', 'вши', 'вшись'],
  plain: ['ив', 'ивши', 'ившись', 'ыв', 'ывши', 'ывшись'],
});

const ADJECTIVE = table({
  afterA: [],
  plain: [
    'ее', 'ие', 'ые', 'ое', 'ими', 'ыми', 'ей', 'ий', 'ый', 'ой', 'ем', 'им', 'ым', 'ом', 'его', 'ого', 'ему', 'ому',
    'их', 'ых', 'ую', 'юю', 'ая', 'яя', 'ою', 'ею',
  ],
});

const PARTICIPLE = table({
  afterA: ['ем', 'нн', 'вш', 'ющ', 'щ'],
  plain: ['ивш', 'ывш', 'ующ'],
});

const REFLEXIVE = table({ afterA: [], plain: ['ся', 'сь'] });

const VERB = table({
  afterA: ['ла', 'на', 'ете', 'йте', 'ли', 'й', 'л', 'ем', 'н', 'ло', 'но', 'ет', 'ют', 'ны', 'ть', 'ешь', 'нно'],
  plain: [
    'ила', 'ыла', 'ена', 'ейте', 'уйте', 'ите', 'или', 'ыли', 'ей', 'уй', 'ил', 'ыл', 'им', 'ым', 'ен', 'ило', 'ыло',
    'ено', 'ят', 'ует', 'уют', 'ит', 'ыт', 'ены', 'ить', 'ыть', 'ишь', 'ую', 'ю',
  ],
});

const NOUN = table({
  afterA: [],
  plain: [
    'а', 'ев', 'ов', 'ие', 'ье', 'е', 'иями', 'ями', 'ами', 'еи', 'ии', 'и', 'ией', 'ей', 'ой', 'ий', 'й', 'иям', 'ям',
    'ием', 'ем', 'ам', 'ом', 'о', 'у', 'ах', 'иях', 'ях', 'ы', 'ь', 'ию', 'ью', 'ю', 'ия', 'ья', 'я',
  ],
});

const DERIVATIONAL = table({ afterA: [], plain: ['ост', 'ость'] });

/** The word being stemmed, with the RV limit that no removal may cross. */
class Word {
  constructor(
    public text: string,
    readonly rv: number,
  ) {}

  /** Removes the longest suffix of `table` inside RV if its condition holds; true if removed. */
  removeFrom(table: SuffixTable, minStart = this.rv): boolean {
    const hit = table.entries.find(([suffix]) => this.text.endsWith(suffix) && this.text.length - suffix.length >= this.rv);
    if (hit === undefined) return false;
    const [suffix, afterA] = hit;
    const start = this.text.length - suffix.length;
    if (start < minStart) return false;
    if (afterA) {
      const before = this.text[start - 1];
      if (start - 1 < this.rv || (before !== 'а' && before !== 'я')) return false;
    }
    this.text = this.text.slice(0, start);
    return true;
  }
}

export function stemRussian(input: string): string {
  const text = input.replaceAll('ё', 'е');

  // RV starts after the first vowel; R2 is what follows the second vowel–consonant pair
  // (Snowball's mark_regions). Both are offsets; only removal conditions use them.
  const isVowel = (c: string): boolean => VOWELS.has(c);
  const isConsonant = (c: string): boolean => !VOWELS.has(c);
  const rv = goPast(text, 0, isVowel);
  if (rv < 0) return text;
  const r1 = goPast(text, rv, isConsonant);
  const afterVowel = r1 < 0 ? -1 : goPast(text, r1, isVowel);
  const r2 = afterVowel < 0 ? -1 : goPast(text, afterVowel, isConsonant);
  const p2 = r2 < 0 ? text.length : r2;

  const word = new Word(text, rv);

  if (!word.removeFrom(PERFECTIVE_GERUND)) {
    word.removeFrom(REFLEXIVE);
    if (word.removeFrom(ADJECTIVE)) {
      word.removeFrom(PARTICIPLE);
    } else if (!word.removeFrom(VERB)) {
      word.removeFrom(NOUN);
    }
  }

  if (word.text.endsWith('и') && word.text.length - 1 >= rv) word.text = word.text.slice(0, -1);

  word.removeFrom(DERIVATIONAL, p2);

  tidyUp(word);
  return word.text;
}

/** The offset just past the first character from `from` on that satisfies `test`, or -1. */
function goPast(text: string, from: number, test: (c: string) => boolean): number {
  for (let i = from; i < text.length; i++) {
    if (test(text[i]!)) return i + 1;
  }
  return -1;
}

function tidyUp(word: Word): void {
  const { text, rv } = word;
  const inRv = (suffix: string): boolean => text.endsWith(suffix) && text.length - suffix.length >= rv;
  if (inRv('ейше') || inRv('ейш')) {
    let rest = text.slice(0, text.length - (inRv('ейше') ? 4 : 3));
    if (rest.endsWith('нн') && rest.length - 2 >= rv) rest = rest.slice(0, -1);
    word.text = rest;
  } else if (inRv('нн')) {
    word.text = text.slice(0, -1);
  } else if (inRv('ь')) {
    word.text = text.slice(0, -1);
  }
}
