import { envBoolean } from '@pulse/runtime';
import { z } from 'zod';

/**
 * The weekly period report by e-mail: opt-in, sent through the alert SMTP settings
 * (ALERT_SMTP_HOST, …), to REPORT_WEEKLY_TO or else ALERT_SMTP_TO.
 */
export const reportsEnvShape = {
  /** Mail each active topic's report for the past week (Monday to Monday, UTC), PDF attached. */
  REPORT_WEEKLY_EMAIL: envBoolean.default(false),
  /** Comma-separated recipients; default ALERT_SMTP_TO. */
  REPORT_WEEKLY_TO: z
    .string()
    .transform((v) => v.split(',').map((a) => a.trim()).filter((a) => a.length > 0))
    .pipe(z.array(z.email()).min(1, 'REPORT_WEEKLY_TO needs at least one address'))
    .optional(),
  /** Hour (UTC) on Monday from which the past week's reports go out. */
  REPORT_WEEKLY_HOUR: z.coerce.number({ message: 'expected an hour 0 to 23' }).int().min(0).max(23).default(7),
};

type ReportsEnv = { [K in keyof typeof reportsEnvShape]: z.output<(typeof reportsEnvShape)[K]> } & { ALERT_SMTP_HOST?: string | undefined };

export interface ReportsConfig {
  /** Absent: no report e-mail. */
  weeklyEmail: { to: string[] | undefined; hourUtc: number } | undefined;
}

/** A report that can never be sent is a configuration error, not a silent no-op. */
export function reportEnvProblems(env: Partial<ReportsEnv>): { path: string; message: string }[] {
  if (env.REPORT_WEEKLY_EMAIL && env.ALERT_SMTP_HOST === undefined) {
    return [{ path: 'REPORT_WEEKLY_EMAIL', message: 'REPORT_WEEKLY_EMAIL needs the SMTP settings (ALERT_SMTP_HOST, ALERT_SMTP_FROM, ALERT_SMTP_TO)' }];
  }
  return [];
}

export function reportsSettings(env: Partial<ReportsEnv>): ReportsConfig {
  const problems = reportEnvProblems(env);
  // Hosts that extend the schema without the refinement (embedded) still must not start half-configured.
  if (problems.length > 0) throw new Error(`invalid report settings: ${problems.map((p) => p.message).join('; ')}`);
  return { weeklyEmail: env.REPORT_WEEKLY_EMAIL ? { to: env.REPORT_WEEKLY_TO, hourUtc: env.REPORT_WEEKLY_HOUR ?? 7 } : undefined };
}
