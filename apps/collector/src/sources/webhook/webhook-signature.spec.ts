import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature, webhookEnvSchema } from './webhook-signature.js';

const secret = 'whsec_partner_a_0123456789';
const body = JSON.stringify({ items: [{ source: 'webhook', sourceId: 'a1', text: 'hello' }] });
const t = 1_780_000_000;

describe('verifyWebhookSignature', () => {
  it('accepts a body signed with the shared secret', () => {
    const header = signWebhookBody(body, secret, t);
    expect(header).toMatch(/^t=1780000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ body, header, secret, now: t + 10 })).toEqual({ ok: true });
    expect(verifyWebhookSignature({ body: Buffer.from(body), header, secret, now: t })).toEqual({ ok: true });
  });

  it('matches an independent HMAC of "<t>.<body>" (the documented scheme)', () => {
    const hex = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(verifyWebhookSignature({ body, header: `t=${t},v1=${hex}`, secret, now: t })).toEqual({ ok: true });
  });

  it('rejects a tampered body', () => {
    const header = signWebhookBody(body, secret, t);
    expect(verifyWebhookSignature({ body: body.replace('hello', 'hellO'), header, secret, now: t })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects a signature made with another secret', () => {
    const header = signWebhookBody(body, 'someone-elses-secret', t);
    expect(verifyWebhookSignature({ body, header, secret, now: t })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects a re-signed timestamp (the timestamp is covered by the HMAC)', () => {
    const v1 = signWebhookBody(body, secret, t).split('v1=')[1]!;
    expect(verifyWebhookSignature({ body, header: `t=${t + 100},v1=${v1}`, secret, now: t + 100 })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects expired and far-future timestamps (replays)', () => {
    const header = signWebhookBody(body, secret, t);
    expect(verifyWebhookSignature({ body, header, secret, now: t + 301 })).toEqual({ ok: false, reason: 'expired' });
    expect(verifyWebhookSignature({ body, header, secret, now: t - 301 })).toEqual({ ok: false, reason: 'expired' });
    expect(verifyWebhookSignature({ body, header, secret, now: t + 301, toleranceSeconds: 600 })).toEqual({ ok: true });
  });

  it('accepts any of several v1 signatures, so senders can rotate keys', () => {
    const oldSig = signWebhookBody(body, 'old-secret-0000000', t).split('v1=')[1]!;
    const newSig = signWebhookBody(body, secret, t).split('v1=')[1]!;
    const header = `t=${t},v1=${oldSig},v1=${newSig}`;
    expect(verifyWebhookSignature({ body, header, secret, now: t })).toEqual({ ok: true });
    expect(verifyWebhookSignature({ body, header, secret: 'old-secret-0000000', now: t })).toEqual({ ok: true });
    expect(verifyWebhookSignature({ body, header, secret: 'retired-secret', now: t })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('accepts any of several receiver secrets, so receivers can rotate keys', () => {
    const header = signWebhookBody(body, 'new-secret-11111111', t);
    expect(verifyWebhookSignature({ body, header, secret: [secret, 'new-secret-11111111'], now: t })).toEqual({ ok: true });
  });

  it('reports a missing or malformed header', () => {
    expect(verifyWebhookSignature({ body, header: undefined, secret, now: t })).toEqual({ ok: false, reason: 'missing' });
    expect(verifyWebhookSignature({ body, header: '  ', secret, now: t })).toEqual({ ok: false, reason: 'missing' });
    for (const header of ['garbage', `t=${t}`, 'v1=' + 'a'.repeat(64), `t=soon,v1=${'a'.repeat(64)}`, `t=${t},v1=xyz`, `t=${t},t=${t},v1=${'a'.repeat(64)}`]) {
      expect(verifyWebhookSignature({ body, header, secret, now: t }), header).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('takes the timestamp from a separate header when the signature header has none', () => {
    const v1 = signWebhookBody(body, secret, t).split('v1=')[1]!;
    expect(verifyWebhookSignature({ body, header: `v1=${v1}`, timestampHeader: String(t), secret, now: t })).toEqual({ ok: true });
    expect(verifyWebhookSignature({ body, header: `t=${t},v1=${v1}`, timestampHeader: String(t + 1), secret, now: t })).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('webhookEnvSchema', () => {
  it('parses per-source secrets, keeping repeated sources as rotation sets', () => {
    const env = webhookEnvSchema.parse({ WEBHOOK_SECRETS: 'partner-a=s3cr3t, partner-b=x=y==, partner-a=n3w' });
    expect(env.WEBHOOK_SECRETS.get('partner-a')).toEqual(['s3cr3t', 'n3w']);
    expect(env.WEBHOOK_SECRETS.get('partner-b')).toEqual(['x=y==']);
  });

  it('is empty when unset and rejects malformed pairs without echoing them', () => {
    expect(webhookEnvSchema.parse({}).WEBHOOK_SECRETS.size).toBe(0);
    const result = webhookEnvSchema.safeParse({ WEBHOOK_SECRETS: 'partner-a:topsecret' });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).not.toContain('topsecret');
  });
});
