import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from '@pulse/runtime';
import corpus from './demo-corpus.json' with { type: 'json' };
import type { IngestService } from '../ingest/ingest.service.js';
import type { CheckpointStore } from '../sources/core/checkpoint.store.js';
import { DemoBurst, LIVE_INCIDENT } from './demo-burst.js';
import type { DemoConfig } from './demo.config.js';
import { demoHistory } from './demo-history.js';
import { DemoPostFactory, toIngestItem, type DemoPost } from './demo-posts.js';
import { DemoRandom } from './demo-random.js';

/** Hand-written posts (ru and en) kept as a labelled corpus for evaluations and the bench. */
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

const TICK_MS = 1_000;
const BACKFILL_CHUNK = 250;
/** The gateway re-reads stored history for cold spike baselines every minute (alerts/baseline-bootstrap.ts). */
const SEED_GRACE_MS = 75_000;

/** What survives a restart: the history is backfilled once, and resumed where it stopped. */
interface DemoCheckpoint {
  end: number;
  days: number;
  sent: number;
  answersSent: number;
  done: boolean;
}

export interface DemoSourceDeps {
  ingest: Pick<IngestService, 'ingest'>;
  config: DemoConfig;
  checkpoints: CheckpointStore;
  logger: Logger;
  clock?: () => number;
  /** Seeds the live stream's randomness (tests); a new world each start otherwise. */
  seed?: number;
}

/**
 * The demo's world through the normal ingest path: on the first start a week of history
 * (backfilled once, resumable), then live posts at the world's rate, and a few minutes in, a
 * negative burst about one brand that the gateway's spike detection should catch. The demo
 * clock (PULSE_DEMO_CLOCK) only speeds up the script (when the burst comes and how long it
 * lasts); every post is published at the real time it is sent.
 */
export class DemoSource implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private readonly clock: () => number;
  private readonly rng: DemoRandom;
  private readonly live: DemoPostFactory;
  private burst: DemoBurst | undefined;
  private startedAt = 0;
  private lastTick = 0;
  private sending = false;
  private stopped = false;
  private backfill: Promise<void> = Promise.resolve();
  private historyDone = false;
  private historyDoneAt = 0;
  private sequence = 0;

  constructor(private readonly deps: DemoSourceDeps) {
    this.clock = deps.clock ?? Date.now;
    this.rng = new DemoRandom(deps.seed ?? Date.now() & 0xffff_ffff);
    this.live = new DemoPostFactory(this.rng, `l${this.clock().toString(36)}-`);
  }

  start(): void {
    const { config, logger } = this.deps;
    this.startedAt = this.lastTick = this.clock();
    logger.info(
      { rate: config.ratePerSecond, historyDays: config.historyDays, clock: config.clockSpeed, burstAfterMinutes: config.burstAfterMinutes },
      'demo source: live posts, a backfilled history on the first start, a scripted burst (PULSE_DEMO=off disables)',
    );
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.backfill = this.runBackfill().catch((error: unknown) => logger.error({ err: error }, 'demo history not backfilled'));
  }

  /** Nest starts it once the app is up and stops it (waiting for the batch in flight) before the bus drains. */
  onApplicationBootstrap(): void {
    this.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.backfill;
    while (this.sending) await new Promise((r) => setTimeout(r, 20));
  }

  /** Live mentions sent so far (history excluded). */
  get emitted(): number {
    return this.sequence;
  }

  /** Demo time: runs `clockSpeed` times faster than real time from the start. */
  demoNow(now = this.clock()): number {
    return this.startedAt + (now - this.startedAt) * this.deps.config.clockSpeed;
  }

  private async tick(): Promise<void> {
    // Skip a tick rather than pile up publishes when the bus applies backpressure.
    if (this.sending || this.stopped) return;
    const now = this.clock();
    const posts = this.live.between(this.lastTick, now, this.deps.config.ratePerSecond);
    this.lastTick = now;
    posts.push(...this.burstPosts(now));
    if (posts.length === 0) return;
    this.sending = true;
    try {
      const result = await this.deps.ingest.ingest(posts.map(toIngestItem));
      this.sequence += posts.length;
      if (result.rejected.length > 0) this.deps.logger.error({ rejected: result.rejected }, 'demo posts rejected');
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'demo batch not published; continuing');
    } finally {
      this.sending = false;
    }
  }

  /**
   * The burst waits for the history: its alert needs the baselines the gateway seeds from the
   * stored history, so it plays no sooner than a grace period after the backfill finished.
   */
  private burstPosts(now: number): DemoPost[] {
    const { burstAfterMinutes, historyDays } = this.deps.config;
    if (burstAfterMinutes <= 0) return [];
    if (!this.burst) {
      const scheduled = this.startedAt + burstAfterMinutes * 60_000;
      const ready = historyDays === 0 || (this.historyDone && now - this.historyDoneAt >= SEED_GRACE_MS);
      if (this.demoNow(now) < scheduled || !ready) return [];
      this.burst = new DemoBurst(this.live, this.rng, this.demoNow(now));
      this.deps.logger.info({ topicId: LIVE_INCIDENT.topicId, complaints: this.burst.total }, 'demo burst: a negative wave about one brand starts now');
    }
    return this.burst.finished ? [] : this.burst.due(this.demoNow(now), now);
  }

  private async runBackfill(): Promise<void> {
    const { config, checkpoints, logger } = this.deps;
    if (config.historyDays === 0) return;
    let checkpoint = await checkpoints.load<DemoCheckpoint>('demo');
    if (checkpoint?.done) {
      this.markHistoryDone();
      return;
    }
    checkpoint ??= { end: this.startedAt, days: config.historyDays, sent: 0, answersSent: 0, done: false };
    await checkpoints.save('demo', checkpoint);
    const started = this.clock();
    const history = demoHistory({ end: checkpoint.end, days: checkpoint.days, ratePerSecond: config.ratePerSecond });
    logger.info({ days: checkpoint.days, mentions: history.posts.length, answers: history.answers.length, resumeAt: checkpoint.sent }, 'demo history: backfilling through the ingest path');
    checkpoint.sent = await this.send(history.posts, checkpoint.sent, (sent) => checkpoints.save('demo', { ...checkpoint!, sent }));
    if (this.stopped) return;
    // The brands' answers go last, so the posts they answer are stored first.
    checkpoint.answersSent = await this.send(history.answers, checkpoint.answersSent, (answersSent) => checkpoints.save('demo', { ...checkpoint!, answersSent }));
    if (this.stopped) return;
    await checkpoints.save('demo', { ...checkpoint, done: true });
    this.markHistoryDone();
    logger.info({ mentions: history.posts.length + history.answers.length, seconds: Math.round((this.clock() - started) / 1000), incident: history.incident }, 'demo history backfilled');
  }

  private markHistoryDone(): void {
    this.historyDone = true;
    this.historyDoneAt = this.clock();
  }

  /** Sends `posts` from `from` in chunks, saving progress; retries a chunk the bus refused. Returns how many were sent. */
  private async send(posts: readonly DemoPost[], from: number, progress: (sent: number) => Promise<void>): Promise<number> {
    let sent = from;
    let chunks = 0;
    while (sent < posts.length && !this.stopped) {
      const chunk = posts.slice(sent, sent + BACKFILL_CHUNK);
      try {
        const result = await this.deps.ingest.ingest(chunk.map(toIngestItem));
        if (result.rejected.length > 0) this.deps.logger.error({ rejected: result.rejected.slice(0, 5) }, 'demo history posts rejected');
        sent += chunk.length;
        chunks += 1;
        if (chunks % 20 === 0 || sent >= posts.length) await progress(sent);
      } catch (error) {
        this.deps.logger.warn({ err: error, sent }, 'demo history chunk not published; retrying');
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
    return sent;
  }
}
