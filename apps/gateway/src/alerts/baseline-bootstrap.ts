import type { HourlyCount } from '@pulse/alerting';
import type { Logger } from '@pulse/runtime';
import type { AlertService } from './alert.service.js';

const HOUR_MS = 60 * 60_000;
/** Enough hours for any bucket width's EWMA to forget where it started (0.9^(12·24) ≈ 0). */
export const HISTORY_HOURS = 24;
/**
 * How often cold topics may trigger another read of the history: soon enough that a backfill
 * finishing after start (the demo's) has working alerts within a minute, and a cold topic
 * warms up live within an hour anyway, which bounds the reads to about sixty.
 */
export const RESEED_INTERVAL_MS = 60_000;
const CHECK_INTERVAL_MS = 30_000;

export interface BaselineHistory {
  hourlyCounts(from: string, to: string): Promise<HourlyCount[]>;
}

/**
 * Seeds spike baselines from stored history: at start (a restart without a saved snapshot, a
 * store filled by an import) and again while topics are cold, at most every minute (a
 * backfill that finished after start). A baseline learned live is never replaced.
 */
export class BaselineBootstrap {
  private timer: NodeJS.Timeout | undefined;
  private lastRunAt = Number.NEGATIVE_INFINITY;
  private running: Promise<string[]> | undefined;

  constructor(
    private readonly alerts: AlertService,
    private readonly history: BaselineHistory,
    private readonly clock: () => number,
    private readonly logger: Logger,
  ) {}

  /** Reads the last day of hourly counts and seeds the cold baselines. Never throws. */
  run(): Promise<string[]> {
    this.running ??= this.seed().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Runs again when some topic is still cold and the last run is old enough. */
  async maybeRun(): Promise<string[]> {
    if (this.clock() - this.lastRunAt < RESEED_INTERVAL_MS || this.alerts.coldTopics().length === 0) return [];
    return this.run();
  }

  start(intervalMs = CHECK_INTERVAL_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.maybeRun(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async seed(): Promise<string[]> {
    const now = this.clock();
    this.lastRunAt = now;
    const to = Math.floor(now / HOUR_MS) * HOUR_MS;
    try {
      const counts = await this.history.hourlyCounts(new Date(to - HISTORY_HOURS * HOUR_MS).toISOString(), new Date(to).toISOString());
      const seeded = this.alerts.seedBaselines(counts);
      if (seeded.length > 0) this.logger.info({ topics: seeded, hours: HISTORY_HOURS }, 'spike baselines seeded from stored history');
      return seeded;
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read stored history for spike baselines; they warm up live');
      return [];
    }
  }
}
