import { envBoolean } from '@pulse/runtime';
import { z } from 'zod';

/** The demo's settings (part of the collector's and the embedded host's environment). */
export const demoEnvSchema = z.object({
  PULSE_DEMO: envBoolean.default(true),
  /** Average live mentions per second over a day (the daily rhythm shapes each hour). */
  PULSE_DEMO_RATE: z.coerce.number({ message: 'expected mentions per second' }).positive().max(100_000).default(0.1),
  /** Days of history backfilled on the first start; only at rates up to MAX_HISTORY_RATE. */
  PULSE_DEMO_HISTORY_DAYS: z.coerce.number({ message: 'expected a number of days' }).int().min(0).max(30).default(7),
  /** Demo time per real time: 10 plays the scripted burst ten times sooner and faster (tests). */
  PULSE_DEMO_CLOCK: z.coerce.number({ message: 'expected a speed factor ≥ 1' }).min(1).max(1000).default(1),
  /** Demo minutes after start when the live burst plays; 0 = never. */
  PULSE_DEMO_BURST_MINUTES: z.coerce.number({ message: 'expected minutes' }).min(0).max(10_080).default(1),
});
export type DemoEnv = z.infer<typeof demoEnvSchema>;

/**
 * Above this rate the demo is a load generator rather than a brand's week: a history at such a
 * rate would take long to backfill, so it starts with none.
 */
export const MAX_HISTORY_RATE = 1;

export interface DemoConfig {
  enabled: boolean;
  ratePerSecond: number;
  historyDays: number;
  clockSpeed: number;
  burstAfterMinutes: number;
}

export function demoSettings(env: DemoEnv): DemoConfig {
  return {
    enabled: env.PULSE_DEMO,
    ratePerSecond: env.PULSE_DEMO_RATE,
    historyDays: env.PULSE_DEMO_RATE <= MAX_HISTORY_RATE ? env.PULSE_DEMO_HISTORY_DAYS : 0,
    clockSpeed: env.PULSE_DEMO_CLOCK,
    burstAfterMinutes: env.PULSE_DEMO_BURST_MINUTES,
  };
}
