import type { IncomingMessage } from '../core/batch-processor.js';

export interface PrefetchPipelineDeps {
  /** Handles one partition's messages (decode, handler, retries, dead letters); throws only when it gave up (stopping, broker gone). */
  process(messages: IncomingMessage[]): Promise<void>;
  /** Commits `nextOffset` for the partition (not called for consumers that do not commit). */
  commit?(partition: number, nextOffset: string): Promise<void>;
  /** The partition's messages up to `lastOffset` are handled (their commit may still be on its way). */
  onHandled?(partition: number, lastOffset: string): void;
  /** A failed call: the partition is read again from `offset` (its first unhandled message). */
  rewind(partition: number, offset: string): void;
  onError(error: unknown, partition: number): void;
  /** Most messages one handler call gets. */
  maxBatchSize: number;
  /** Messages queued per partition before the fetch loop waits for the handler (backpressure). */
  maxQueued: number;
  /** Partitions whose handler runs at the same time. */
  concurrency: number;
}

interface PartitionQueue {
  messages: IncomingMessage[];
  running: boolean;
  /** Settles when the partition's queue is empty and its last call finished. */
  idle: Promise<void>;
  settleIdle: () => void;
  roomWaiters: (() => void)[];
  /** The newest offset to commit once the commit in flight is done (older ones are superseded). */
  commitNext?: { offset: string; epoch: number };
  /** The partition's commit in flight, if any. */
  committing?: Promise<void>;
}

/**
 * Read-ahead between a consumer's fetch loop and its handler. kafkajs fetches a broker's
 * partitions again only after every batch of the previous fetch was handled, so each fetch
 * round cost fetch + handler time, and the handler got whatever one fetch returned — on
 * librdkafka's mock cluster one produced batch per partition, so a stream of small produce
 * requests was handled a mention or two per call and queued for seconds at 200 mentions/s
 * (bench/probe figures in ARCHITECTURE.md "Latency"). Here the fetch loop only queues a batch
 * and fetches again; each partition's queue hands the handler everything that arrived meanwhile
 * as one call (up to maxBatchSize): light streams pay no wait, heavy ones get larger calls.
 * Order within a partition is kept (one call at a time per partition) and an offset is committed
 * only after its call succeeded, so delivery stays at-least-once.
 */
export class PrefetchPipeline {
  private readonly queues = new Map<number, PartitionQueue>();
  /** Bumped on rebalance: queued messages of an older generation are dropped, their commits skipped. */
  private epoch = 0;
  private running = 0;
  private readonly slotWaiters: (() => void)[] = [];

  constructor(private readonly deps: PrefetchPipelineDeps) {}

  /**
   * Queues a fetched batch; resolves once the partition has room for more (so the caller,
   * the fetch loop, reads ahead by at most maxQueued messages) or `active()` turns false.
   */
  async accept(partition: number, messages: IncomingMessage[], active: () => boolean): Promise<void> {
    if (messages.length === 0) return;
    const queue = this.queue(partition);
    queue.messages.push(...messages);
    this.run(partition, queue);
    while (queue.messages.length >= this.deps.maxQueued && active()) {
      await new Promise<void>((resolve) => {
        queue.roomWaiters.push(resolve);
        // A rebalance or stop does not wake a waiter by itself: look again shortly.
        setTimeout(resolve, 200).unref();
      });
    }
  }

  /** After a rebalance (or a rebuilt consumer): the group reads again from the committed offsets, so what is queued is dropped. */
  reset(): void {
    this.epoch++;
    for (const queue of this.queues.values()) {
      queue.messages.length = 0;
      this.wakeRoom(queue);
    }
  }

  /** Resolves when everything queued has been handled (or dropped after a failure) and its offsets committed. */
  async drain(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.idle));
    // A commit that finishes may hand over one more (an offset folded in meanwhile): wait for that too.
    for (;;) {
      const inFlight = [...this.queues.values()].flatMap((q) => (q.committing ? [q.committing] : []));
      if (inFlight.length === 0) return;
      await Promise.all(inFlight);
    }
  }

  private queue(partition: number): PartitionQueue {
    let queue = this.queues.get(partition);
    if (!queue) {
      queue = { messages: [], running: false, idle: Promise.resolve(), settleIdle: () => undefined, roomWaiters: [] };
      this.queues.set(partition, queue);
    }
    return queue;
  }

  private run(partition: number, queue: PartitionQueue): void {
    if (queue.running) return;
    queue.running = true;
    queue.idle = new Promise<void>((resolve) => (queue.settleIdle = resolve));
    void this.loop(partition, queue).finally(() => {
      queue.running = false;
      queue.settleIdle();
      // Something may have been queued between the loop's last look and now.
      if (queue.messages.length > 0) this.run(partition, queue);
    });
  }

  private async loop(partition: number, queue: PartitionQueue): Promise<void> {
    while (queue.messages.length > 0) {
      await this.acquireSlot();
      try {
        const epoch = this.epoch;
        const chunk = queue.messages.splice(0, this.deps.maxBatchSize);
        this.wakeRoom(queue);
        if (chunk.length === 0) return;
        try {
          await this.deps.process(chunk);
        } catch (error) {
          // Nothing after the failed call may be handled before it: read the partition again from there.
          this.deps.onError(error, partition);
          if (epoch === this.epoch) {
            queue.messages.length = 0;
            try {
              this.deps.rewind(partition, chunk[0]!.offset);
            } catch (rewindError) {
              // A consumer already leaving cannot seek; the group reads from the committed offset anyway.
              this.deps.onError(rewindError, partition);
            }
          }
          this.wakeRoom(queue);
          return;
        }
        const last = chunk[chunk.length - 1]!.offset;
        // A commit for a generation the group has left would only move another member's position back.
        if (epoch !== this.epoch) continue;
        if (this.deps.commit) this.commitLater(partition, queue, (BigInt(last) + 1n).toString(), epoch);
        this.deps.onHandled?.(partition, last);
      } finally {
        this.releaseSlot();
      }
    }
  }

  /**
   * Commits behind the handler instead of before its next call: a commit is a round trip to the
   * group coordinator (4–20 ms per call in the pipeline bench), and waiting for it delayed every
   * message queued behind the call. Still after the call succeeded (at-least-once), one commit in
   * flight per partition so offsets never go backwards, and what arrives meanwhile is folded into
   * the newest offset. A commit from a generation the group has left is skipped.
   */
  private commitLater(partition: number, queue: PartitionQueue, offset: string, epoch: number): void {
    queue.commitNext = { offset, epoch };
    if (queue.committing) return;
    queue.committing = (async () => {
      while (queue.commitNext) {
        const next = queue.commitNext;
        queue.commitNext = undefined;
        if (next.epoch !== this.epoch) continue;
        try {
          await this.deps.commit!(partition, next.offset);
        } catch (error) {
          // Handled but not committed: redelivered after a restart or rebalance (at-least-once).
          this.deps.onError(error, partition);
        }
      }
    })().finally(() => {
      queue.committing = undefined;
      // An offset handed over between the loop's last look and here still goes out.
      const left = queue.commitNext;
      if (left) this.commitLater(partition, queue, left.offset, left.epoch);
    });
  }

  private wakeRoom(queue: PartitionQueue): void {
    for (const wake of queue.roomWaiters.splice(0)) wake();
  }

  private async acquireSlot(): Promise<void> {
    while (this.running >= this.deps.concurrency) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    this.running++;
  }

  private releaseSlot(): void {
    this.running--;
    this.slotWaiters.shift()?.();
  }
}
