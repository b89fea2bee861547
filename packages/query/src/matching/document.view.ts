import type { QueryField } from '../parsing/query.ast.js';
import { stemNormalized } from '../stemming/word.stemmer.js';
import { tokenize, type TextToken } from '../text/text.tokenizer.js';
import { normalizeWord } from '../text/word.normalizer.js';

export interface QueryDocument {
  text: string;
  author?: string;
  source?: string;
  language?: string;
}

const NO_POSITIONS: readonly number[] = [];

/**
 * One document as a query sees it during one `matches`/`explain` call: tokenized and
 * stemmed at most once, and only if a text operand asks (field-only queries never tokenize).
 */
export class DocumentView {
  private tokenList: TextToken[] | undefined;
  private stems: Map<string, number[]> | undefined;

  constructor(private readonly doc: QueryDocument) {}

  get tokens(): readonly TextToken[] {
    // Callers outside TypeScript may hand over anything; a missing text is simply empty.
    this.tokenList ??= tokenize(typeof this.doc.text === 'string' ? this.doc.text : '');
    return this.tokenList;
  }

  /** Word positions whose stem (or the stem of one of their underscore parts) is `stem`, ascending. */
  positions(stem: string): readonly number[] {
    this.stems ??= this.indexStems();
    return this.stems.get(stem) ?? NO_POSITIONS;
  }

  hasStemAt(stem: string, position: number): boolean {
    return this.positions(stem).includes(position);
  }

  /** Word positions of words (or underscore parts) that start with `prefix`, ascending. */
  prefixPositions(prefix: string): number[] {
    const found: number[] = [];
    this.tokens.forEach((token, position) => {
      if (token.text.startsWith(prefix) || token.parts?.some((part) => part.startsWith(prefix))) found.push(position);
    });
    return found;
  }

  field(field: QueryField): string | undefined {
    const raw = field === 'author' ? this.doc.author : field === 'source' ? this.doc.source : this.doc.language;
    if (typeof raw !== 'string') return undefined;
    const value = normalizeWord(raw).trim().replace(/\s+/gu, ' ');
    return field === 'author' ? value.replace(/^@/u, '') : value;
  }

  private indexStems(): Map<string, number[]> {
    const index = new Map<string, number[]>();
    const add = (stem: string, position: number): void => {
      const list = index.get(stem);
      if (list === undefined) index.set(stem, [position]);
      else if (list.at(-1) !== position) list.push(position);
    };
    this.tokens.forEach((token, position) => {
      add(stemNormalized(token.text), position);
      for (const part of token.parts ?? []) add(stemNormalized(part), position);
    });
    return index;
  }
}
