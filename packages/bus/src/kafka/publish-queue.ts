/**
 * One produce request in flight per topic; publishes that arrive meanwhile leave together in the
 * next one. kafkajs sends each send() at once, so N concurrent publishes (N /ingest requests,
 * N handler calls) became N small record batches, and a consumer reads a partition one record
 * batch per fetch on librdkafka's mock cluster (a real broker returns several, but pays per
 * request too). Light traffic is sent immediately; under load, requests grow with it. Order per
 * topic is kept, and each caller learns the outcome of the request that carried its messages.
 */
export class PublishQueue<M> {
  private readonly waiting = new Map<string, { messages: M[]; callers: { resolve: () => void; reject: (error: unknown) => void }[] }>();
  private readonly inFlight = new Set<string>();

  constructor(private readonly send: (topic: string, messages: M[]) => Promise<void>) {}

  publish(topic: string, messages: M[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let next = this.waiting.get(topic);
      if (!next) {
        next = { messages: [], callers: [] };
        this.waiting.set(topic, next);
      }
      next.messages.push(...messages);
      next.callers.push({ resolve, reject });
      if (!this.inFlight.has(topic)) void this.flush(topic);
    });
  }

  private async flush(topic: string): Promise<void> {
    this.inFlight.add(topic);
    try {
      for (let batch = this.waiting.get(topic); batch; batch = this.waiting.get(topic)) {
        this.waiting.delete(topic);
        try {
          await this.send(topic, batch.messages);
          for (const caller of batch.callers) caller.resolve();
        } catch (error) {
          for (const caller of batch.callers) caller.reject(error);
        }
      }
    } finally {
      this.inFlight.delete(topic);
    }
  }
}
