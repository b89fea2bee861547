import { PLACEHOLDER_TOKENS, SPECIAL_TOKENS, normalizeText, preTokenize } from './tokenizer-spec.js';

export interface VocabOptions {
  size: number;
  /** Whole words must be seen at least this often; rarer ones are left to word pieces. */
  minWordCount?: number;
  minPieceCount?: number;
  minCharCount?: number;
  maxPrefixLength?: number;
  maxSuffixLength?: number;
}

export interface VocabStats {
  words: number;
  prefixes: number;
  suffixes: number;
  chars: number;
  distinctWordsSeen: number;
}

function topK(counts: Map<string, number>, k: number, min: number, score: (tok: string, c: number) => number, taken: Set<string>): string[] {
  const entries: [string, number][] = [];
  for (const [tok, c] of counts) if (c >= min && !taken.has(tok)) entries.push([tok, score(tok, c)]);
  // Ties broken by string so the vocabulary is identical across runs and Node versions.
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return entries.slice(0, Math.max(0, k)).map((e) => e[0]);
}

/**
 * Learns a WordPiece vocabulary without the full likelihood-driven WordPiece algorithm: frequent
 * whole words, then frequent word starts (Russian stems) and "##" endings (Russian inflections)
 * of the remaining words, then every character, so that no word maps to [UNK].
 */
export function buildWordPieceVocab(texts: Iterable<string>, options: VocabOptions): { vocab: string[]; stats: VocabStats } {
  const minWord = options.minWordCount ?? 2;
  const minPiece = options.minPieceCount ?? 3;
  const minChar = options.minCharCount ?? 1;
  const maxPrefix = options.maxPrefixLength ?? 10;
  const maxSuffix = options.maxSuffixLength ?? 6;

  const words = new Map<string, number>();
  for (const text of texts) {
    for (const w of preTokenize(normalizeText(text))) words.set(w, (words.get(w) ?? 0) + 1);
  }

  const initialChars = new Map<string, number>();
  const innerChars = new Map<string, number>();
  for (const [w, c] of words) {
    const chars = [...w];
    chars.forEach((ch, i) => {
      const m = i === 0 ? initialChars : innerChars;
      const key = i === 0 ? ch : `##${ch}`;
      m.set(key, (m.get(key) ?? 0) + c);
    });
  }

  const vocab: string[] = [...SPECIAL_TOKENS, ...PLACEHOLDER_TOKENS];
  const taken = new Set<string>(vocab);
  const add = (toks: string[]): number => {
    for (const t of toks) {
      taken.add(t);
      vocab.push(t);
    }
    return toks.length;
  };

  const byCount = (_t: string, c: number): number => c;
  const charCount = add(topK(initialChars, Infinity, minChar, byCount, taken)) + add(topK(innerChars, Infinity, minChar, byCount, taken));
  const budget = Math.max(0, options.size - vocab.length);
  const wordCount = add(topK(words, Math.floor(budget * 0.6), minWord, byCount, taken));

  const prefixes = new Map<string, number>();
  const suffixes = new Map<string, number>();
  for (const [w, c] of words) {
    if (taken.has(w)) continue;
    const chars = [...w];
    for (let len = 2; len <= Math.min(chars.length - 1, maxPrefix); len++) {
      const p = chars.slice(0, len).join('');
      prefixes.set(p, (prefixes.get(p) ?? 0) + c);
    }
    for (let len = 1; len <= Math.min(chars.length - 1, maxSuffix); len++) {
      const s = `##${chars.slice(chars.length - len).join('')}`;
      suffixes.set(s, (suffixes.get(s) ?? 0) + c);
    }
  }
  // Longer pieces cover more of a word, so weigh by length as well as frequency.
  const byCoverage = (t: string, c: number): number => c * [...t.replace(/^##/, '')].length;
  const remaining = Math.max(0, options.size - vocab.length);
  const prefixCount = add(topK(prefixes, Math.floor(remaining * 0.6), minPiece, byCoverage, taken));
  const suffixCount = add(topK(suffixes, options.size - vocab.length, minPiece, byCoverage, taken));

  return {
    vocab,
    stats: { words: wordCount, prefixes: prefixCount, suffixes: suffixCount, chars: charCount, distinctWordsSeen: words.size },
  };
}
