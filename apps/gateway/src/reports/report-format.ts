import type { TimeInterval } from '../analytics/analytics.model.js';

/**
 * Text for people, shared by the PDF and the e-mail: the dashboard's wording (ui/format.ts)
 * with fixed UTC dates, since a report is read far from the server that wrote it.
 */
export const TONE_NAMES = { negative: 'Negative', neutral: 'Neutral', positive: 'Positive' } as const;

export const SOURCE_NAMES: Record<string, string> = {
  vk: 'VK',
  telegram: 'Telegram',
  twitter: 'X',
  reddit: 'Reddit',
  youtube: 'YouTube',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  rss: 'RSS',
  web: 'Web',
  webhook: 'Webhook',
  demo: 'Demo',
};

export const STATUS_NAMES: Record<string, string> = { new: 'New', in_progress: 'In progress', resolved: 'Resolved', ignored: 'Ignored' };

export const INTERVAL_NAMES: Record<TimeInterval, string> = { HOUR: 'hourly', DAY: 'daily', WEEK: 'weekly' };

/** "1 mention", "3 mentions": English plurals of the report's nouns (all take an s). */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function percent(share: number | null | undefined, digits = 0): string {
  return share === null || share === undefined ? '—' : `${(share * 100).toFixed(digits)}%`;
}

/** "45 s", "4 min", "2 h 5 min", "3 d 4 h", as the dashboard shows reaction times. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 59.5) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  const hours = Math.round(seconds / 3600);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h === 0 ? `${d} d` : `${d} d ${h} h`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const two = (n: number): string => String(n).padStart(2, '0');

/** "2 Mar 2026" (UTC). */
export function formatDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "2 Mar 2026, 14:05 UTC". */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return `${formatDay(iso)}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`;
}

/**
 * "2 – 8 Mar 2026" for whole days (the end shown inclusive), else both instants.
 * A report from Monday 00:00 to the next Monday 00:00 reads "2 – 8 Mar 2026".
 */
export function formatPeriod(from: string, to: string): string {
  const start = Date.parse(from);
  const end = Date.parse(to);
  const wholeDays = start % 86_400_000 === 0 && end % 86_400_000 === 0;
  if (!wholeDays) return `${formatDateTime(from)} – ${formatDateTime(to)}`;
  const first = new Date(start);
  const last = new Date(end - 86_400_000);
  if (last.getTime() === start) return `${formatDay(from)} (UTC)`;
  const sameYear = first.getUTCFullYear() === last.getUTCFullYear();
  const head = sameYear && first.getUTCMonth() === last.getUTCMonth() ? String(first.getUTCDate()) : sameYear ? `${first.getUTCDate()} ${MONTHS[first.getUTCMonth()]}` : formatDay(from);
  return `${head} – ${formatDay(last.toISOString())} (UTC)`;
}

/** Axis labels: hours as "14:00" (with the weekday over several days), days and weeks as "2 Mar". */
export function bucketLabel(iso: string, interval: TimeInterval, multiDay = false): string {
  const d = new Date(iso);
  if (interval !== 'HOUR') return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  const hour = `${two(d.getUTCHours())}:00`;
  return multiDay ? `${WEEKDAYS[d.getUTCDay()]} ${hour}` : hour;
}

/** A round axis maximum (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) at or above `value`, as the dashboard's charts use. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

/** At most `max` evenly spaced indices out of `count`, always including the last. */
export function tickIndices(count: number, max: number): number[] {
  if (count <= 0) return [];
  const step = Math.max(1, Math.ceil(count / max));
  const ticks: number[] = [];
  for (let i = count - 1; i >= 0; i -= step) ticks.unshift(i);
  return ticks;
}
