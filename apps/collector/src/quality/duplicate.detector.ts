import { MINHASH_SIZE, estimatedSimilarity } from './text-fingerprint.js';

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
  /** Position in the order texts were checked: "oldest" never depends on clocks. */
  seq: number;
  at: number;
}

export interface DuplicateDetectorOptions {
  /** Fingerprints kept; the oldest are forgotten first. */
  capacity?: number;
  /** Estimated Jaccard similarity of word pairs at or above which a text is a copy. */
  minSimilarity?: number;
  /** How long a text counts as an original (milliseconds of `at`). */
  windowMs?: number;
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
 * Near-duplicate detection with MinHash signatures and banded (LSH) lookup. Deterministic:
 * the same sequence of checks gives the same verdicts, so every collector applying the
 * fingerprint log in its order holds the same window. Memory is bounded by `capacity`.
 */
export class DuplicateDetector {
  private readonly entries = new Map<string, Entry>();
  private readonly bands: Map<string, Entry[]>[] = Array.from({ length: BANDS }, () => new Map());
  private readonly capacity: number;
  private readonly minSimilarity: number;
  private readonly windowMs: number;
  private seq = 0;
  private latest = 0;

  constructor(options: DuplicateDetectorOptions = {}) {
    this.capacity = options.capacity ?? 100_000;
    this.minSimilarity = options.minSimilarity ?? 0.7;
    this.windowMs = options.windowMs ?? Number.POSITIVE_INFINITY;
  }

  /** `signature` null: too short to compare. `at`: the fingerprint's time, for the window. */
  check(id: string, signature: Uint32Array | null, authorKey: string, at: number): DuplicateVerdict {
    this.expire(at);
    const existing = this.entries.get(id);
    // The same mention collected again is not a copy of itself.
    if (existing) return { duplicateOf: null, authors: existing.authors.size };
    if (signature === null) return { duplicateOf: null, authors: 1 };
    const original = this.nearest(signature);
    if (original) {
      if (original.authors.size < MAX_AUTHORS) original.authors.add(authorKey);
      return { duplicateOf: original.id, authors: original.authors.size };
    }
    this.add({ id, signature, authors: new Set([authorKey]), seq: this.seq++, at });
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
        if (best && candidate.seq >= best.seq) continue;
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

  /** Entries leave in the order they came: the window's edge follows the newest time seen, so a late clock cannot rewind it. */
  private expire(at: number): void {
    this.latest = Math.max(this.latest, at);
    const horizon = this.latest - this.windowMs;
    while (this.entries.size > 0) {
      const oldest = this.entries.values().next().value as Entry;
      if (oldest.at >= horizon) return;
      this.evictOldest();
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
