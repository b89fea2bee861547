import type { BatchHandler, BusTopic, SubscribeOptions } from './bus.port.js';

interface Waiting<I, O> {
  items: readonly I[];
  resolve: (outputs: O[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Adaptive batching for work that has a fixed cost per call (a model call, a store transaction,
 * a broker round trip) and is asked for by several concurrent callers (a consumer's partitions).
 * A call runs at once when nothing is running, so a light stream pays no waiting; calls that
 * arrive while one runs queue and then run together as one, so under load the calls grow exactly
 * as much as the backlog. Each caller gets its own slice of the outputs. When a merged call fails,
 * each caller's items run alone, so one bad batch fails only its own caller, with its own error.
 */
export class Coalescer<I, O = void> {
  private queue: Waiting<I, O>[] = [];
  private busy = false;

  /** `run` returns one output per input, in order, or nothing when the work has no outputs. */
  constructor(private readonly run: (items: readonly I[]) => Promise<readonly O[] | void>) {}

  submit(items: readonly I[]): Promise<O[]> {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ items, resolve, reject });
      if (!this.busy) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue;
        this.queue = [];
        await this.runGroup(group);
      }
    } finally {
      this.busy = false;
    }
  }

  private async runGroup(group: Waiting<I, O>[]): Promise<void> {
    if (group.length === 1) return this.runAlone(group[0]!);
    let outputs: readonly O[] | void;
    try {
      outputs = await this.run(group.flatMap((w) => w.items));
    } catch {
      for (const waiting of group) await this.runAlone(waiting);
      return;
    }
    let offset = 0;
    for (const waiting of group) {
      waiting.resolve(outputs ? outputs.slice(offset, offset + waiting.items.length) : []);
      offset += waiting.items.length;
    }
  }

  private async runAlone(waiting: Waiting<I, O>): Promise<void> {
    try {
      const outputs = await this.run(waiting.items);
      waiting.resolve(outputs ? [...outputs] : []);
    } catch (error) {
      waiting.reject(error);
    }
  }
}

/** The handler a consumer runs: the subscriber's own, or merged across partitions when it asked to coalesce. */
export function consumerHandler<T extends BusTopic>(options: SubscribeOptions<T>): BatchHandler<T> {
  if (!options.coalesce) return options.handler;
  const coalescer = new Coalescer<Parameters<BatchHandler<T>>[0][number]>((messages) => options.handler([...messages]));
  return async (batch) => void (await coalescer.submit(batch));
}
