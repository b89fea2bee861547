import type { Alert } from '../alerts/alert.schema.js';

/** One delivery channel. `send` resolves once the channel accepted the alert and rejects otherwise. */
export interface Notifier {
  /** Unique per queue: statuses and failures are reported under it. */
  readonly name: string;
  send(alert: Alert): Promise<void>;
}

export interface DeliveryErrorOptions {
  /** Retrying cannot help (bad credentials, unknown chat, rejected recipient). */
  permanent?: boolean;
  /** HTTP status or SMTP reply code, when there was one. */
  status?: number;
  /** The channel asked to wait this long before the next attempt. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * What notifiers throw, so the delivery queue can tell "try later" from "give up" without
 * knowing HTTP or SMTP. Messages never contain URLs or credentials: bot tokens and Slack
 * webhook paths are secrets, and these messages end up in logs and the status API.
 */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: DeliveryErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DeliveryError';
    this.permanent = options.permanent ?? false;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export function isPermanentFailure(error: unknown): boolean {
  return error instanceof DeliveryError && error.permanent;
}
