import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { PulseMetrics, Logger } from '@pulse/runtime';
import type { IngestService } from '../../ingest/ingest.service.js';
import type { TopicRegistry } from '../../topics/topic-registry.service.js';
import type { CheckpointStore } from './checkpoint.store.js';
import { abortableSleep, HttpClient } from './http.client.js';
import type { SourceConnector, SourceContext } from './source.port.js';

export interface SourceRunnerDeps {
  ingest: IngestService;
  checkpoints: CheckpointStore;
  topics: TopicRegistry;
  logger: Logger;
  metrics: PulseMetrics;
  /** Per connector: its HTTP client (rate limits differ per API). */
  httpFor: (connector: SourceConnector) => HttpClient;
  maxBackoffMs?: number;
}

/**
 * Runs each connector in its own loop: collect from the checkpoint, publish each batch
 * through the ingest path, then save the checkpoint; sleep; repeat. A failing connector
 * backs off on its own and never stops the others. Nest starts it once the app is up and
 * stops it first on shutdown (its last batch still reaches the bus, which drains after).
 */
export class SourceRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly abort = new AbortController();
  private loops: Promise<void>[] = [];

  constructor(
    private readonly connectors: readonly SourceConnector[],
    private readonly deps: SourceRunnerDeps,
  ) {
    const names = connectors.map((c) => c.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate) throw new Error(`two connectors are named "${duplicate}": names key checkpoints and must be unique`);
  }

  start(): void {
    this.loops = this.connectors.map((c) => this.run(c));
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  async stop(): Promise<void> {
    this.abort.abort(new Error('collector stopping'));
    await Promise.all(this.loops);
  }

  /** One pass over a connector: used by the loop and by tests. Returns the items published. */
  async runOnce(connector: SourceConnector, ctx: SourceContext = this.context(connector)): Promise<number> {
    const { ingest, checkpoints, metrics } = this.deps;
    let published = 0;
    const checkpoint = await checkpoints.load(connector.name);
    for await (const batch of connector.collect(checkpoint, ctx)) {
      metrics.sourceItems.inc({ app: 'collector', connector: connector.name, outcome: 'fetched' }, batch.items.length);
      if (batch.items.length > 0) {
        const result = await ingest.ingest(batch.items);
        published += result.accepted;
        metrics.sourceItems.inc({ app: 'collector', connector: connector.name, outcome: 'published' }, result.accepted);
        for (const r of result.rejected) ctx.skipped(`invalid item: ${r.error}`);
        const newest = Math.max(...batch.items.map((i) => Date.parse(i.publishedAt)).filter((t) => !Number.isNaN(t)));
        if (Number.isFinite(newest)) metrics.sourceLagSeconds.set({ app: 'collector', connector: connector.name }, Math.max(0, (Date.now() - newest) / 1000));
      }
      // Only now: the batch is on the bus, so resuming from here loses nothing.
      await checkpoints.save(connector.name, batch.checkpoint);
    }
    return published;
  }

  private context(connector: SourceConnector): SourceContext {
    const logger = this.deps.logger.child({ connector: connector.name });
    return {
      topics: () => this.deps.topics.active(),
      http: this.deps.httpFor(connector),
      logger,
      signal: this.abort.signal,
      skipped: (reason, detail) => {
        this.deps.metrics.sourceItems.inc({ app: 'collector', connector: connector.name, outcome: 'skipped' });
        logger.warn({ reason, detail }, 'source item skipped');
      },
    };
  }

  private async run(connector: SourceConnector): Promise<void> {
    const ctx = this.context(connector);
    const maxBackoff = this.deps.maxBackoffMs ?? 5 * 60_000;
    let backoff = 1000;
    while (!this.abort.signal.aborted) {
      try {
        await this.runOnce(connector, ctx);
        backoff = 1000;
        await abortableSleep(connector.pollIntervalMs, this.abort.signal);
      } catch (error) {
        if (this.abort.signal.aborted) break;
        this.deps.metrics.sourceErrors.inc({ app: 'collector', connector: connector.name });
        ctx.logger.error({ err: error, retryInMs: backoff }, 'collection failed; backing off');
        await abortableSleep(backoff, this.abort.signal).catch(() => undefined);
        backoff = Math.min(backoff * 2, maxBackoff);
      }
    }
  }
}
