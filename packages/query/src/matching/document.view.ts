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
 * its stem, its exact form, and its forms with a case ending removed.
 */
export const stemKey = (stem: string): string => `s:${stem}`;
export const formKey = (form: string): string => `=${form}`;
export const baseKey = (base: string): string => `~${base}`;

const CYRILLIC = /[\u0400-\u04FF]/u;
const LATIN = /[a-z]/u;

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

  /** Word positions that have any of `keys`, ascending, each once. */
  positionsOfAny(keys: readonly string[]): readonly number[] {
    if (keys.length === 1) return this.positions(keys[0]!);
    this.index ??= this.buildIndex();
    const lists = keys.map((key) => this.index!.get(key)).filter((list): list is number[] => list !== undefined);
    if (lists.length <= 1) return lists[0] ?? NO_POSITIONS;
    // Memoized per key list: the same query word is usually asked for again (explain after test).
    const id = keys.join('\u0000');
    this.merged ??= new Map();
    let positions = this.merged.get(id);
    if (positions === undefined) {
      positions = [...new Set(lists.flat())].sort((a, b) => a - b);
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
   * Word positions of words that contain one of `fragments` glued to other letters
   * (`#билайнотстой`); with `edgesOnly`, only at the start or the end of the word (`МТСник`).
   */
  gluedPositions(fragments: readonly string[], edgesOnly: boolean): number[] {
    const found: number[] = [];
    const has = (word: string): boolean =>
      fragments.some((fragment) => (edgesOnly ? word.startsWith(fragment) || word.endsWith(fragment) : word.includes(fragment)));
    this.tokens.forEach((token, position) => {
      if (has(token.text) || (token.cyrillic !== undefined && this.isCyrillicText() && has(token.cyrillic))) found.push(position);
    });
    return found;
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
      add(stemKey(stemNormalized(word)), position);
      add(formKey(word), position);
      for (const base of nameBases(word)) add(baseKey(base), position);
    };
    const cyrillicText = this.isCyrillicText();
    this.tokens.forEach((token, position) => {
      addWord(token.text, position);
      for (const part of token.parts ?? []) addWord(part, position);
      for (const form of token.forms ?? []) addWord(form, position);
      if (token.cyrillic !== undefined && cyrillicText) addWord(token.cyrillic, position);
    });
    return index;
  }
}
