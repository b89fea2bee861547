import type { Source } from '@pulse/contracts';

export type TimeInterval = 'HOUR' | 'DAY' | 'WEEK';

/** Analytics over rollups: hour-granular, listed mentions only (what default queries show). */
export interface RollupWindow {
  /** Empty or absent: every listed mention, counted once. */
  topicIds?: string[];
  /** Inclusive; rounded down to the hour. */
  from: string;
  /** Exclusive; rounded up to the hour. */
  to: string;
}

export interface ToneCounts {
  negative: number;
  neutral: number;
  positive: number;
  total: number;
}

export interface TimelineBucket extends ToneCounts {
  /** Start of the bucket (UTC; weeks start on Monday). */
  start: string;
}

export interface TopicVolume extends ToneCounts {
  topicId: string;
}

export interface AuthorStats extends ToneCounts {
  source: Source;
  authorId: string;
  handle: string;
  name: string;
  followers: number | null;
}

export interface SourceStats extends ToneCounts {
  source: Source;
}
