import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Alert } from '../alerts/alert.schema.js';
import { postJson, type FetchLike } from './http.transport.js';
import type { Notifier } from './notifier.port.js';

export const SIGNATURE_HEADER = 'X-Pulse-Signature';

export interface WebhookNotifierOptions {
  name?: string;
  url: string;
  /** Shared with the receiver, which recomputes the HMAC to trust the payload. */
  secret: string;
  timeoutMs?: number;
  clock?: () => number;
  fetch?: FetchLike;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the timestamp inside the MAC stops replays of old deliveries. */
export function signWebhookPayload(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** For receivers (and tests): a valid MAC and a timestamp within the tolerance. */
export function verifyWebhookSignature(
  secret: string,
  header: string,
  body: string,
  options: { now?: number; toleranceSeconds?: number } = {},
): boolean {
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string | undefined]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isInteger(t) || !given || !/^[0-9a-f]{64}$/.test(given)) return false;
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

/** POSTs the alert as JSON, signed; the alert id doubles as an idempotency key for the receiver. */
export class WebhookNotifier implements Notifier {
  readonly name: string;

  constructor(private readonly options: WebhookNotifierOptions) {
    if (options.secret.length === 0) throw new RangeError('WebhookNotifier: secret must not be empty');
    this.name = options.name ?? 'webhook';
  }

  async send(alert: Alert): Promise<void> {
    const body = JSON.stringify(alert);
    const t = Math.floor((this.options.clock ?? Date.now)() / 1000);
    await postJson({
      channel: this.name,
      url: this.options.url,
      body,
      timeoutMs: this.options.timeoutMs ?? 10_000,
      fetch: this.options.fetch,
      headers: { [SIGNATURE_HEADER]: signWebhookPayload(this.options.secret, body, t), 'X-Pulse-Alert-Id': alert.id },
    });
  }
}
