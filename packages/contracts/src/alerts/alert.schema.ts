import { z } from 'zod';

/** Ordered from least to most urgent; escalation and the cap's priority rely on this order. */
export const ALERT_SEVERITIES = ['warning', 'high', 'critical'] as const;
export const alertSeveritySchema = z.enum(ALERT_SEVERITIES);
export type AlertSeverity = z.infer<typeof alertSeveritySchema>;

export const SPIKE_METRICS = ['negative', 'total'] as const;
export const spikeMetricSchema = z.enum(SPIKE_METRICS);
export type SpikeMetric = z.infer<typeof spikeMetricSchema>;

const isoDateTime = z.iso.datetime({ offset: true });

export const spikeAlertSchema = z.object({
  kind: z.literal('spike'),
  /** Stable for (topic, metric, bucket): a replayed or redelivered bucket yields the same id, so consumers can dedupe. */
  id: z.string().min(1),
  topicId: z.string().min(1),
  metric: spikeMetricSchema,
  severity: alertSeveritySchema,
  /** Mentions in the bucket that raised the alert. */
  count: z.number().int().nonnegative(),
  /** The learned expectation (EWMA mean) before this bucket was folded in. */
  baseline: z.number().nonnegative(),
  baselineStdDev: z.number().nonnegative(),
  zScore: z.number(),
  bucketStart: isoDateTime,
  bucketEnd: isoDateTime,
  raisedAt: isoDateTime,
  sampleMentionIds: z.array(z.string().min(1)).max(5),
  /** Set when this alert re-raises a burst still in cooldown because it got worse. */
  escalatedFrom: alertSeveritySchema.nullable(),
  /** Alerts dropped by the per-period cap since the previous alert that went out. */
  suppressedBefore: z.number().int().nonnegative(),
});
export type SpikeAlert = z.infer<typeof spikeAlertSchema>;

export const leakAlertSchema = z.object({
  kind: z.literal('leak'),
  /** Stable per mention: the same post seen twice is one leak. */
  id: z.string().min(1),
  severity: alertSeveritySchema,
  mentionId: z.string().min(1),
  source: z.string().min(1),
  handle: z.string().min(1),
  url: z.string().nullable(),
  topicIds: z.array(z.string().min(1)),
  matchedTerms: z.array(z.string().min(1)).min(1),
  /** The author is on the watch list (as opposed to an `always` term posted by anyone). */
  watchedAccount: z.boolean(),
  /** Why it matched: the watch lists that hold the author (absent from producers before it existed). */
  watchLists: z.array(z.string().min(1)).optional(),
  /** Why it matched: the words of the post the terms found, as written there. */
  evidence: z.array(z.string().min(1)).optional(),
  excerpt: z.string(),
  publishedAt: isoDateTime,
  raisedAt: isoDateTime,
});
export type LeakAlert = z.infer<typeof leakAlertSchema>;

/** A workflow rule with a `notify` action matched a mention. */
export const ruleAlertSchema = z.object({
  kind: z.literal('rule'),
  /** Stable per (rule, mention): a redelivered mention notifies once. */
  id: z.string().min(1),
  severity: alertSeveritySchema,
  ruleId: z.string().min(1),
  ruleName: z.string().min(1),
  mentionId: z.string().min(1),
  source: z.string().min(1),
  handle: z.string().min(1),
  url: z.string().nullable(),
  topicIds: z.array(z.string().min(1)),
  /** The mention's intent, when the sentiment stage classified it. */
  intent: z.string().nullable(),
  sentiment: z.enum(['negative', 'neutral', 'positive']),
  excerpt: z.string(),
  publishedAt: isoDateTime,
  raisedAt: isoDateTime,
});
export type RuleAlert = z.infer<typeof ruleAlertSchema>;

/** `pulse.alerts.v1`, keyed by `id`. */
export const alertSchema = z.discriminatedUnion('kind', [spikeAlertSchema, leakAlertSchema, ruleAlertSchema]);
export type Alert = z.infer<typeof alertSchema>;
export const ALERT_KINDS = ['spike', 'leak', 'rule'] as const;
export type AlertKind = Alert['kind'];

/** The topics an alert concerns: a spike's topic, or the topics the mention behind it matched. */
export function alertTopicIds(alert: Alert): string[] {
  return alert.kind === 'spike' ? [alert.topicId] : alert.topicIds;
}
