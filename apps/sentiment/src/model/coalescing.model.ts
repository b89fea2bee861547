import type { ModelRef, SentimentScores } from '@pulse/contracts';
import type { SentimentModel } from './sentiment-model.port.js';

interface Waiting {
  texts: readonly string[];
  resolve: (scores: SentimentScores[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Adaptive batching in front of a model. The raw consumer scores several partitions' batches
 * at once; each used to be its own model call, so under load the model ran many small calls
 * (a fixed cost each) and batches queued behind one another. Here a call goes straight to the
 * model when it is idle (lowest latency when the stream is light); calls that arrive while it
 * is busy wait and then go together as one (bigger calls exactly when there is a backlog).
 * Results are the model's own, split back per caller. If a merged call fails, each caller's
 * texts are retried alone, so one bad batch cannot fail its neighbours.
 */
export class CoalescingModel implements SentimentModel {
  private queue: Waiting[] = [];
  private busy = false;

  constructor(private readonly inner: SentimentModel) {}

  get ref(): ModelRef {
    return this.inner.ref;
  }

  get targeted(): boolean | undefined {
    return this.inner.targeted;
  }

  classify(texts: readonly string[]): Promise<SentimentScores[]> {
    if (texts.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ texts, resolve, reject });
      if (!this.busy) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue;
        this.queue = [];
        await this.run(group);
      }
    } finally {
      this.busy = false;
    }
  }

  private async run(group: Waiting[]): Promise<void> {
    if (group.length === 1) {
      const [only] = group as [Waiting];
      await this.inner.classify(only.texts).then(only.resolve, only.reject);
      return;
    }
    let scores: SentimentScores[];
    try {
      scores = await this.inner.classify(group.flatMap((w) => w.texts));
    } catch {
      // Alone, each caller gets its own result or its own error.
      for (const waiting of group) await this.inner.classify(waiting.texts).then(waiting.resolve, waiting.reject);
      return;
    }
    let offset = 0;
    for (const waiting of group) {
      waiting.resolve(scores.slice(offset, offset + waiting.texts.length));
      offset += waiting.texts.length;
    }
  }
}
