/**
 * Remembered WordPiece splits. transformers.js' WordPiece model splits every word of every text
 * anew, trying each prefix as a string (the largest item of tokenizing in a profile, more than
 * ONNX Runtime's run of this app's model); a word's pieces depend on the word alone, so a
 * stream's words, which repeat, are split once. Bounded: when full the memo starts over (a
 * few thousand texts refill it), so an unbounded vocabulary (numbers, tags) cannot grow it.
 */

/** The default bound: ~3 MB of keys and pieces, most of the words of a day's mentions. */
export const WORD_PIECE_MEMO_SIZE = 20_000;

interface WordPieceModel {
  encode(tokens: string[]): string[];
}

function isWordPiece(model: unknown): model is WordPieceModel {
  if (model === null || (typeof model !== 'object' && typeof model !== 'function')) return false;
  // transformers.js ships unminified sources: the class name is its own.
  return (model as { constructor?: { name?: string } }).constructor?.name === 'WordPieceTokenizer' && typeof (model as WordPieceModel).encode === 'function';
}

/**
 * Makes a transformers.js tokenizer model remember its WordPiece splits (the tokenizer's `model`).
 * Other models (BPE keeps its own cache, Unigram, …) are left alone. Returns whether it applied.
 */
export function rememberWordPieces(model: unknown, capacity = WORD_PIECE_MEMO_SIZE): boolean {
  if (!isWordPiece(model)) return false;
  const split = model.encode.bind(model);
  const memo = new Map<string, readonly string[]>();
  // WordPiece's encode maps each pre-token on its own and concatenates: per word is the same output.
  model.encode = (tokens: string[]): string[] => {
    const out: string[] = [];
    for (const token of tokens) {
      let pieces = memo.get(token);
      if (pieces === undefined) {
        pieces = split([token]);
        if (memo.size >= capacity) memo.clear();
        memo.set(token, pieces);
      }
      for (const piece of pieces) out.push(piece);
    }
    return out;
  };
  return true;
}
