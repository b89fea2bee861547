import { rollupDimensionsOnly } from '../mentions/mention-filter.sql.js';
import type { MentionFilter } from '../mentions/mention.model.js';

const DAY_MS = 86_400_000;

/** A half-open time range; an absent bound is open. */
export interface TimeRange {
  from?: string;
  to?: string;
}

/**
 * How a filter's period splits for the author rollups (0007-author-rollups): whole UTC days
 * read from `author_rollups`, and at most two partial days at the ends read from mentions.
 */
export interface AuthorWindow {
  /** First whole day read from the rollups (YYYY-MM-DD), or '-infinity'. */
  fromDay: string;
  /** Day after the last whole day (exclusive), or 'infinity'. */
  toDay: string;
  /** The partial days, read from mentions with the rest of the filter. */
  edges: TimeRange[];
  /** The days the period touches at all, for the weekly bounds; absent when open on that side. */
  firstDay?: string;
  lastDay?: string;
  /** Whole days in the period (Infinity when open). */
  wholeDays: number;
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * Null when the author rollups cannot answer the filter: a dimension they do not keep (see
 * `rollupDimensionsOnly`), or no whole UTC day inside the period — then the period lies within
 * two partial days and the mentions scan is bounded anyway.
 */
export function authorWindow(filter: MentionFilter): AuthorWindow | null {
  if (!rollupDimensionsOnly(filter)) return null;
  const from = filter.from === undefined ? undefined : Date.parse(filter.from);
  const to = filter.to === undefined ? undefined : Date.parse(filter.to);
  const wholeFrom = from === undefined ? undefined : Math.ceil(from / DAY_MS) * DAY_MS;
  const wholeTo = to === undefined ? undefined : Math.floor(to / DAY_MS) * DAY_MS;
  if (wholeFrom !== undefined && wholeTo !== undefined && wholeFrom >= wholeTo) return null;

  const edges: TimeRange[] = [];
  if (from !== undefined && wholeFrom !== from) edges.push({ from: new Date(from).toISOString(), to: new Date(wholeFrom!).toISOString() });
  if (to !== undefined && wholeTo !== to) edges.push({ from: new Date(wholeTo!).toISOString(), to: new Date(to).toISOString() });
  return {
    fromDay: wholeFrom === undefined ? '-infinity' : day(wholeFrom),
    toDay: wholeTo === undefined ? 'infinity' : day(wholeTo),
    edges,
    ...(from === undefined ? {} : { firstDay: day(from) }),
    // `to` is exclusive: the last day touched is the one holding the instant just before it.
    ...(to === undefined ? {} : { lastDay: day(to - 1) }),
    wholeDays: wholeFrom === undefined || wholeTo === undefined ? Infinity : (wholeTo - wholeFrom) / DAY_MS,
  };
}
