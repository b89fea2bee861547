/** The window the rate label averages over. */
export const RATE_WINDOW_MS = 60_000;
/** Less than this much observation says nothing about a per-minute rate. */
export const RATE_MIN_OBSERVED_MS = 10_000;

/**
 * What the feed's rate label shows: mentions that arrived per minute over a sliding window.
 * Until a whole window has been observed (a fresh page, a new filter) the count is scaled by
 * the time actually observed, so three mentions in the first six seconds read as 30/min, not
 * "3/min"; under ten seconds of observation it says nothing yet.
 */
export class ArrivalRate {
  private readonly times: number[] = [];

  constructor(private since: number) {}

  /** Starts over, e.g. for a new filter: arrivals before `now` no longer count. */
  reset(now: number): void {
    this.times.length = 0;
    this.since = now;
  }

  record(count: number, at: number): void {
    for (let i = 0; i < count; i += 1) this.times.push(at);
  }

  /** Per minute over the last window (or the time observed so far), or undefined under RATE_MIN_OBSERVED_MS. */
  perMinute(now: number): number | undefined {
    const cutoff = now - RATE_WINDOW_MS;
    let drop = 0;
    while (drop < this.times.length && this.times[drop]! <= cutoff) drop += 1;
    this.times.splice(0, drop);
    const observed = Math.min(RATE_WINDOW_MS, now - this.since);
    if (observed < RATE_MIN_OBSERVED_MS) return undefined;
    return (this.times.length * 60_000) / observed;
  }
}

/** "120/min", "6/min", "0.5/min", "…/min" while measuring. */
export function rateLabel(perMinute: number | undefined): string {
  if (perMinute === undefined) return '…/min';
  if (perMinute >= 10) return `${Math.round(perMinute)}/min`;
  return `${perMinute.toFixed(1).replace(/\.0$/u, '')}/min`;
}
