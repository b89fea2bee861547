import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from '@pulse/runtime';
import corpus from './demo-corpus.json' with { type: 'json' };
import type { IngestService } from '../ingest/ingest.service.js';

export interface DemoCorpusItem {
  text: string;
  language: string;
  author: { handle: string; name: string; followers: number };
  sourceHint: string;
  kind: string;
  expected: string;
  brands: string[];
}

export const DEMO_CORPUS: readonly DemoCorpusItem[] = corpus;

const TICK_MS = 100;

/**
 * Replays the bundled corpus as if it were being posted right now, so a fresh start shows
 * a living feed. Each replay gets a new sourceId (a new mention), paced at `ratePerSecond`,
 * and goes through the same ingest path as real sources. Nest starts it once the app is up
 * and stops it (waiting for the batch in flight) before the bus drains.
 */
export class DemoSource implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private readonly runId = Date.now().toString(36);
  private sequence = 0;
  private budget = 0;
  private emitting = false;

  constructor(
    private readonly ingest: IngestService,
    private readonly ratePerSecond: number,
    private readonly logger: Logger,
    private readonly items: readonly DemoCorpusItem[] = DEMO_CORPUS,
  ) {}

  start(): void {
    this.logger.info({ rate: this.ratePerSecond, corpus: this.items.length }, 'demo source replaying the bundled corpus (PULSE_DEMO=off disables)');
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.inFlight;
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  get emitted(): number {
    return this.sequence;
  }

  private tick(): void {
    // Skip a tick rather than pile up publishes when the bus applies backpressure.
    if (this.emitting) return;
    this.budget = Math.min(this.budget + (this.ratePerSecond * TICK_MS) / 1000, this.ratePerSecond * 2 + 1);
    const count = Math.floor(this.budget);
    if (count === 0) return;
    this.budget -= count;
    const batch = Array.from({ length: count }, () => this.next());
    this.emitting = true;
    this.inFlight = this.ingest
      .ingest(batch)
      .then((result) => {
        if (result.rejected.length > 0) this.logger.error({ rejected: result.rejected }, 'demo corpus items rejected');
        if (this.sequence % this.items.length < count) this.logger.info({ emitted: this.sequence }, 'demo corpus replayed once more');
      })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'demo batch not published; continuing'))
      .finally(() => (this.emitting = false));
  }

  private next(): Record<string, unknown> {
    const seq = this.sequence++;
    const item = this.items[seq % this.items.length]!;
    return {
      source: 'demo',
      sourceId: `${this.runId}-${seq}`,
      url: null,
      text: item.text,
      language: item.language,
      author: { id: item.author.handle, handle: item.author.handle, name: item.author.name, url: null, followers: item.author.followers },
      publishedAt: new Date().toISOString(),
      engagement: { likes: (seq * 7) % 40, reposts: (seq * 3) % 9, comments: (seq * 5) % 13 },
    };
  }
}
