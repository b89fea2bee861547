/**
 * Turns items pushed by stream callbacks (WebSocket messages, server-sent events) into
 * batches of at most `maxItems` for `collect`: a batch leaves when `maxItems` are waiting
 * or every `maxWaitMs`, whichever comes first. The periodic batch may be empty — a streaming connector still
 * wants to save its advanced cursor when nothing matched.
 */
export class StreamBatches<T> {
  private items: T[] = [];
  private failure: { error: unknown } | undefined;
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly maxItems: number,
    private readonly maxWaitMs: number,
  ) {}

  get pending(): number {
    return this.items.length;
  }

  push(item: T): void {
    this.items.push(item);
    if (this.items.length >= this.maxItems) this.wake?.();
  }

  /** The stream broke: the consumer gets what was already pushed, then this error. */
  fail(error: unknown): void {
    this.failure ??= { error };
    this.wake?.();
  }

  close(): void {
    this.closed = true;
    this.wake?.();
  }

  async *drain(signal: AbortSignal): AsyncGenerator<T[]> {
    let deadline = Date.now() + this.maxWaitMs;
    for (;;) {
      if (this.failure || this.closed || signal.aborted) {
        while (this.items.length > 0) yield this.items.splice(0, this.maxItems);
        if (this.failure) throw this.failure.error;
        return;
      }
      if (this.items.length >= this.maxItems || Date.now() >= deadline) {
        deadline = Date.now() + this.maxWaitMs;
        yield this.items.splice(0, this.maxItems);
        continue;
      }
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          this.wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
        signal.addEventListener('abort', done, { once: true });
        this.wake = done;
      });
    }
  }
}
