import type { Intent, MentionStatus, SentimentLabel, Source } from '../api/api.types.js';

export const TONE_NAMES: Record<SentimentLabel, string> = { negative: 'Negative', neutral: 'Neutral', positive: 'Positive' };
/** A shape per tone as well as a colour, for colour-blind readers and grayscale wall screens. */
export const TONE_MARKS: Record<SentimentLabel, string> = { negative: '▼', neutral: '●', positive: '▲' };

export const SOURCE_NAMES: Record<Source, string> = {
  vk: 'VK',
  telegram: 'Telegram',
  twitter: 'X',
  // An alias the API reads as twitter; answers never carry it.
  x: 'X',
  reddit: 'Reddit',
  youtube: 'YouTube',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  rss: 'RSS',
  web: 'Web',
  webhook: 'Webhook',
  demo: 'Demo',
};

export const INTENT_NAMES: Record<Intent, string> = { complaint: 'Complaint', question: 'Question', request: 'Request', praise: 'Praise', other: 'Other' };

export const STATUS_NAMES: Record<MentionStatus, string> = { new: 'New', in_progress: 'In progress', resolved: 'Resolved', ignored: 'Ignored' };
/** A shape per status too, so the feed marker reads without colour. */
export const STATUS_MARKS: Record<MentionStatus, string> = { new: '○', in_progress: '◐', resolved: '✓', ignored: '–' };

export const LANGUAGE_NAMES: Record<string, string> = { ru: 'Russian', uk: 'Ukrainian', en: 'English', und: 'Other' };

export function percent(share: number | null | undefined, digits = 0): string {
  return share === null || share === undefined ? '—' : `${(share * 100).toFixed(digits)}%`;
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
export function count(n: number): string {
  return n < 10_000 ? String(n) : compact.format(n);
}

/** A total the gateway may have estimated (`totalCountIsExact: false`) reads "≈ 12K". */
export function totalCount(n: number, exact: boolean): string {
  return exact ? count(n) : `≈ ${count(n)}`;
}

const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
export function absoluteTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : absolute.format(date);
}

const shortDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
export function relativeTime(iso: string, now: number): string {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const seconds = Math.round((now - t) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return shortDate.format(new Date(t));
}

const hourLabel = new Intl.DateTimeFormat(undefined, { hour: 'numeric' });
const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const weekdayHourLabel = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: 'numeric' });
/** Hourly buckets over several days need the day too, or every tick reads "9 PM". */
export function bucketLabel(iso: string, interval: 'HOUR' | 'DAY' | 'WEEK', multiDay = false): string {
  const date = new Date(iso);
  if (interval !== 'HOUR') return dayLabel.format(date);
  return multiDay ? weekdayHourLabel.format(date) : hourLabel.format(date);
}

/**
 * A duration for people: "45 s", "4 min", "2 h 5 min", "3 d 4 h". Rounded to the minute from
 * one minute on (and to the hour from a day on), so "59.6 min" reads "1 h", not "60 min".
 */
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
