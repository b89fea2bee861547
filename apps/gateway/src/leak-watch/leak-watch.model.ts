import { ALERT_SEVERITIES, SOURCES, type AlertSeverity, type Source } from '@pulse/contracts';
import { z } from 'zod';

export interface WatchedAccount {
  source: Source;
  /** Without "@", lower-case: compared case-insensitively. */
  handle: string;
}

/** People whose public posts are watched (employees, partners), by source. */
export interface WatchList {
  id: string;
  name: string;
  accounts: WatchedAccount[];
  createdAt: string;
  updatedAt: string;
}

/** A query-language expression that must not appear in public posts. */
export interface ConfidentialTerm {
  id: string;
  expression: string;
  /** Alert whoever posts it, not only watched accounts. */
  always: boolean;
  /** Null: critical from a watched account, high from anyone else. */
  severity: AlertSeverity | null;
  createdAt: string;
  updatedAt: string;
}

export interface LeakWatchSnapshot {
  /** Incremented by every change: replicas reload when it moves. */
  version: number;
  lists: WatchList[];
  terms: ConfidentialTerm[];
}

export const LEAK_WATCH_ACTIONS = ['create', 'update', 'delete', 'seed'] as const;
export type LeakWatchAction = (typeof LEAK_WATCH_ACTIONS)[number];
export type LeakWatchEntity = 'list' | 'term' | 'seed';

/** One line of the history: who changed what, with the record before and after. */
export interface LeakWatchChange {
  id: string;
  at: string;
  actor: string;
  action: LeakWatchAction;
  entity: LeakWatchEntity;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export const MAX_LISTS = 100;
export const MAX_ACCOUNTS_PER_LIST = 2_000;
export const MAX_TERMS = 500;
export const MAX_EXPRESSION_LENGTH = 2_000;

/** `@Ivan.Petrov ` → `ivan.petrov`: how handles are stored and compared. */
export function foldHandle(handle: string): string {
  return handle.trim().replace(/^@+/u, '').toLowerCase();
}

export const watchListInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  accounts: z
    .array(
      z.object({
        source: z.enum(SOURCES),
        handle: z
          .string()
          .max(256)
          .transform(foldHandle)
          .pipe(z.string().min(1, 'a handle is needed').regex(/^\S+$/u, 'a handle has no spaces')),
      }),
    )
    .max(MAX_ACCOUNTS_PER_LIST),
});
export type WatchListInput = z.input<typeof watchListInputSchema>;

export const confidentialTermInputSchema = z.object({
  expression: z.string().trim().min(1, 'an expression is needed').max(MAX_EXPRESSION_LENGTH),
  always: z.boolean().default(false),
  severity: z.enum(ALERT_SEVERITIES).nullish(),
});
export type ConfidentialTermInput = z.input<typeof confidentialTermInputSchema>;
