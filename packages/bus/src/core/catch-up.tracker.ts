/**
 * Tells when a consumer has handled everything a topic held when it started: per
 * partition, the offset below the high-water mark seen then. Partitions that were empty
 * (or whose messages all expired) count as done from the start.
 */
export class CatchUpTracker {
  private readonly remaining = new Map<number, bigint>();
  private done = false;

  /** `marks`: per partition, the first offset still to read (low) and the high-water mark. */
  constructor(
    marks: readonly { partition: number; low: string | number; high: string | number }[],
    private readonly onCaughtUp: () => void,
  ) {
    for (const { partition, low, high } of marks) if (BigInt(high) > BigInt(low)) this.remaining.set(partition, BigInt(high) - 1n);
    this.check();
  }

  /** After a batch's offsets were committed: `lastOffset` is the last one handled on that partition. */
  handled(partition: number, lastOffset: string | number): void {
    const last = this.remaining.get(partition);
    if (last !== undefined && BigInt(lastOffset) >= last) this.remaining.delete(partition);
    this.check();
  }

  get caughtUp(): boolean {
    return this.done;
  }

  private check(): void {
    if (this.done || this.remaining.size > 0) return;
    this.done = true;
    this.onCaughtUp();
  }
}
