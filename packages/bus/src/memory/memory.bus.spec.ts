import { TOPICS, mentionId, type DeadLetter, type RawMention } from '@pulse/contracts';
import { PulseMetrics, createLogger } from '@pulse/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import type { BusMessage } from '../core/bus.port.js';
import { MemoryBus } from './memory.bus.js';

const logger = createLogger('test', 'silent');

function mention(n: number): RawMention {
  return {
    // Consumers accept only the id derived from source + sourceId.
    id: mentionId('demo', String(n)),
    source: 'demo',
    sourceId: String(n),
    url: null,
    text: `mention ${n}`,
    language: 'en',
    author: { id: 'a', handle: 'a', name: 'A', url: null },
    publishedAt: '2026-11-20T10:00:00.000Z',
    collectedAt: '2026-11-20T10:00:00.000Z',
    topicIds: [],
    matches: [],
    direct: false,
    duplicateOf: null,
    spam: { score: 0, reasons: [] },
  };
}

async function until(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const fastRetry = { attempts: 2, initialDelayMs: 1, maxDelayMs: 5 };
let bus: MemoryBus;
afterEach(async () => bus?.stop());

describe('MemoryBus', () => {
  it('delivers validated messages in batches, keyed messages in order per partition', async () => {
    bus = new MemoryBus({ app: 't', logger, metrics: new PulseMetrics(false), retry: fastRetry });
    const seen: BusMessage<typeof TOPICS.rawMentions>[] = [];
    const batchSizes: number[] = [];
    await bus.subscribe({
      topic: TOPICS.rawMentions,
      groupId: 'g',
      maxBatchSize: 10,
      handler: async (batch) => {
        batchSizes.push(batch.length);
        seen.push(...batch);
      },
    });
    await bus.start();
    await bus.publish(TOPICS.rawMentions, Array.from({ length: 25 }, (_, i) => mention(i)));
    await until(() => seen.length === 25);
    expect(new Set(seen.map((m) => m.value.id)).size).toBe(25);
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(10);
    expect(seen[0]!.headers['pulse-schema-version']).toBe('1');
    expect(seen[0]!.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('dead-letters a message whose handler keeps failing and delivers the rest of its batch', async () => {
    bus = new MemoryBus({ app: 't', logger, metrics: new PulseMetrics(false), retry: fastRetry, partitions: 1 });
    const handled: string[] = [];
    const dead: DeadLetter[] = [];
    await bus.subscribe({
      topic: TOPICS.rawMentions,
      groupId: 'g',
      handler: async (batch) => {
        if (batch.some((m) => m.value.sourceId === '2')) throw new Error('poison');
        handled.push(...batch.map((m) => m.value.sourceId));
      },
    });
    await bus.subscribe({ topic: TOPICS.deadLetter, groupId: 'dlq', handler: async (b) => void dead.push(...b.map((m) => m.value)) });
    await bus.start();
    await bus.publish(TOPICS.rawMentions, [mention(1), mention(2), mention(3)]);
    await until(() => dead.length === 1 && handled.length === 2);
    expect(handled.sort()).toEqual(['1', '3']);
    expect(dead[0]).toMatchObject({ reason: 'processing-failed', error: 'poison', origin: { topic: TOPICS.rawMentions, consumerGroup: 'g' } });
    expect(JSON.parse(dead[0]!.payload).id).toBe(mentionId('demo', '2'));
  });

  it('retries a transient failure without losing or dead-lettering anything', async () => {
    bus = new MemoryBus({ app: 't', logger, metrics: new PulseMetrics(false), retry: { attempts: 3, initialDelayMs: 1, maxDelayMs: 2 } });
    let failures = 1;
    const handled: string[] = [];
    const dead: DeadLetter[] = [];
    await bus.subscribe({
      topic: TOPICS.rawMentions,
      groupId: 'g',
      handler: async (batch) => {
        if (failures-- > 0) throw new Error('store restarting');
        handled.push(...batch.map((m) => m.value.id));
      },
    });
    await bus.subscribe({ topic: TOPICS.deadLetter, groupId: 'dlq', handler: async (b) => void dead.push(...b.map((m) => m.value)) });
    await bus.start();
    await bus.publish(TOPICS.rawMentions, [mention(1)]);
    await until(() => handled.length === 1);
    expect(dead).toEqual([]);
  });

  it('makes publishers wait while consumers are behind, instead of growing without bound', async () => {
    bus = new MemoryBus({ app: 't', logger, metrics: new PulseMetrics(false), maxBacklog: 5, partitions: 1 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await bus.subscribe({ topic: TOPICS.rawMentions, groupId: 'g', maxBatchSize: 1, handler: () => gate });
    await bus.start();
    await bus.publish(TOPICS.rawMentions, Array.from({ length: 5 }, (_, i) => mention(i)));
    let published = false;
    const pending = bus.publish(TOPICS.rawMentions, [mention(99)]).then(() => (published = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(published).toBe(false);
    release();
    await pending;
    expect(published).toBe(true);
  });
});

describe('MemoryBus shutdown', () => {
  it('drains every stage before stopping, so accepted messages are not lost', async () => {
    bus = new MemoryBus({ app: 't', logger, metrics: new PulseMetrics(false) });
    const stored: string[] = [];
    await bus.subscribe({
      topic: TOPICS.rawMentions,
      groupId: 'slow-store',
      maxBatchSize: 5,
      handler: async (batch) => {
        await new Promise((r) => setTimeout(r, 20));
        stored.push(...batch.map((m) => m.value.id));
      },
    });
    await bus.start();
    await bus.publish(TOPICS.rawMentions, Array.from({ length: 50 }, (_, i) => mention(i)));
    await bus.stop();
    expect(stored).toHaveLength(50);
  });
});

describe('MemoryBus concurrency', () => {
  it('hands several partitions to the handler at once when asked, keeping order within each', async () => {
    bus = new MemoryBus({ app: 't', logger, metrics: new PulseMetrics(false), partitions: 4 });
    let inFlight = 0;
    let maxInFlight = 0;
    const order = new Map<number, number[]>();
    await bus.subscribe({
      topic: TOPICS.rawMentions,
      groupId: 'g',
      maxBatchSize: 5,
      concurrency: 4,
      handler: async (batch) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 10));
        for (const m of batch) order.set(m.partition, [...(order.get(m.partition) ?? []), Number(m.offset)]);
        inFlight--;
      },
    });
    await bus.start();
    await bus.publish(TOPICS.rawMentions, Array.from({ length: 80 }, (_, i) => mention(i)));
    await until(() => [...order.values()].reduce((n, o) => n + o.length, 0) === 80);
    expect(maxInFlight).toBeGreaterThan(1);
    for (const offsets of order.values()) expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  });
});

describe('MemoryBus coalescing', () => {
  it('hands partitions that wait while the handler runs over together, in order within each, nothing twice', async () => {
    bus = new MemoryBus({ app: 't', logger, metrics: new PulseMetrics(false), partitions: 4 });
    const calls: { partition: number; offset: number }[][] = [];
    await bus.subscribe({
      topic: TOPICS.rawMentions,
      groupId: 'g',
      maxBatchSize: 5,
      concurrency: 4,
      coalesce: true,
      handler: async (batch) => {
        calls.push(batch.map((m) => ({ partition: m.partition, offset: Number(m.offset) })));
        await new Promise((r) => setTimeout(r, 10));
      },
    });
    await bus.start();
    await bus.publish(TOPICS.rawMentions, Array.from({ length: 80 }, (_, i) => mention(i)));
    await until(() => calls.flat().length === 80);
    // Some call carried more than one partition's batch: the waiting ones were merged.
    expect(calls.some((call) => new Set(call.map((m) => m.partition)).size > 1)).toBe(true);
    const seen = calls.flat().map((m) => `${m.partition}:${m.offset}`);
    expect(new Set(seen).size).toBe(80);
    for (const partition of [0, 1, 2, 3]) {
      const offsets = calls.flat().filter((m) => m.partition === partition).map((m) => m.offset);
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    }
  });
});

describe('MemoryBus onCaughtUp', () => {
  it('fires once the group has handled what the topic held when consumption began, not before', async () => {
    bus = new MemoryBus({ app: 'test', logger, metrics: new PulseMetrics(false), partitions: 2 });
    await bus.publish(TOPICS.rawMentions, [1, 2, 3, 4, 5].map(mention));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let handled = 0;
    let handledAtCatchUp = -1;
    await bus.subscribe({
      topic: TOPICS.rawMentions,
      groupId: 'table',
      maxBatchSize: 1,
      handler: async (batch) => {
        await gate;
        handled += batch.length;
      },
      onCaughtUp: () => (handledAtCatchUp = handled),
    });
    await bus.start();
    // Published after consumption began: not part of what "caught up" waits for.
    await bus.publish(TOPICS.rawMentions, [6, 7].map(mention));
    await new Promise((r) => setTimeout(r, 20));
    expect(handledAtCatchUp).toBe(-1);
    release();
    await until(() => handledAtCatchUp !== -1);
    expect(handledAtCatchUp).toBeGreaterThanOrEqual(5);
    await until(() => handled === 7);
  });

  it('fires at once for an empty topic', async () => {
    bus = new MemoryBus({ app: 'test', logger, metrics: new PulseMetrics(false) });
    let caughtUp = false;
    await bus.subscribe({ topic: TOPICS.apiKeys, groupId: 'keys', handler: async () => undefined, onCaughtUp: () => (caughtUp = true) });
    await bus.start();
    await until(() => caughtUp);
  });
});
