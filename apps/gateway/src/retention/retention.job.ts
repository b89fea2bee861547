import type { Logger } from '@pulse/runtime';
import type { RetentionRepository } from './retention.repository.js';

const DAY_MS = 86_400_000;

/**
 * Deletes mentions published more than `days` ago, in batches so no single transaction
 * (or rollup trigger) grows with the backlog; rollups and the mentions' workflow history
 * follow through the store's delete trigger and foreign keys; alerts raised before the cutoff
 * go too. Tone corrections stay: they are training data with their own copy of the text.
 * Runs at start and then every `intervalMs`.
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(
    private readonly store: RetentionRepository,
    private readonly logger: Logger,
    private readonly days: number,
    private readonly intervalMs = 3_600_000,
    private readonly batchSize = 5_000,
    private readonly now: () => number = Date.now,
    /** Other records that age out with the mentions (alerts); each returns how many it deleted. */
    private readonly alsoDelete: readonly ((cutoff: string) => Promise<number>)[] = [],
  ) {}

  start(): void {
    const tick = (): void => {
      this.runOnce().catch((error: unknown) => this.logger.error({ err: error }, 'retention run failed; retrying next interval'));
    };
    tick();
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
  }

  /** One pass; concurrent calls share the pass in progress. Returns how many mentions were deleted. */
  runOnce(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<number> {
    const cutoff = new Date(this.now() - this.days * DAY_MS).toISOString();
    let total = 0;
    for (;;) {
      if (this.stopped) break;
      const deleted = await this.store.deleteMentionsBefore(cutoff, this.batchSize);
      total += deleted;
      if (deleted > 0) this.logger.info({ cutoff, deleted: total }, 'retention: deleting old mentions');
      if (deleted < this.batchSize) break;
    }
    let others = 0;
    for (const deleteOlder of this.alsoDelete) if (!this.stopped) others += await deleteOlder(cutoff);
    if (total > 0 || others > 0) this.logger.info({ cutoff, deleted: total, otherRecords: others, days: this.days }, 'retention pass done');
    return total;
  }

  /** Waits for a pass in progress to stop at its next batch boundary. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
