/**
 * Token ids of many texts in one flat buffer: a per-text array of 80k small arrays would cost far
 * more memory and GC time than the arithmetic of training itself.
 */
export class TokenCorpus {
  constructor(
    readonly ids: Int32Array,
    /** offsets[i]..offsets[i+1] are the ids of text i; length = count + 1. */
    readonly offsets: Uint32Array,
  ) {}

  get count(): number {
    return this.offsets.length - 1;
  }

  get(i: number): Int32Array {
    return this.ids.subarray(this.offsets[i] ?? 0, this.offsets[i + 1] ?? 0);
  }

  static fromArrays(seqs: ArrayLike<number>[]): TokenCorpus {
    const offsets = new Uint32Array(seqs.length + 1);
    let total = 0;
    seqs.forEach((s, i) => {
      total += s.length;
      offsets[i + 1] = total;
    });
    const ids = new Int32Array(total);
    seqs.forEach((s, i) => ids.set(s, offsets[i] ?? 0));
    return new TokenCorpus(ids, offsets);
  }
}
