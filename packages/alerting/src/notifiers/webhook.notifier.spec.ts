import { afterEach, describe, expect, it } from 'vitest';
import { alertSchema } from '../alerts/alert.schema.js';
import { spikeAlert } from '../testing/alert.fixture.js';
import { startFakeHttp, type FakeHttpEndpoint } from '../testing/fake-http.fixture.js';
import { DeliveryError } from './notifier.port.js';
import { signWebhookPayload, verifyWebhookSignature, WebhookNotifier } from './webhook.notifier.js';
import { rejection } from '../testing/rejection.fixture.js';

const NOW = Date.parse('2026-03-01T02:07:00.000Z');
let endpoint: FakeHttpEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

describe('WebhookNotifier', () => {
  it('POSTs the alert as JSON with a verifiable HMAC signature', async () => {
    endpoint = await startFakeHttp();
    await new WebhookNotifier({ url: `${endpoint.url}/hooks/pulse`, secret: 's3cret', clock: () => NOW }).send(spikeAlert);

    const [request] = endpoint.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/hooks/pulse' });
    expect(request!.headers['content-type']).toMatch(/^application\/json/);
    expect(request!.headers['x-pulse-alert-id']).toBe(spikeAlert.id);
    expect(alertSchema.parse(JSON.parse(request!.body))).toEqual(spikeAlert);

    const signature = String(request!.headers['x-pulse-signature']);
    expect(signature).toMatch(/^t=1772330820,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('s3cret', signature, request!.body, { now: NOW })).toBe(true);
    expect(verifyWebhookSignature('other', signature, request!.body, { now: NOW })).toBe(false);
    expect(verifyWebhookSignature('s3cret', signature, `${request!.body} `, { now: NOW })).toBe(false);
    // Replayed ten minutes later: outside the default five-minute tolerance.
    expect(verifyWebhookSignature('s3cret', signature, request!.body, { now: NOW + 600_000 })).toBe(false);
  });

  it('signs "<t>.<body>" with HMAC-SHA256', () => {
    // Reference value: printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac key
    expect(signWebhookPayload('key', '{"a":1}', 1_700_000_000)).toBe(
      't=1700000000,v1=a438e398bfafc57e4396bb7fc2304422f0f768e965d073ca313cb52e22e6ad03',
    );
  });

  it('classifies 5xx as retryable and 4xx as permanent, without the URL in the message', async () => {
    endpoint = await startFakeHttp([{ status: 503, body: 'busy' }, { status: 404, body: 'no such hook' }]);
    const notifier = new WebhookNotifier({ url: `${endpoint.url}/secret-path`, secret: 's' });
    const transient = await rejection<DeliveryError>(notifier.send(spikeAlert));
    expect(transient).toBeInstanceOf(DeliveryError);
    expect(transient).toMatchObject({ permanent: false, status: 503 });
    const permanent = await rejection<DeliveryError>(notifier.send(spikeAlert));
    expect(permanent).toMatchObject({ permanent: true, status: 404 });
    expect((permanent as Error).message).not.toContain('secret-path');
  });

  it('reports an unreachable endpoint as retryable', async () => {
    endpoint = await startFakeHttp();
    const url = endpoint.url;
    await endpoint.close();
    endpoint = undefined;
    await expect(new WebhookNotifier({ url, secret: 's' }).send(spikeAlert)).rejects.toMatchObject({ permanent: false });
  });
});
