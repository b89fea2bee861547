import type { DeadLetter } from '@pulse/contracts';
import { TOPICS } from '@pulse/contracts';
import { PulseMetrics, createLogger } from '@pulse/runtime';
import { describe, expect, it } from 'vitest';
import { BatchProcessor, type IncomingMessage } from './batch-processor.js';
import { encodeMessage } from './message-codec.js';
import { isTransientError } from './transient-error.js';

const raw = (id: string) => ({ id, source: 'demo', sourceId: id, text: `text ${id}`, author: { id: 'a', handle: 'a', name: 'A', url: null }, publishedAt: '2026-03-01T10:00:00.000Z', url: null });

function incoming(ids: string[]): IncomingMessage[] {
  return ids.map((id, i) => {
    const encoded = encodeMessage(TOPICS.rawMentions, { ...raw(id), id: undefined } as never, 'test', undefined);
    return { partition: 0, offset: String(i), key: id, value: encoded.value as Buffer, headers: encoded.headers as Record<string, string> };
  });
}

function processor(handler: () => Promise<void>, letters: DeadLetter[], stalls: boolean[]) {
  return new BatchProcessor(TOPICS.rawMentions, handler, {
    app: 'test',
    groupId: 'g',
    logger: createLogger('test', 'silent'),
    metrics: new PulseMetrics(),
    retry: { attempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
    publishDeadLetters: async (l) => void letters.push(...l),
    isStopping: () => false,
    onStalled: (stalled) => void stalls.push(stalled),
    sleep: async () => undefined,
  });
}

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('BatchProcessor and failing dependencies', () => {
  it('waits out a store outage however long it lasts: nothing dead-lettered, stalled while it lasts', async () => {
    let calls = 0;
    const letters: DeadLetter[] = [];
    const stalls: boolean[] = [];
    let heartbeats = 0;
    const p = processor(async () => {
      calls += 1;
      // Wrapped like the gateway's storeCall: the driver error is the cause.
      if (calls <= 25) throw new Error('store query failed', { cause: refused() });
    }, letters, stalls);
    await p.process(incoming(['m1', 'm2', 'm3']), async () => void (heartbeats += 1));
    expect(calls).toBe(26);
    expect(letters).toEqual([]);
    expect(stalls).toEqual([true, false]);
    expect(heartbeats).toBe(25);
  });

  it('still isolates and dead-letters what a retry cannot fix', async () => {
    const letters: DeadLetter[] = [];
    const p = processor(async () => {
      throw new Error('duplicate key value violates unique constraint');
    }, letters, []);
    await p.process(incoming(['m1', 'm2']));
    expect(letters.map((l) => [l.reason, l.origin.offset])).toEqual([
      ['processing-failed', '0'],
      ['processing-failed', '1'],
    ]);
  });

  it('tells transient failures from the rest through the cause chain', () => {
    expect(isTransientError(refused())).toBe(true);
    expect(isTransientError(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: '57P01' }) }))).toBe(true);
    expect(isTransientError(Object.assign(new Error('leader not available'), { name: 'KafkaJSProtocolError', retriable: true }))).toBe(true);
    expect(isTransientError(Object.assign(new Error('bad'), { code: '23505' }))).toBe(false);
    expect(isTransientError(new Error('Cannot read properties of undefined'))).toBe(false);
  });
});
