import { MINHASH_SIZE, estimatedSimilarity, minhash, normalizeForDedup } from './text-fingerprint.js';

export interface DuplicateVerdict {
  /** The earliest mention this one repeats, or null. */
  duplicateOf: string | null;
  /** Distinct authors seen posting this text (copy-paste campaigns post from many accounts). */
  authors: number;
}

interface Entry {
  id: string;
  signature: Uint32Array;
  authors: Set<string>;
  seenAt: number;
}

export interface DuplicateDetectorOptions {
  /** Fingerprints kept; the oldest are forgotten first. */
  capacity?: number;
  /** Estimated Jaccard similarity of word pairs at or above which a text is a copy. */
  minSimilarity?: number;
  /** Shorter texts are too generic ("МТС не работает") to call copies. */
  minWords?: number;
}

/** Locality-sensitive lookup: 8 bands of 4 signature rows find ~99% of pairs at 0.8 similarity. */
const BANDS = 8;
const ROWS = MINHASH_SIZE / BANDS;
/**
 * Entries kept per band bucket. A campaign of slightly varied texts (counters, names) fills
 * one bucket with thousands of near-originals; comparing each new post against all of them
 * made ingestion quadratic. The oldest few are enough to recognise the next copy.
 */
const MAX_BUCKET = 16;
/** Authors remembered per text: the spam signal only needs to know "many". */
const MAX_AUTHORS = 100;

/**
 * Near-duplicate detection with MinHash and banded (LSH) lookup over normalized text.
 * Memory is bounded by `capacity`; in distributed mode each collector instance keeps its
 * own window.
 */
export class DuplicateDetector {
  private readonly entries = new Map<string, Entry>();
  private readonly bands: Map<string, Entry[]>[] = Array.from({ length: BANDS }, () => new Map());
  private readonly capacity: number;
  private readonly minSimilarity: number;
  private readonly minWords: number;

  constructor(options: DuplicateDetectorOptions = {}) {
    this.capacity = options.capacity ?? 100_000;
    this.minSimilarity = options.minSimilarity ?? 0.7;
    this.minWords = options.minWords ?? 5;
  }

  check(id: string, text: string, authorKey: string, now = Date.now()): DuplicateVerdict {
    const existing = this.entries.get(id);
    // The same mention collected again is not a copy of itself.
    if (existing) return { duplicateOf: null, authors: existing.authors.size };
    const words = normalizeForDedup(text);
    if (words.length < this.minWords) return { duplicateOf: null, authors: 1 };
    const signature = minhash(words);
    const original = this.nearest(signature);
    if (original) {
      if (original.authors.size < MAX_AUTHORS) original.authors.add(authorKey);
      return { duplicateOf: original.id, authors: original.authors.size };
    }
    this.add({ id, signature, authors: new Set([authorKey]), seenAt: now });
    return { duplicateOf: null, authors: 1 };
  }

  get size(): number {
    return this.entries.size;
  }

  /** The oldest stored text similar enough to count as the original, if any. */
  private nearest(signature: Uint32Array): Entry | undefined {
    let best: Entry | undefined;
    for (let band = 0; band < BANDS; band++) {
      for (const candidate of this.bands[band]!.get(bandKey(signature, band)) ?? []) {
        if (best && candidate.seenAt >= best.seenAt) continue;
        if (estimatedSimilarity(signature, candidate.signature) >= this.minSimilarity) best = candidate;
      }
    }
    return best;
  }

  private add(entry: Entry): void {
    if (this.entries.size >= this.capacity) this.evictOldest();
    this.entries.set(entry.id, entry);
    for (let band = 0; band < BANDS; band++) {
      const key = bandKey(entry.signature, band);
      const bucket = this.bands[band]!.get(key) ?? [];
      // Keep the oldest: they are the originals copies should point to.
      if (bucket.length < MAX_BUCKET) bucket.push(entry);
      this.bands[band]!.set(key, bucket);
    }
  }

  private evictOldest(): void {
    const [id, entry] = this.entries.entries().next().value as [string, Entry];
    this.entries.delete(id);
    for (let band = 0; band < BANDS; band++) {
      const key = bandKey(entry.signature, band);
      const bucket = this.bands[band]!.get(key)?.filter((e) => e !== entry) ?? [];
      if (bucket.length === 0) this.bands[band]!.delete(key);
      else this.bands[band]!.set(key, bucket);
    }
  }
}

function bandKey(signature: Uint32Array, band: number): string {
  return signature.subarray(band * ROWS, (band + 1) * ROWS).join(',');
}
