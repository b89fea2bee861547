export {
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  signWebhookBody,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  webhookEnvSchema,
  type VerifyWebhookSignatureInput,
  type WebhookEnv,
  type WebhookVerification,
} from './webhook-signature.js';
