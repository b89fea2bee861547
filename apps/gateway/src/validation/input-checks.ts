import { z } from 'zod';
import { GatewayError } from '../errors/gateway.errors.js';

/**
 * What the store can hold and the gateway will accept, checked before any SQL runs: a value
 * PostgreSQL refuses (NUL in text, year 0, an impossible date) must come back as the caller's
 * INVALID_ARGUMENT naming the field, not as an outage from deep inside a query.
 */

/** Earliest and latest instants a date argument may name: PostgreSQL has no year 0, JavaScript dates end in +275760, and no mention is stored outside these years (see @pulse/contracts). */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2999;

/** Every control character (C0, DEL, C1): never part of an id, a handle or a topic id. */
const ANY_CONTROL = /\p{Cc}/u;
/** Control characters other than tab, line feed and carriage return: never part of free text. */
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

export const CONTROL_IN_ID = 'must not contain control characters';
export const CONTROL_IN_TEXT = 'must not contain NUL or other control characters (tab and line breaks are allowed)';
export const DATE_RANGE = `must be a date between ${MIN_YEAR} and ${MAX_YEAR}`;

/** An id, handle or name used for lookups: printable characters only. */
export function idProblem(value: string): string | null {
  return ANY_CONTROL.test(value) ? CONTROL_IN_ID : null;
}

/** Free text (search strings, notes, reply text): tab and line breaks allowed, other controls not. */
export function textProblem(value: string): string | null {
  return TEXT_CONTROL.test(value) ? CONTROL_IN_TEXT : null;
}

/**
 * A strict ISO 8601 date-time with an offset (`2026-03-01T12:00:00Z`), a real calendar date
 * (no 30 February), within MIN_YEAR..MAX_YEAR. Returns the problem, or null when it is fine.
 */
export function dateTimeProblem(value: string): string | null {
  if (!z.iso.datetime({ offset: true }).safeParse(value).success) return 'must be an ISO 8601 date-time with a time zone, e.g. 2026-03-01T12:00:00Z';
  const year = new Date(value).getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR ? null : DATE_RANGE;
}

/** True for a value dateTimeProblem accepts. */
export function isSaneDateTime(value: unknown): value is string {
  return typeof value === 'string' && dateTimeProblem(value) === null;
}

/** zod: an id-like string (topic id, handle, assignee) of 1..max characters without control characters. */
export const idString = (max: number): z.ZodType<string, string> =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => idProblem(value) === null, CONTROL_IN_ID);

/** zod: free text of at most max characters, without NUL and other control characters. */
export const freeText = (max: number): z.ZodType<string, string> =>
  z
    .string()
    .max(max)
    .refine((value) => textProblem(value) === null, CONTROL_IN_TEXT);

/** zod: a date-time argument as dateTimeProblem describes it; `label` names it in the message. */
export const saneDateTime = (label: string): z.ZodType<string, string> =>
  z.string().superRefine((value, ctx) => {
    const problem = dateTimeProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: `${label} ${problem}` });
  });

/** NOT_FOUND for topic ids that name no topic (or a deleted one), naming the field and the ids. */
export function unknownTopicError(field: string, ids: readonly string[]): GatewayError {
  const unique = [...new Set(ids)];
  const list = unique.slice(0, 10).map((id) => `"${id}"`).join(', ') + (unique.length > 10 ? ` and ${unique.length - 10} more` : '');
  return new GatewayError('NOT_FOUND', `${field}: no topic ${list} (list them with { topics { id name } })`, { field });
}
