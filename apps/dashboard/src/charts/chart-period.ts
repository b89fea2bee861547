import type { TimeInterval } from '../api/api.types.js';

export type PeriodId = '24h' | '7d' | '30d' | '90d';

export const PERIODS: readonly { id: PeriodId; label: string; hours: number; interval: TimeInterval }[] = [
  { id: '24h', label: '24 hours', hours: 24, interval: 'HOUR' },
  { id: '7d', label: '7 days', hours: 24 * 7, interval: 'HOUR' },
  { id: '30d', label: '30 days', hours: 24 * 30, interval: 'DAY' },
  { id: '90d', label: '90 days', hours: 24 * 90, interval: 'WEEK' },
];

const HOUR_MS = 3_600_000;

/**
 * The window for a period ending now. Analytics round to whole hours, so `to` is the start
 * of the next hour: the current, still-filling hour is included and a spike shows at once.
 */
export function periodWindow(id: PeriodId, now: number): { from: string; to: string; interval: TimeInterval } {
  const period = PERIODS.find((p) => p.id === id) ?? PERIODS[0]!;
  const to = Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS;
  const from = to - period.hours * HOUR_MS;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), interval: period.interval };
}

/** A round axis maximum (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) at or above `value`, so gridlines land on readable numbers. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

/**
 * The label of a count gridline: counts are whole, so a line at a fraction (half of an axis
 * topping at 1 or 3) gets none rather than a rounded "1" twice (the PDF's charts do the same).
 */
export function countGridLabel(value: number): string | null {
  return Number.isInteger(value) ? String(value) : null;
}

/** At most `max` evenly spaced indices out of `count`, always including the last. */
export function tickIndices(count: number, max: number): number[] {
  if (count <= 0) return [];
  const step = Math.max(1, Math.ceil(count / max));
  const ticks: number[] = [];
  for (let i = count - 1; i >= 0; i -= step) ticks.unshift(i);
  return ticks;
}
