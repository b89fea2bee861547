import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../alerts/alert.schema.js';
import { DeliveryError, type Notifier } from '../notifiers/notifier.port.js';
import { SlackNotifier } from '../notifiers/slack.notifier.js';
import { verifyWebhookSignature, WebhookNotifier } from '../notifiers/webhook.notifier.js';
import { leakAlert, spikeAlert } from '../testing/alert.fixture.js';
import { startFakeHttp, type FakeHttpEndpoint } from '../testing/fake-http.fixture.js';
import { DeliveryQueue, type DeliveryEvent } from './delivery.queue.js';

const endpoints: FakeHttpEndpoint[] = [];
afterEach(async () => {
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
});

async function endpoint(...args: Parameters<typeof startFakeHttp>): Promise<FakeHttpEndpoint> {
  const started = await startFakeHttp(...args);
  endpoints.push(started);
  return started;
}

/** Polls instead of sleeping a fixed time: only the generous ceiling is a timing assumption. */
async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A scripted in-memory channel: each call takes the next outcome, then succeeds. */
function scripted(name: string, outcomes: Array<Error | 'hang'> = []): Notifier & { calls: Alert[] } {
  const calls: Alert[] = [];
  return {
    name,
    calls,
    send(alert) {
      calls.push(alert);
      const outcome = outcomes.shift();
      if (outcome === 'hang') return new Promise(() => undefined);
      return outcome ? Promise.reject(outcome) : Promise.resolve();
    },
  };
}

describe('DeliveryQueue', () => {
  it('retries a 500 and then delivers, recording the retry', async () => {
    const hook = await endpoint([{ status: 500, body: 'oops' }]);
    const events: DeliveryEvent[] = [];
    const queue = new DeliveryQueue({
      notifiers: [new WebhookNotifier({ url: hook.url, secret: 'k' })],
      baseDelayMs: 5,
      random: () => 0,
      onEvent: (e) => events.push(e),
    });
    expect(queue.enqueue(spikeAlert)).toBe(true);
    await until(() => queue.status()[0]!.delivered === 1);

    expect(hook.requests).toHaveLength(2);
    for (const r of hook.requests) expect(verifyWebhookSignature('k', String(r.headers['x-pulse-signature']), r.body)).toBe(true);
    expect(events.map((e) => e.type)).toEqual(['retrying', 'delivered']);
    expect(queue.status()[0]).toMatchObject({ name: 'webhook', delivered: 1, retried: 1, failed: 0, pending: 0, consecutiveFailures: 0 });
    expect(queue.status()[0]!.lastError).toMatchObject({ alertId: spikeAlert.id, attempt: 1, permanent: false });
    expect(queue.status()[0]!.lastError!.message).toContain('HTTP 500');
  });

  it('marks a permanent 4xx failed at once, without holding back the other channels', async () => {
    const slack = await endpoint([{ status: 403, body: 'invalid_token' }]);
    const hook = await endpoint();
    const queue = new DeliveryQueue({
      notifiers: [new SlackNotifier({ url: slack.url }), new WebhookNotifier({ url: hook.url, secret: 'k' })],
      baseDelayMs: 5,
    });
    queue.enqueue(leakAlert);
    await until(() => queue.pending() === 0);

    expect(slack.requests).toHaveLength(1);
    const [slackStatus, hookStatus] = queue.status();
    expect(slackStatus).toMatchObject({ name: 'slack', delivered: 0, failed: 1, retried: 0, consecutiveFailures: 1 });
    expect(hookStatus).toMatchObject({ name: 'webhook', delivered: 1, failed: 0 });
    expect(queue.recentFailures()).toEqual([
      expect.objectContaining({ alertId: leakAlert.id, notifier: 'slack', attempts: 1, permanent: true, error: expect.stringContaining('HTTP 403') }),
    ]);
  });

  it('gives up after maxAttempts with exponential, jittered backoff', async () => {
    const failing = new DeliveryError('down');
    const channel = scripted('flaky', [failing, failing, failing, failing]);
    const delays: number[] = [];
    const queue = new DeliveryQueue({
      notifiers: [channel],
      maxAttempts: 4,
      baseDelayMs: 10,
      random: () => 0.5,
      onEvent: (e) => e.type === 'retrying' && delays.push(e.delayMs),
    });
    queue.enqueue(spikeAlert);
    await until(() => queue.pending() === 0);
    expect(channel.calls).toHaveLength(4);
    // Half fixed, half random (0.5 here): 0.75 × 10 × 2^(n−1).
    expect(delays).toEqual([8, 15, 30]);
    expect(queue.status()[0]).toMatchObject({ failed: 1, retried: 3, delivered: 0 });
    expect(queue.recentFailures()[0]).toMatchObject({ attempts: 4, permanent: false });
  });

  it("waits at least as long as the channel's Retry-After", async () => {
    const delays: number[] = [];
    const queue = new DeliveryQueue({
      notifiers: [scripted('limited', [new DeliveryError('429', { retryAfterMs: 40 })])],
      baseDelayMs: 1,
      onEvent: (e) => e.type === 'retrying' && delays.push(e.delayMs),
    });
    queue.enqueue(spikeAlert);
    await until(() => queue.status()[0]!.delivered === 1);
    expect(delays).toEqual([40]);
  });

  it('never blocks or throws on enqueue, and ignores an alert it has already queued', () => {
    const hanging = scripted('hanging', ['hang', 'hang']);
    const throwing: Notifier = {
      name: 'throwing',
      send: () => {
        throw new Error('sync boom');
      },
    };
    const queue = new DeliveryQueue({ notifiers: [hanging, throwing], maxAttempts: 1 });
    expect(queue.enqueue(spikeAlert)).toBe(true);
    expect(queue.enqueue(spikeAlert)).toBe(false);
    expect(queue.enqueue(leakAlert)).toBe(true);
    expect(queue.pending()).toBeGreaterThan(0);
  });

  it('drops deliveries beyond maxPending and counts them', () => {
    const queue = new DeliveryQueue({ notifiers: [scripted('a', ['hang', 'hang', 'hang'])], maxPending: 2, concurrency: 1 });
    queue.enqueue(spikeAlert);
    queue.enqueue(leakAlert);
    queue.enqueue({ ...spikeAlert, id: 'spike:third' });
    expect(queue.status()[0]).toMatchObject({ dropped: 1, pending: 2 });
  });

  it('drains on shutdown: waiting retries go at once, a dead channel cannot hang it, and intake closes', async () => {
    const recovering = scripted('recovering', [new DeliveryError('blip')]);
    const dead = scripted('dead', Array.from({ length: 10 }, () => new DeliveryError('down')));
    const queue = new DeliveryQueue({ notifiers: [recovering, dead], baseDelayMs: 60_000, maxAttempts: 10 });
    queue.enqueue(spikeAlert);
    await until(() => recovering.calls.length === 1 && dead.calls.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 10));

    await queue.drain(500);
    expect(queue.pending()).toBe(0);
    expect(queue.status().map((s) => [s.name, s.delivered, s.failed])).toEqual([
      ['recovering', 1, 0],
      ['dead', 0, 1],
    ]);
    expect(queue.enqueue(leakAlert)).toBe(false);
  });

  it('rejects two notifiers with one name', () => {
    expect(() => new DeliveryQueue({ notifiers: [scripted('x'), scripted('x')] })).toThrow(/used twice/);
  });
});
