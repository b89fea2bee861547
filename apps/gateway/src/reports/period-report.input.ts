import { z } from 'zod';
import type { TimeInterval } from '../analytics/analytics.model.js';
import { GatewayError, withoutNulls } from '../errors/gateway.errors.js';

export const MAX_REPORT_TOPICS = 20;
export const MAX_COMPETITORS = 50;
/** A year and a day: long enough for an annual report, short enough to answer in seconds. */
export const MAX_REPORT_DAYS = 366;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const isoDateTime = (field: string) => z.iso.datetime({ offset: true, message: `${field} must be an ISO 8601 date-time` });

export const periodReportArgsSchema = z.object({
  topicIds: z.array(z.string().trim().min(1).max(128)).min(1, 'name at least one topic').max(MAX_REPORT_TOPICS),
  /** Absent: every other active topic; empty: none. */
  competitorTopicIds: z.array(z.string().trim().min(1).max(128)).max(MAX_COMPETITORS).optional(),
  from: isoDateTime('from'),
  to: isoDateTime('to'),
  interval: z.enum(['HOUR', 'DAY', 'WEEK']).optional(),
  windowHours: z.number().int().min(1).max(24 * 90).optional(),
});
export type PeriodReportArgs = z.input<typeof periodReportArgsSchema>;

export interface ParsedReportArgs {
  topicIds: string[];
  competitorTopicIds: string[] | undefined;
  from: string;
  to: string;
  interval: TimeInterval;
  windowHours: number;
}

/** Hourly bars up to three days, daily up to four months, weekly beyond: a readable number of bars. */
export function defaultInterval(from: number, to: number): TimeInterval {
  const span = to - from;
  if (span <= 3 * DAY) return 'HOUR';
  if (span <= 120 * DAY) return 'DAY';
  return 'WEEK';
}

/**
 * Arguments as GraphQL or the query string give them: validated, de-duplicated, bounds rounded
 * to whole hours (the rollups' granularity, so every figure of the report covers the same hours).
 */
export function parseReportArgs(input: unknown): ParsedReportArgs {
  const parsed = periodReportArgsSchema.safeParse(withoutNulls(input ?? {}));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.') || 'arguments';
    throw new GatewayError('INVALID_ARGUMENT', `${field}: ${issue.message}`, { field });
  }
  const args = parsed.data;
  const from = Math.floor(Date.parse(args.from) / HOUR) * HOUR;
  const to = Math.ceil(Date.parse(args.to) / HOUR) * HOUR;
  if (from >= to) throw new GatewayError('INVALID_ARGUMENT', 'from must be earlier than to', { field: 'from' });
  if (to - from > MAX_REPORT_DAYS * DAY) throw new GatewayError('INVALID_ARGUMENT', `a report covers at most ${MAX_REPORT_DAYS} days`, { field: 'to' });
  const topicIds = [...new Set(args.topicIds)];
  const competitors = args.competitorTopicIds === undefined ? undefined : [...new Set(args.competitorTopicIds)].filter((id) => !topicIds.includes(id));
  return {
    topicIds,
    competitorTopicIds: competitors,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    interval: args.interval ?? defaultInterval(from, to),
    windowHours: args.windowHours ?? 168,
  };
}

const LIST = ['topicIds', 'competitorTopicIds'] as const;
const SINGLE = ['from', 'to', 'interval', 'windowHours'] as const;
const KNOWN = new Set<string>([...LIST, ...SINGLE]);

/**
 * `GET /reports/period.pdf` parameters: the GraphQL argument names; lists repeated or
 * comma-separated (`topicIds=mts,beeline`), `competitorTopicIds=` (empty) for none.
 */
export function reportArgsFromQuery(query: Record<string, unknown>): ParsedReportArgs {
  const input: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(query)) {
    if (!KNOWN.has(name)) throw new GatewayError('INVALID_ARGUMENT', `unknown parameter "${name}"`, { field: name });
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    if ((LIST as readonly string[]).includes(name)) {
      input[name] = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
      continue;
    }
    if (values.length !== 1) throw new GatewayError('INVALID_ARGUMENT', `${name} must be given once`, { field: name });
    const value = values[0]!;
    if (name === 'windowHours') {
      if (!/^\d{1,5}$/.test(value)) throw new GatewayError('INVALID_ARGUMENT', 'windowHours must be a whole number of hours', { field: name });
      input[name] = Number(value);
    } else input[name] = value;
  }
  return parseReportArgs(input);
}
