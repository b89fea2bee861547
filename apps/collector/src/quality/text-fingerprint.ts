import { createHash } from 'node:crypto';

/** Text as a copy-paste campaign sees it: links, handles, case, ё and punctuation do not make a post new. */
export function normalizeForDedup(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/ё/g, 'е')
      .replace(/https?:\/\/\S+|www\.\S+/g, ' ')
      .replace(/[@#][\p{L}\p{N}_]+/gu, ' ')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function hash64(value: string): bigint {
  return createHash('md5').update(value).digest().readBigUInt64BE(0);
}

/**
 * 64-bit SimHash over word 3-shingles (single words for short texts): near-identical
 * texts land a few bits apart, so reposts with an added word or a changed link are found.
 */
export function simhash(words: readonly string[]): bigint {
  const features: string[] = [];
  if (words.length < 3) features.push(...words);
  else for (let i = 0; i + 3 <= words.length; i++) features.push(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  const weights = new Array<number>(64).fill(0);
  for (const feature of features) {
    const h = hash64(feature);
    for (let bit = 0; bit < 64; bit++) weights[bit]! += (h >> BigInt(bit)) & 1n ? 1 : -1;
  }
  let fingerprint = 0n;
  for (let bit = 0; bit < 64; bit++) if (weights[bit]! > 0) fingerprint |= 1n << BigInt(bit);
  return fingerprint;
}

export function hammingDistance(a: bigint, b: bigint): number {
  let x = a ^ b;
  let count = 0;
  while (x) {
    x &= x - 1n;
    count++;
  }
  return count;
}
