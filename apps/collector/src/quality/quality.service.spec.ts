import { TOPICS, rawMentionSchema, type MentionFingerprint, type RawMention } from '@pulse/contracts';
import type { Bus, BusMessage, SubscribeOptions } from '@pulse/bus';
import { Readiness, createLogger } from '@pulse/runtime';
import { describe, expect, it } from 'vitest';
import { TopicRegistry } from '../topics/topic-registry.service.js';
import { QualityAssessor } from './quality.assessor.js';
import { QualityService } from './quality.service.js';
import { QualityWindow } from './quality.window.js';

type FingerprintMessage = BusMessage<typeof TOPICS.fingerprints>;

/** A bus whose fingerprint log the spec delivers by hand: in order, again, late or never. */
function manualBus(options: { failPublish?: boolean; hangPublish?: boolean } = {}) {
  const log: FingerprintMessage[] = [];
  let subscription: SubscribeOptions<typeof TOPICS.fingerprints> | undefined;
  const bus = {
    publish: async (topic: string, payloads: unknown[]) => {
      if (options.failPublish) throw new Error('broker down');
      if (options.hangPublish) return new Promise(() => undefined);
      expect(topic).toBe(TOPICS.fingerprints);
      for (const value of payloads as MentionFingerprint[]) log.push({ topic: TOPICS.fingerprints, partition: 0, offset: String(log.length), key: null, headers: {}, value });
    },
    subscribe: async (s: SubscribeOptions<typeof TOPICS.fingerprints>) => void (subscription = s),
  } as unknown as Bus;
  return {
    bus,
    log,
    deliver: async (messages: FingerprintMessage[]) => subscription!.handler(messages),
    caughtUp: () => subscription!.onCaughtUp!(),
  };
}

function service(bus: Bus, readiness = new Readiness(), verdictTimeoutMs = 1_000): QualityService {
  return new QualityService({ bus, window: new QualityWindow(), assessor: new QualityAssessor(), topics: new TopicRegistry(), readiness, logger: createLogger('test', 'silent'), clock: () => 1_000, verdictTimeoutMs });
}

let n = 0;
const mention = (author = 'flooder'): RawMention =>
  rawMentionSchema.parse({ source: 'vk', sourceId: `s${++n}`, text: `пост номер ${n}`, author: { id: author, handle: author, name: author, url: null }, publishedAt: '2026-11-20T10:00:00Z' });

describe('QualityService', () => {
  it('is not ready until the retained fingerprint log is replayed', async () => {
    const manual = manualBus();
    const readiness = new Readiness();
    await service(manual.bus, readiness).onApplicationBootstrap();
    expect((await readiness.report()).checks).toEqual({ 'collector-quality': 'down' });
    manual.caughtUp();
    expect((await readiness.report()).ready).toBe(true);
  });

  it('marks a mention with the verdict its own fingerprint gets when the log comes back, after the fingerprints before it', async () => {
    const manual = manualBus();
    const quality = service(manual.bus);
    await quality.onApplicationBootstrap();
    // Another collector's posts by the same account, already on the log.
    const other = new QualityAssessor();
    for (let i = 0; i < 9; i++) await manual.bus.publish(TOPICS.fingerprints, [other.fingerprint(mention(), [], `other:${i}`, 1_000)]);
    const marked = quality.mark([mention()]);
    await manual.deliver(manual.log.slice(0, 5));
    await manual.deliver(manual.log.slice(5));
    const [result] = await marked;
    expect(result!.spam.reasons).toContain('10 posts from one account in 10 minutes');
  });

  it('applies a redelivered batch once', async () => {
    const manual = manualBus();
    const quality = service(manual.bus);
    await quality.onApplicationBootstrap();
    const first = quality.mark([mention()]);
    await manual.deliver(manual.log.slice());
    await manual.deliver(manual.log.slice());
    await first;
    const second = quality.mark([mention()]);
    await manual.deliver(manual.log.slice(1));
    const [result] = await second;
    // Two posts counted, not three.
    expect(result!.spam.reasons).toEqual([]);
    const third = quality.mark(Array.from({ length: 8 }, () => mention()));
    await manual.deliver(manual.log.slice(2));
    expect((await third).at(-1)!.spam.reasons).toContain('10 posts from one account in 10 minutes');
  });

  it('answers BUS_UNAVAILABLE when the fingerprint cannot be published, is never acknowledged, or its verdict never comes back', async () => {
    const failing = manualBus({ failPublish: true });
    const down = service(failing.bus);
    await down.onApplicationBootstrap();
    await expect(down.mark([mention()])).rejects.toMatchObject({ code: 'BUS_UNAVAILABLE', message: expect.stringContaining('broker down') });

    const hung = manualBus({ hangPublish: true });
    const unacknowledged = service(hung.bus, new Readiness(), 100);
    await unacknowledged.onApplicationBootstrap();
    await expect(unacknowledged.mark([mention()])).rejects.toMatchObject({ code: 'BUS_UNAVAILABLE', message: expect.stringContaining('100 ms') });

    const silent = manualBus();
    const stalled = service(silent.bus, new Readiness(), 100);
    await stalled.onApplicationBootstrap();
    await expect(stalled.mark([mention()])).rejects.toMatchObject({ code: 'BUS_UNAVAILABLE', message: expect.stringContaining('100 ms') });
  });

  it('on shutdown refuses new marks, lets verdicts on their way arrive, and fails the rest at once', async () => {
    const manual = manualBus();
    const quality = service(manual.bus, new Readiness(), 60_000);
    await quality.onApplicationBootstrap();
    const arriving = quality.mark([mention()]);
    const lost = quality.mark([mention()]);
    lost.catch(() => undefined);
    const closing = quality.beforeApplicationShutdown();
    await expect(quality.mark([mention()])).rejects.toMatchObject({ code: 'BUS_UNAVAILABLE', message: expect.stringContaining('shutting down') });
    await manual.deliver(manual.log.slice(0, 1));
    await expect(arriving).resolves.toHaveLength(1);
    // The second fingerprint never comes back (the log stopped): it fails well before its 60 s deadline.
    await new Promise((r) => setTimeout(r, 30));
    await quality.onApplicationShutdown();
    await expect(lost).rejects.toMatchObject({ code: 'BUS_UNAVAILABLE' });
    await closing;
  });
});
