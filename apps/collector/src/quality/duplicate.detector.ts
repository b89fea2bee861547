import { hammingDistance, normalizeForDedup, simhash } from './text-fingerprint.js';

export interface DuplicateVerdict {
  /** The earliest mention this one repeats, or null. */
  duplicateOf: string | null;
  /** Distinct authors seen posting this text (copy-paste campaigns post from many accounts). */
  authors: number;
}

interface Entry {
  id: string;
  fingerprint: bigint;
  authors: Set<string>;
  seenAt: number;
}

export interface DuplicateDetectorOptions {
  /** Fingerprints kept; the oldest are forgotten first. */
  capacity?: number;
  /** Bits two fingerprints may differ by and still be the same text. */
  maxDistance?: number;
  /** Shorter texts are too generic ("МТС не работает") to call copies. */
  minWords?: number;
}

const BANDS = 4;
const BAND_BITS = 16n;

/**
 * Near-duplicate detection with SimHash and banded lookup (any two fingerprints within
 * 3 bits share at least one of four 16-bit bands). Memory is bounded by `capacity`; in
 * distributed mode each collector instance keeps its own window.
 */
export class DuplicateDetector {
  private readonly entries = new Map<string, Entry>();
  private readonly bands: Map<number, Entry[]>[] = Array.from({ length: BANDS }, () => new Map());
  private readonly capacity: number;
  private readonly maxDistance: number;
  private readonly minWords: number;

  constructor(options: DuplicateDetectorOptions = {}) {
    this.capacity = options.capacity ?? 100_000;
    this.maxDistance = options.maxDistance ?? 3;
    this.minWords = options.minWords ?? 5;
  }

  check(id: string, text: string, authorKey: string, now = Date.now()): DuplicateVerdict {
    const existing = this.entries.get(id);
    // The same mention collected again is not a copy of itself.
    if (existing) return { duplicateOf: null, authors: existing.authors.size };
    const words = normalizeForDedup(text);
    if (words.length < this.minWords) return { duplicateOf: null, authors: 1 };
    const fingerprint = simhash(words);
    const original = this.nearest(fingerprint);
    if (original) {
      original.authors.add(authorKey);
      return { duplicateOf: original.id, authors: original.authors.size };
    }
    this.add({ id, fingerprint, authors: new Set([authorKey]), seenAt: now });
    return { duplicateOf: null, authors: 1 };
  }

  get size(): number {
    return this.entries.size;
  }

  private nearest(fingerprint: bigint): Entry | undefined {
    let best: Entry | undefined;
    let bestDistance = Infinity;
    for (let band = 0; band < BANDS; band++) {
      for (const candidate of this.bands[band]!.get(bandKey(fingerprint, band)) ?? []) {
        const distance = hammingDistance(fingerprint, candidate.fingerprint);
        if (distance <= this.maxDistance && (distance < bestDistance || (distance === bestDistance && candidate.seenAt < best!.seenAt))) {
          best = candidate;
          bestDistance = distance;
        }
      }
    }
    return best;
  }

  private add(entry: Entry): void {
    if (this.entries.size >= this.capacity) this.evictOldest();
    this.entries.set(entry.id, entry);
    for (let band = 0; band < BANDS; band++) {
      const key = bandKey(entry.fingerprint, band);
      const bucket = this.bands[band]!.get(key) ?? [];
      bucket.push(entry);
      this.bands[band]!.set(key, bucket);
    }
  }

  private evictOldest(): void {
    const [id, entry] = this.entries.entries().next().value as [string, Entry];
    this.entries.delete(id);
    for (let band = 0; band < BANDS; band++) {
      const key = bandKey(entry.fingerprint, band);
      const bucket = this.bands[band]!.get(key)?.filter((e) => e !== entry) ?? [];
      if (bucket.length === 0) this.bands[band]!.delete(key);
      else this.bands[band]!.set(key, bucket);
    }
  }
}

function bandKey(fingerprint: bigint, band: number): number {
  return Number((fingerprint >> (BigInt(band) * BAND_BITS)) & 0xffffn);
}
