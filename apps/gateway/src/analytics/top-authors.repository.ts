import type { Source } from '@pulse/contracts';
import type { SqlExecutor } from '../database/sql-client.port.js';
import { Params } from '../database/sql.helpers.js';
import type { MentionFilter } from '../mentions/mention.model.js';
import type { AuthorStats } from './analytics.model.js';
import { authorWindow, type AuthorWindow } from './author-window.js';
import { boundedSql, rollupSql, scanSql, weeksOf, type RankedAuthorRow } from './top-authors.sql.js';

/**
 * Below this many whole days the daily rollups of the period are few enough to sum outright;
 * above it, the weekly lists usually settle the ranking from a few hundred candidates.
 */
export const BOUNDED_MIN_DAYS = 7;

/** Weekly list length per tone: at least this, and 5× the ranking's length. */
const MIN_LIST_DEPTH = 50;

/** Which source of counts answered (for tests and the bench). */
export type TopAuthorsPath = 'scan' | 'rollups' | 'bounded';

/**
 * `topAuthors`: from the author rollups when the filter keeps to their dimensions, first
 * through the weekly bound for long periods, then by summing the period's daily rows; any other
 * filter scans mentions. Each path ranks the same way and returns the same rows.
 */
export class TopAuthorsRepository {
  constructor(private readonly db: SqlExecutor) {}

  async topAuthors(filter: MentionFilter, limit: number): Promise<AuthorStats[]> {
    return (await this.rank(filter, limit)).authors;
  }

  /** The ranking and the path that answered it. */
  async rank(filter: MentionFilter, limit: number): Promise<{ path: TopAuthorsPath; authors: AuthorStats[] }> {
    const window = authorWindow(filter);
    if (!window) return { path: 'scan', authors: await this.query((params) => scanSql(filter, limit, params)) };

    const weeks = window.wholeDays > BOUNDED_MIN_DAYS ? await this.weeks(filter, window) : [];
    if (weeks.length > 0) {
      const depth = Math.max(MIN_LIST_DEPTH, 5 * limit);
      const rows = await this.rows((params) => boundedSql(filter, window, weeks, limit, depth, params));
      const bound = rows[0]?.bound ?? 0;
      const authors = rows.filter((r) => r.source !== null);
      const last = authors.at(-1);
      // Exact when every list ran out (no one was left out) or the last ranked total beats anyone left out.
      if (bound === 0 || (authors.length === limit && last !== undefined && last.total > bound)) {
        return { path: 'bounded', authors: authors.map(toStats) };
      }
    }
    return { path: 'rollups', authors: await this.query((params) => rollupSql(filter, window, limit, params)) };
  }

  /** The weeks the period touches; an open end stops at the topic's first or last day in the rollups. */
  private async weeks(filter: MentionFilter, window: AuthorWindow): Promise<string[]> {
    let { firstDay, lastDay } = window;
    if (firstDay === undefined || lastDay === undefined) {
      const [extent] = await this.db.query<{ first_day: string | null; last_day: string | null }>(
        `SELECT min(day)::text AS first_day, max(day)::text AS last_day FROM author_rollups WHERE topic_id = $1`,
        [filter.topicIds?.[0] ?? ''],
      );
      firstDay ??= extent?.first_day ?? undefined;
      lastDay ??= extent?.last_day ?? undefined;
    }
    return firstDay !== undefined && lastDay !== undefined && firstDay <= lastDay ? weeksOf(firstDay, lastDay) : [];
  }

  private async query(build: (params: Params) => string): Promise<AuthorStats[]> {
    return (await this.rows(build)).map(toStats);
  }

  private rows(build: (params: Params) => string): Promise<RankedAuthorRow[]> {
    const params = new Params();
    const sql = build(params);
    return this.db.query<RankedAuthorRow>(sql, params.values);
  }
}

function toStats(r: RankedAuthorRow): AuthorStats {
  return {
    source: r.source as Source,
    authorId: r.author_id ?? '',
    handle: r.handle ?? '',
    name: r.name ?? '',
    followers: r.followers,
    negative: r.negative,
    neutral: r.neutral,
    positive: r.positive,
    total: r.total,
  };
}
