/**
 * One produce request in flight per topic; publishes that arrive meanwhile leave together in the
 * next one. kafkajs sends each send() at once, so N concurrent publishes (N /ingest requests,
 * N handler calls) became N small record batches, and a consumer reads a partition one record
 * batch per fetch on librdkafka's mock cluster (a real broker returns several, but pays per
 * request too). Light traffic is sent immediately; under load, requests grow with it — up to
 * `maxBytes`, because a broker refuses a record batch above its `message.max.bytes` (1 MiB by
 * default), so merging must never build one that no single publish would have. Order per topic
 * is kept, and each caller learns the outcome of the request that carried its messages.
 */
export class PublishQueue<M> {
  private readonly waiting = new Map<string, { messages: M[]; bytes: number; resolve: () => void; reject: (error: unknown) => void }[]>();
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly send: (topic: string, messages: M[]) => Promise<void>,
    private readonly sizeOf: (message: M) => number,
    private readonly maxBytes = 512 * 1024,
  ) {}

  publish(topic: string, messages: M[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const bytes = messages.reduce((sum, m) => sum + this.sizeOf(m), 0);
      const queue = this.waiting.get(topic) ?? [];
      this.waiting.set(topic, queue);
      queue.push({ messages, bytes, resolve, reject });
      if (!this.inFlight.has(topic)) void this.flush(topic);
    });
  }

  private async flush(topic: string): Promise<void> {
    this.inFlight.add(topic);
    try {
      const queue = this.waiting.get(topic)!;
      while (queue.length > 0) {
        // Whole publishes only, at least one, while the request stays within maxBytes.
        let take = 1;
        let bytes = queue[0]!.bytes;
        while (take < queue.length && bytes + queue[take]!.bytes <= this.maxBytes) bytes += queue[take++]!.bytes;
        const callers = queue.splice(0, take);
        try {
          await this.send(topic, callers.flatMap((c) => c.messages));
          for (const caller of callers) caller.resolve();
        } catch (error) {
          for (const caller of callers) caller.reject(error);
        }
      }
    } finally {
      this.inFlight.delete(topic);
    }
  }
}
