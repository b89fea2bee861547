import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from '@pulse/runtime';
import { mentionId } from '@pulse/contracts';
import corpus from './demo-corpus.json' with { type: 'json' };
import type { IngestService } from '../ingest/ingest.service.js';
import type { CheckpointStore } from '../sources/core/checkpoint.store.js';
import { DemoBurst, LIVE_INCIDENT } from './demo-burst.js';
import type { DemoConfig } from './demo.config.js';
import { deskActions, type DemoDesk, type DemoDeskAction } from './demo-desk.js';
import { backfillOrder, demoHistory } from './demo-history.js';
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
const BACKFILL_CHUNK = 1_000;
/**
 * With a desk (embedded), chunks sent but not yet stored: enough to keep every stage busy, few
 * enough that a live post (the burst's) waits seconds behind the backfill, not minutes.
 */
const IN_FLIGHT_CHUNKS = 10;
const IN_FLIGHT_WAIT_MS = 30_000;
/**
 * After the last day of history is sent, time for it to be stored before the burst: the
 * gateway seeds cold spike baselines from it within a minute (alerts/baseline-bootstrap.ts),
 * and the burst's first bucket is judged no sooner than that.
 */
const SEED_GRACE_MS = 20_000;
/** The desk retries what is not stored yet; it gives up on what stays so this long. */
const DESK_RETRY_MS = 2_000;
const DESK_PATIENCE_MS = 3 * 60_000;
const CHECKPOINT_VERSION = 2;

/** What survives a restart: the history is backfilled once, and resumed where it stopped. */
interface DemoCheckpoint {
  /** 2: one queue, the last day first (an older checkpoint restarts: ids are stable, re-sends are idempotent). */
  version?: number;
  end: number;
  days: number;
  sent: number;
  /** The agents' past work is replayed (the desk's changes are idempotent: a restart replays them again). */
  handled?: boolean;
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
  /** Where the agents' past work goes (embedded: the gateway's workflow); without it the history has answers but nothing resolved. */
  desk?: DemoDesk;
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
  /** When the last day of history (what spike baselines are seeded from) was sent; undefined before. */
  private recentSentAt: number | undefined;
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
   * The burst waits for the last day of history: its alert needs the baselines the gateway seeds
   * from it, so it plays no sooner than a grace period after that day was sent (the backfill
   * sends it first; the older days follow while the burst plays).
   */
  private burstPosts(now: number): DemoPost[] {
    const { burstAfterMinutes, historyDays } = this.deps.config;
    if (burstAfterMinutes <= 0) return [];
    if (!this.burst) {
      const scheduled = this.startedAt + burstAfterMinutes * 60_000;
      const ready = historyDays === 0 || (this.recentSentAt !== undefined && now - this.recentSentAt >= SEED_GRACE_MS);
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
      this.recentSentAt = this.clock() - SEED_GRACE_MS;
      return;
    }
    if (checkpoint?.version !== CHECKPOINT_VERSION) checkpoint = { version: CHECKPOINT_VERSION, end: checkpoint?.end ?? this.startedAt, days: checkpoint?.days ?? config.historyDays, sent: 0, done: false };
    await checkpoints.save('demo', checkpoint);
    const started = this.clock();
    const history = demoHistory({ end: checkpoint.end, days: checkpoint.days, ratePerSecond: config.ratePerSecond });
    const { queue, recent } = backfillOrder(history, checkpoint.end);
    logger.info({ days: checkpoint.days, mentions: queue.length, answers: history.answers.length, resumeAt: checkpoint.sent }, 'demo history: backfilling through the ingest path, the last day first');
    const onProgress = (sent: number): void => {
      if (sent >= recent && this.recentSentAt === undefined) this.recentSentAt = this.clock();
    };
    onProgress(checkpoint.sent);
    checkpoint.sent = await this.send(queue, checkpoint.sent, recent, async (sent, saveNow) => {
      onProgress(sent);
      if (saveNow) await checkpoints.save('demo', { ...checkpoint!, sent });
    });
    if (this.stopped) return;
    const sentSeconds = Math.round((this.clock() - started) / 1000);
    if (this.deps.desk && !checkpoint.handled) {
      const actions = deskActions({ ...history, end: checkpoint.end });
      const outcome = await this.handleAtDesk(this.deps.desk, actions);
      if (this.stopped) return;
      logger.info({ actions: actions.length, ...outcome }, 'demo history: the support agents\' past work recorded through the workflow');
      checkpoint.handled = true;
    }
    await checkpoints.save('demo', { ...checkpoint, done: true });
    logger.info({ mentions: queue.length, sentSeconds, seconds: Math.round((this.clock() - started) / 1000), incident: history.incident }, 'demo history backfilled');
  }

  /**
   * Replays the agents' actions, oldest first, each mention's in order. A mention not stored yet
   * (or whose answer is not recorded yet) is retried while the store catches up; what stays
   * pending for DESK_PATIENCE_MS without any progress is given up.
   */
  private async handleAtDesk(desk: DemoDesk, actions: readonly DemoDeskAction[]): Promise<{ done: number; refused: number; gaveUp: number }> {
    const queues = new Map<string, DemoDeskAction[]>();
    for (const action of actions) queues.set(action.mentionId, [...(queues.get(action.mentionId) ?? []), action]);
    let done = 0;
    let refused = 0;
    let lastProgress = this.clock();
    while (queues.size > 0 && !this.stopped && this.clock() - lastProgress < DESK_PATIENCE_MS) {
      for (const [id, queue] of queues) {
        if (this.stopped) break;
        let outcome: 'done' | 'pending' | 'refused' = 'pending';
        while (queue.length > 0) {
          outcome = await desk.handle(queue[0]!).catch((error: unknown) => {
            this.deps.logger.warn({ err: error, mentionId: id }, 'demo desk action failed; retrying');
            return 'pending' as const;
          });
          if (outcome === 'pending') break;
          queue.shift();
          lastProgress = this.clock();
          if (outcome === 'done') done += 1;
          else refused += 1;
        }
        if (queue.length === 0) queues.delete(id);
      }
      if (queues.size > 0) await new Promise((r) => setTimeout(r, DESK_RETRY_MS));
    }
    return { done, refused, gaveUp: [...queues.values()].reduce((n, q) => n + q.length, 0) };
  }

  /**
   * Sends `posts` from `from` in chunks (none across `boundary`: the part before it is reported
   * complete on its own), reporting progress (`saveNow` every 20 chunks and at the end); retries a
   * chunk the bus refused. Returns how many were sent.
   */
  private async send(posts: readonly DemoPost[], from: number, boundary: number, progress: (sent: number, saveNow: boolean) => Promise<void>): Promise<number> {
    let sent = from;
    let chunks = 0;
    const inFlight: string[] = [];
    while (sent < posts.length && !this.stopped) {
      const chunk = posts.slice(sent, sent < boundary ? Math.min(sent + BACKFILL_CHUNK, boundary) : sent + BACKFILL_CHUNK);
      if (inFlight.length >= IN_FLIGHT_CHUNKS) await this.untilStored(inFlight.shift()!);
      try {
        const result = await this.deps.ingest.ingest(chunk.map(toIngestItem));
        if (result.rejected.length > 0) this.deps.logger.error({ rejected: result.rejected.slice(0, 5) }, 'demo history posts rejected');
        const last = chunk.at(-1)!;
        if (this.deps.desk) inFlight.push(mentionId(last.source, last.sourceId));
        sent += chunk.length;
        chunks += 1;
        await progress(sent, chunks % 20 === 0 || sent >= posts.length);
      } catch (error) {
        this.deps.logger.warn({ err: error, sent }, 'demo history chunk not published; retrying');
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
    return sent;
  }

  /** Waits (bounded: a mention the store dropped must not stall the demo) until the desk sees the mention stored. */
  private async untilStored(id: string): Promise<void> {
    const desk = this.deps.desk!;
    const deadline = this.clock() + IN_FLIGHT_WAIT_MS;
    while (!this.stopped && this.clock() < deadline && !(await desk.stored(id).catch(() => false))) await new Promise((r) => setTimeout(r, 100));
  }

}
