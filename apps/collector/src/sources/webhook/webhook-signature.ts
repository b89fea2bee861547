import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Signed webhooks, Stripe-style: `X-Pulse-Signature: t=<unix seconds>,v1=<hex hmac>` where
 * the HMAC-SHA256 covers `"<t>.<raw body>"`. Signing the timestamp with the body lets the
 * receiver reject replays of an old, validly signed request; several `v1=` entries let a
 * sender sign with the old and the new secret while a rotation is in progress.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'x-pulse-signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'x-pulse-timestamp';
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

export type WebhookVerification = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'expired' | 'mismatch' };

export interface VerifyWebhookSignatureInput {
  /** The raw request body, byte for byte as received: a re-serialised JSON body never verifies. */
  body: Buffer | string;
  /** The `X-Pulse-Signature` header value. */
  header: string | undefined;
  /** The secret (or, during a receiver-side rotation, the secrets) shared with this sender. */
  secret: string | readonly string[];
  /** `X-Pulse-Timestamp`, for senders that cannot put `t=` into the signature header. */
  timestampHeader?: string;
  /** Unix seconds; injectable for tests. */
  now?: number;
  toleranceSeconds?: number;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;
const UNIX_SECONDS = /^\d{1,12}$/;

export function signWebhookBody(body: Buffer | string, secret: string, t: number = Math.floor(Date.now() / 1000)): string {
  return `t=${t},v1=${hmac(body, secret, String(t)).toString('hex')}`;
}

export function verifyWebhookSignature(input: VerifyWebhookSignatureInput): WebhookVerification {
  const header = input.header?.trim();
  if (!header) return { ok: false, reason: 'missing' };

  let t: string | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, reason: 'malformed' };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (t !== undefined) return { ok: false, reason: 'malformed' };
      t = value;
    } else if (key === 'v1') {
      if (!HEX_SHA256.test(value)) return { ok: false, reason: 'malformed' };
      signatures.push(Buffer.from(value, 'hex'));
    }
    // Other schemes (a future v2) are ignored so senders can add them before receivers upgrade.
  }
  const separate = input.timestampHeader?.trim();
  if (t !== undefined && separate && separate !== t) return { ok: false, reason: 'malformed' };
  t ??= separate;
  if (t === undefined || !UNIX_SECONDS.test(t) || signatures.length === 0) return { ok: false, reason: 'malformed' };

  const now = input.now ?? Math.floor(Date.now() / 1000);
  const tolerance = input.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  // Both directions: a timestamp far in the future is as replayable as an old one.
  if (Math.abs(now - Number(t)) > tolerance) return { ok: false, reason: 'expired' };

  const secrets = typeof input.secret === 'string' ? [input.secret] : input.secret;
  let matched = false;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    const expected = hmac(input.body, secret, t);
    // Compare against every candidate without an early exit so timing says nothing about which one matched.
    for (const candidate of signatures) if (timingSafeEqual(expected, candidate)) matched = true;
  }
  return matched ? { ok: true } : { ok: false, reason: 'mismatch' };
}

function hmac(body: Buffer | string, secret: string, t: string): Buffer {
  return createHmac('sha256', secret).update(`${t}.`).update(body).digest();
}

/**
 * `WEBHOOK_SECRETS=partner-a=s3cr3t,partner-b=other`: one key per sending source, so a
 * leaked key is revoked for one partner only. Repeating a source
 * (`partner-a=old,partner-a=new`) keeps both keys valid during a rotation.
 */
export const webhookEnvSchema = z.object({
  WEBHOOK_SECRETS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const secrets = new Map<string, string[]>();
      for (const pair of (value ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
        const eq = pair.indexOf('=');
        const source = eq > 0 ? pair.slice(0, eq).trim() : '';
        const secret = eq > 0 ? pair.slice(eq + 1).trim() : '';
        if (!/^[a-z0-9][a-z0-9._-]{0,63}$/i.test(source) || secret.length === 0) {
          // Never echo the pair: it would print a secret into the startup error.
          ctx.addIssue({ code: 'custom', message: 'expected comma-separated source=secret pairs (source: letters, digits, . _ -)' });
          return z.NEVER;
        }
        secrets.set(source, [...(secrets.get(source) ?? []), secret]);
      }
      return secrets as ReadonlyMap<string, readonly string[]>;
    }),
});
export type WebhookEnv = z.infer<typeof webhookEnvSchema>;
