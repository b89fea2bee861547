export {
  alertSchema,
  spikeAlertSchema,
  leakAlertSchema,
  ruleAlertSchema,
  alertSeveritySchema,
  spikeMetricSchema,
  ALERT_SEVERITIES,
  SPIKE_METRICS,
  severityRank,
  spikeAlertId,
  leakAlertId,
  ruleAlertId,
  type Alert,
  type SpikeAlert,
  type LeakAlert,
  type RuleAlert,
  type AlertSeverity,
  type SpikeMetric,
} from './alerts/alert.schema.js';
export {
  SpikeDetector,
  spikeDetectorSnapshotSchema,
  type SpikeEvent,
  type SpikeDetectorOptions,
  type SpikeDetectorStats,
  type SpikeDetectorSnapshot,
  type SeverityThresholds,
} from './spike/spike.detector.js';
export { emptyBaseline, foldIntoBaseline, zScore, type EwmaBaseline } from './spike/ewma.baseline.js';
export { seedBaselines, baselineFromHourly, type HourlyCount, type BaselineSeedOptions, type SeededBaselines } from './spike/baseline-seed.js';
export {
  LeakWatch,
  leakWatchConfigSchema,
  watchedAccountSchema,
  confidentialTermSchema,
  foldForMatching,
  type LeakWatchConfig,
  type LeakWatchOptions,
  type LeakCandidate,
  type WatchedAccount,
  type ConfidentialTerm,
} from './leak/leak.watch.js';
export { DeliveryError, isPermanentFailure, type Notifier, type DeliveryErrorOptions } from './notifiers/notifier.port.js';
export { HttpStatusError, type FetchLike } from './notifiers/http.transport.js';
export { viewAlert, alertPlainText, type AlertView } from './notifiers/alert.formatter.js';
export {
  WebhookNotifier,
  signWebhookPayload,
  verifyWebhookSignature,
  SIGNATURE_HEADER,
  type WebhookNotifierOptions,
} from './notifiers/webhook.notifier.js';
export { SlackNotifier, slackPayload, escapeSlack, type SlackNotifierOptions } from './notifiers/slack.notifier.js';
export { TelegramNotifier, telegramText, escapeTelegramHtml, type TelegramNotifierOptions } from './notifiers/telegram.notifier.js';
export {
  SmtpClient,
  SmtpError,
  SMTP_STEPS,
  type SmtpStep,
  type SmtpClientOptions,
  type SmtpMessage,
  type SmtpAttachment,
  type SmtpDelivery,
} from './notifiers/smtp.client.js';
export { EmailNotifier, type EmailNotifierOptions } from './notifiers/email.notifier.js';
export {
  DeliveryQueue,
  type DeliveryQueueOptions,
  type DeliveryEvent,
  type DeliveryFailure,
  type NotifierStatus,
} from './delivery/delivery.queue.js';
