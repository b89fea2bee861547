import { setFlagsFromString } from 'node:v8';
import { z } from 'zod';

/**
 * How far V8 lets the old generation grow past what the last full collection kept, in percent.
 *
 * Under a backlog every app allocates fast and most of it dies young but not young enough
 * (a batch waits on the database or the broker across two scavenges), so it is promoted and
 * dies in the old generation. V8's own heuristic grows the heap up to 4× the live size before
 * the next full collection when collections look cheap: measured with `--trace-gc` in the
 * pipeline bench, the gateway kept 60–70 MB live yet peaked at 420+ MB RSS, the collector and
 * sentiment app 40–50 MB live at 300–380 MB. 50 % (factor 1.5) brought the peaks to 205–290 MB
 * (bench memoryByPhase). It is not a cap: the heap still grows to whatever is live; only the
 * garbage between full collections is bounded, at the price of more frequent (incremental,
 * mostly concurrent) marking — the bench's CPU figures show that price.
 */
export const DEFAULT_HEAP_GROWTH_PERCENT = 50;

/** `HEAP_GROWTH_PERCENT`: 0 leaves V8's own heuristic in place. */
export const envHeapGrowthPercent = z.coerce
  .number({ message: 'expected a whole percentage (0 keeps V8’s own heuristic)' })
  .int({ message: 'expected a whole percentage (0 keeps V8’s own heuristic)' })
  .min(0)
  .max(300)
  .default(DEFAULT_HEAP_GROWTH_PERCENT);

/**
 * Applies the growth factor to this process. V8 reads the flag each time it sizes the heap
 * after a full collection, so setting it at start-up (before the backlog) takes effect
 * without a command-line flag, which every way of starting an app (npm start, compose,
 * tests, the bench) would otherwise have to repeat.
 */
export function applyHeapGrowth(percent: number, setFlags: (flags: string) => void = setFlagsFromString): void {
  if (percent > 0) setFlags(`--heap-growing-percent=${percent}`);
}
