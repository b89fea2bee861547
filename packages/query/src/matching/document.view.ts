import type { QueryField } from '../parsing/query.ast.js';
import { stemNormalized } from '../stemming/word.stemmer.js';
import { tokenize, type TextToken } from '../text/text.tokenizer.js';
import { normalizeWord } from '../text/word.normalizer.js';
import { nameBases } from './name-forms.js';

export interface QueryDocument {
  text: string;
  author?: string;
  source?: string;
  language?: string;
}

const NO_POSITIONS: readonly number[] = [];

/**
 * Keys of the word index, by what a word is compared on (see `wordKeys` in the evaluator):
 * its stem, its exact form, and its forms with a case ending removed. Stems and forms share
 * one namespace: asking for either finds both, which is what every query word wants (a
 * vowel-less acronym is never another word's stem, as Snowball stems keep the first vowel).
 */
export const stemKey = (stem: string): string => stem;
export const formKey = (form: string): string => form;
export const baseKey = (base: string): string => `~${base}`;

const CYRILLIC = /[\u0400-\u04FF]/u;
const LATIN = /[a-z]/u;

/**
 * The index keys of one document word, memoized like stems: vocabulary repeats, so indexing
 * a document is mostly one lookup per word. Cleared wholesale when full.
 */
const KEYS_LIMIT = 50_000;
const keysMemo = new Map<string, readonly string[]>();

function indexKeys(word: string): readonly string[] {
  let keys = keysMemo.get(word);
  if (keys === undefined) {
    const stem = stemNormalized(word);
    keys = [stemKey(stem), ...(stem === word ? [] : [formKey(word)]), ...nameBases(word).map(baseKey)];
    if (keysMemo.size >= KEYS_LIMIT) keysMemo.clear();
    keysMemo.set(word, keys);
  }
  return keys;
}

/** A query word's keys, prepared once at compile time: `id` names the list for the merge memo. */
export interface KeySet {
  keys: readonly string[];
  id: string;
}

export const keySet = (keys: readonly string[]): KeySet => ({ keys, id: keys.join('\u0000') });

/** What the glued operator looks for, prepared at compile time (see `glue`). */
export interface Glue {
  fragments: readonly string[];
  edgesOnly: boolean;
  /** Per fragment, the substrings of the document's word text that reveal it. */
  probes: readonly (readonly string[])[];
}

/** Words in `wordText` are separated by this, so an edge probe is the fragment beside it. */
const WORD_SEPARATOR = '\u0001';

export const glue = (fragments: readonly string[], edgesOnly: boolean): Glue => ({
  fragments,
  edgesOnly,
  probes: fragments.map((fragment) => (edgesOnly ? [`${WORD_SEPARATOR}${fragment}`, `${fragment}${WORD_SEPARATOR}`] : [fragment])),
});

/**
 * One document as a query sees it during one `matches`/`explain` call: tokenized and
 * indexed at most once, and only if a text operand asks (field-only queries never tokenize).
 * The index maps each key to the ascending word positions that have it, so a query word
 * costs a few map lookups however many topics test the document.
 */
export class DocumentView {
  private tokenList: TextToken[] | undefined;
  private index: Map<string, number[]> | undefined;
  private merged: Map<string, readonly number[]> | undefined;

  constructor(private readonly doc: QueryDocument) {}

  get tokens(): readonly TextToken[] {
    // Callers outside TypeScript may hand over anything; a missing text is simply empty.
    this.tokenList ??= tokenize(typeof this.doc.text === 'string' ? this.doc.text : '');
    return this.tokenList;
  }

  /** Word positions that have `key` (see `stemKey`, `formKey`, `baseKey`), ascending. */
  positions(key: string): readonly number[] {
    this.index ??= this.buildIndex();
    return this.index.get(key) ?? NO_POSITIONS;
  }

  /** Whether any word has any of `keys`: the cheap test, no merging. */
  hasAny({ keys }: KeySet): boolean {
    this.index ??= this.buildIndex();
    for (const key of keys) if (this.index.has(key)) return true;
    return false;
  }

  /** Word positions that have any of `keys`, ascending, each once. */
  positionsOfAny({ keys, id }: KeySet): readonly number[] {
    this.index ??= this.buildIndex();
    let only: number[] | undefined;
    let several = false;
    for (const key of keys) {
      const list = this.index.get(key);
      if (list === undefined) continue;
      if (only === undefined) only = list;
      else several = true;
    }
    if (!several) return only ?? NO_POSITIONS;
    // Memoized per key list: the same query word is usually asked for again (explain after test).
    this.merged ??= new Map();
    let positions = this.merged.get(id);
    if (positions === undefined) {
      const all = new Set<number>();
      for (const key of keys) for (const position of this.index.get(key) ?? NO_POSITIONS) all.add(position);
      positions = [...all].sort((a, b) => a - b);
      this.merged.set(id, positions);
    }
    return positions;
  }

  /** Word positions of words (or underscore parts) that start with `prefix`, ascending. */
  prefixPositions(prefix: string): number[] {
    const found: number[] = [];
    this.tokens.forEach((token, position) => {
      if (token.text.startsWith(prefix) || token.parts?.some((part) => part.startsWith(prefix))) found.push(position);
    });
    return found;
  }

  /**
   * Word positions of words that contain one of the glue's fragments (`#билайнотстой`); with
   * `edgesOnly`, only at the start or the end of the word (`МТСник`).
   */
  gluedPositions(glue: Glue): number[] {
    const present = this.presentFragments(glue);
    if (present.length === 0) return [];
    const found: number[] = [];
    const has = (word: string): boolean =>
      present.some((fragment) => (glue.edgesOnly ? word.startsWith(fragment) || word.endsWith(fragment) : word.includes(fragment)));
    this.tokens.forEach((token, position) => {
      if (has(token.text) || (token.cyrillic !== undefined && this.isCyrillicText() && has(token.cyrillic))) found.push(position);
    });
    return found;
  }

  /** Whether some word has one of the glue's fragments: the cheap test. */
  hasGlued(glue: Glue): boolean {
    return this.presentFragments(glue).length > 0;
  }

  /**
   * One native substring search over all the words per probe: most documents have none of
   * the fragments, and then no word is looked at one by one.
   */
  private presentFragments({ fragments, probes }: Glue): readonly string[] {
    const words = this.wordText();
    return fragments.filter((_, i) => probes[i]!.some((probe) => words.includes(probe)));
  }

  private words: string | undefined;

  /** Every word (and Cyrillic reading) between \u0001 separators, for the glued operator's first pass. */
  private wordText(): string {
    if (this.words === undefined) {
      let text = WORD_SEPARATOR;
      for (const token of this.tokens) {
        text += `${token.text}${WORD_SEPARATOR}`;
        if (token.cyrillic !== undefined && this.isCyrillicText()) text += `${token.cyrillic}${WORD_SEPARATOR}`;
      }
      this.words = text;
    }
    return this.words;
  }

  field(field: QueryField): string | undefined {
    const raw = field === 'author' ? this.doc.author : field === 'source' ? this.doc.source : this.doc.language;
    if (typeof raw !== 'string') return undefined;
    const value = normalizeWord(raw).trim().replace(/\s+/gu, ' ');
    return field === 'author' ? value.replace(/^@/u, '') : value;
  }

  private cyrillicText: boolean | undefined;

  /** Mostly Cyrillic words: an all-Latin "MTC" here is more likely МТС in disguise than an English word. */
  private isCyrillicText(): boolean {
    if (this.cyrillicText === undefined) {
      let cyrillic = 0;
      let latin = 0;
      for (const token of this.tokens) {
        if (CYRILLIC.test(token.text)) cyrillic++;
        else if (LATIN.test(token.text)) latin++;
      }
      this.cyrillicText = cyrillic > latin;
    }
    return this.cyrillicText;
  }

  private buildIndex(): Map<string, number[]> {
    const index = new Map<string, number[]>();
    const add = (key: string, position: number): void => {
      const list = index.get(key);
      if (list === undefined) index.set(key, [position]);
      else if (list.at(-1) !== position) list.push(position);
    };
    const addWord = (word: string, position: number): void => {
      for (const key of indexKeys(word)) add(key, position);
    };
    const tokens = this.tokens;
    for (let position = 0; position < tokens.length; position++) {
      const token = tokens[position]!;
      addWord(token.text, position);
      if (token.parts !== undefined) for (const part of token.parts) addWord(part, position);
      if (token.forms !== undefined) for (const form of token.forms) addWord(form, position);
      if (token.cyrillic !== undefined && this.isCyrillicText()) addWord(token.cyrillic, position);
    }
    return index;
  }
}
