/** Field filters match a document's metadata rather than its text. */
export const QUERY_FIELDS = ['author', 'source', 'lang'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

/** Where a node came from in the query, end exclusive: for error carets and "what matched". */
export interface SourceSpan {
  start: number;
  end: number;
}

/** A single word; `word` is normalized (see `normalizeWord`) but not stemmed. */
export interface TermNode extends SourceSpan {
  kind: 'term';
  word: string;
  /** `*word*`: also found glued inside a longer word (`#билайнотстой`). */
  glued?: boolean;
}

/** Consecutive words. A bare term that the tokenizer splits ("wi-fi") is a phrase too. */
export interface PhraseNode extends SourceSpan {
  kind: 'phrase';
  words: string[];
  /** `*альфа-банк*`: also found as one glued word (`#альфабанк`, `альфабанка`). */
  glued?: boolean;
}

/** `prefix*`: any word that starts with `prefix` (normalized, not stemmed). */
export interface PrefixNode extends SourceSpan {
  kind: 'prefix';
  prefix: string;
}

export interface FieldNode extends SourceSpan {
  kind: 'field';
  field: QueryField;
  /** Normalized value; `prefix` when it ended in `*`. */
  value: string;
  prefix: boolean;
}

export interface NotNode extends SourceSpan {
  kind: 'not';
  operand: QueryNode;
}

export interface AndNode extends SourceSpan {
  kind: 'and';
  operands: QueryNode[];
}

export interface OrNode extends SourceSpan {
  kind: 'or';
  operands: QueryNode[];
}

/** Unordered proximity: the operands at most `distance` word positions apart. */
export interface NearNode extends SourceSpan {
  kind: 'near';
  distance: number;
  left: QueryNode;
  right: QueryNode;
}

export type QueryNode = TermNode | PhraseNode | PrefixNode | FieldNode | NotNode | AndNode | OrNode | NearNode;
