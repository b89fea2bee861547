import { MINHASH_BASE64_LENGTH } from '@pulse/contracts';
import { foldHomoglyphsInText } from '@pulse/query';

/**
 * Text as a copy-paste campaign sees it: links, handles, case, ё, punctuation and Latin
 * letters swapped for Cyrillic look-alikes do not make a post new.
 */
export function normalizeForDedup(text: string): string[] {
  return (
    foldHomoglyphsInText(text)
      .text.toLowerCase()
      .replace(/ё/g, 'е')
      .replace(/https?:\/\/\S+|www\.\S+/g, ' ')
      .replace(/[@#][\p{L}\p{N}_]+/gu, ' ')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** 32-bit FNV-1a with a murmur3 finalizer: well-spread bits, no cryptographic cost. */
function hash32(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export const MINHASH_SIZE = 32;

/** Odd multipliers and offsets for the universal hash family h_i(x) = a_i * x + b_i (mod 2^32). */
const FAMILY = Array.from({ length: MINHASH_SIZE }, (_, i) => ({ a: (hash32(`a${i}`) | 1) >>> 0, b: hash32(`b${i}`) }));

/**
 * MinHash signature over word 2-shingles (single words for one-word texts): the share of
 * equal positions between two signatures estimates the Jaccard similarity of the texts,
 * which stays high for a repost with a word added or changed — the short-text case where
 * SimHash bit distances are too noisy.
 */
export function minhash(words: readonly string[]): Uint32Array {
  const shingles = new Set<number>();
  if (words.length < 2) for (const w of words) shingles.add(hash32(w));
  else for (let i = 0; i + 2 <= words.length; i++) shingles.add(hash32(`${words[i]} ${words[i + 1]}`));
  const signature = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const { a, b } = FAMILY[i]!;
      const value = (Math.imul(a, shingle) + b) >>> 0;
      if (value < signature[i]!) signature[i] = value;
    }
  }
  return signature;
}

export function estimatedSimilarity(a: Uint32Array, b: Uint32Array): number {
  let equal = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[i]) equal++;
  return equal / MINHASH_SIZE;
}

/** Shorter texts are too generic ("МТС не работает") to call copies: they get no signature. */
export const MIN_DEDUP_WORDS = 5;

/** The MinHash of a text as a copy-paste campaign sees it, or null when it is too short to compare. */
export function textSignature(text: string): Uint32Array | null {
  const words = normalizeForDedup(text);
  return words.length < MIN_DEDUP_WORDS ? null : minhash(words);
}

/** A signature on the wire: little-endian bytes as base64url (the fingerprint log's format). */
export function encodeSignature(signature: Uint32Array): string {
  const bytes = Buffer.alloc(MINHASH_SIZE * 4);
  signature.forEach((value, i) => bytes.writeUInt32LE(value, i * 4));
  return bytes.toString('base64url');
}

export function decodeSignature(encoded: string): Uint32Array {
  const bytes = Buffer.from(encoded, 'base64url');
  if (encoded.length !== MINHASH_BASE64_LENGTH || bytes.length !== MINHASH_SIZE * 4) throw new Error(`expected a ${MINHASH_SIZE}-value signature`);
  return Uint32Array.from({ length: MINHASH_SIZE }, (_, i) => bytes.readUInt32LE(i * 4));
}
