import { createLogger } from '@pulse/runtime';
import { describe, expect, it } from 'vitest';
import type { RetentionRepository } from './retention.repository.js';
import { RetentionJob } from './retention.job.js';

describe('RetentionJob', () => {
  it('deletes in batches until a short batch, with the cutoff `days` before now', async () => {
    const calls: { cutoff: string; batch: number }[] = [];
    const remaining = [100, 100, 30];
    const store = {
      deleteMentionsBefore: async (cutoff: string, batch: number) => {
        calls.push({ cutoff, batch });
        return remaining.shift() ?? 0;
      },
    } as unknown as RetentionRepository;
    const job = new RetentionJob(store, createLogger('test', 'silent'), 30, 60_000, 100, () => Date.UTC(2026, 2, 31));
    expect(await job.runOnce()).toBe(230);
    expect(calls).toHaveLength(3);
    expect(calls[0]).toEqual({ cutoff: '2026-03-01T00:00:00.000Z', batch: 100 });
    await job.stop();
  });

  it('also deletes other records older than the cutoff once the mentions are done', async () => {
    const order: string[] = [];
    const store = { deleteMentionsBefore: async () => (order.push('mentions'), 0) } as unknown as RetentionRepository;
    const job = new RetentionJob(store, createLogger('test', 'silent'), 1, 60_000, 100, () => Date.UTC(2026, 2, 2), [
      async (cutoff) => (order.push(`alerts<${cutoff}`), 3),
    ]);
    await job.runOnce();
    expect(order).toEqual(['mentions', 'alerts<2026-03-01T00:00:00.000Z']);
    await job.stop();
  });
});
