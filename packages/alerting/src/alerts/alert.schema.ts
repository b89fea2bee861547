import { createHash } from 'node:crypto';

import {
  ALERT_SEVERITIES,
  type AlertSeverity,
  type SpikeMetric,
} from '@pulse/contracts';

// The wire format lives in @pulse/contracts (pulse.alerts.v1); re-exported for this package's users.
export {
  ALERT_SEVERITIES,
  SPIKE_METRICS,
  alertSchema,
  alertSeveritySchema,
  leakAlertSchema,
  ruleAlertSchema,
  spikeAlertSchema,
  spikeMetricSchema,
  type Alert,
  type AlertSeverity,
  type LeakAlert,
  type RuleAlert,
  type SpikeAlert,
  type SpikeMetric,
} from '@pulse/contracts';

export function severityRank(severity: AlertSeverity): number {
  return ALERT_SEVERITIES.indexOf(severity);
}

function digest(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);
}

/**
 * One id per (topic, metric, bucket); `severity` only for a bucket that alerted while still open
 * and got worse by its close: that escalation is a second alert of the same bucket.
 */
export function spikeAlertId(topicId: string, metric: SpikeMetric, bucketStart: string, severity?: AlertSeverity): string {
  return `spike:${digest(severity === undefined ? [topicId, metric, bucketStart] : [topicId, metric, bucketStart, severity])}`;
}

export function leakAlertId(mentionId: string): string {
  return `leak:${digest([mentionId])}`;
}

export function ruleAlertId(ruleId: string, mentionId: string): string {
  return `rule:${digest([ruleId, mentionId])}`;
}
