import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../core/batch-processor.js';
import { PrefetchPipeline, type PrefetchPipelineDeps } from './prefetch-pipeline.js';

const msg = (partition: number, offset: number): IncomingMessage => ({ partition, offset: String(offset), key: null, value: Buffer.from('x'), headers: {} });
const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

function harness(overrides: Partial<PrefetchPipelineDeps> = {}) {
  const calls: string[][] = [];
  const commits: string[] = [];
  const rewinds: string[] = [];
  let release: (() => void) | undefined;
  let hold = false;
  const pipeline = new PrefetchPipeline({
    process: async (messages) => {
      calls.push(messages.map((m) => `${m.partition}:${m.offset}`));
      if (hold) await new Promise<void>((r) => (release = r));
    },
    commit: async (partition, next) => {
      commits.push(`${partition}@${next}`);
    },
    rewind: (partition, offset) => rewinds.push(`${partition}@${offset}`),
    onError: () => undefined,
    maxBatchSize: 100,
    maxQueued: 200,
    concurrency: 4,
    ...overrides,
  });
  return { pipeline, calls, commits, rewinds, holdNext: () => (hold = true), release: () => { hold = false; release?.(); } };
}

describe('PrefetchPipeline', () => {
  it('hands the handler, as one call, every batch fetched while its previous call ran, and commits after each call', async () => {
    const h = harness();
    h.holdNext();
    await h.pipeline.accept(0, [msg(0, 0)], () => true);
    await tick();
    // The fetch loop is not held by the running call: three more fetches are queued meanwhile.
    for (const offset of [1, 2, 3]) await h.pipeline.accept(0, [msg(0, offset)], () => true);
    expect(h.commits).toEqual([]);
    h.release();
    await h.pipeline.drain();
    expect(h.calls).toEqual([['0:0'], ['0:1', '0:2', '0:3']]);
    expect(h.commits).toEqual(['0@1', '0@4']);
  });

  it('keeps order within a partition, runs partitions side by side up to the concurrency, and splits at maxBatchSize', async () => {
    const running: number[] = [];
    let peak = 0;
    const h = harness({
      concurrency: 2,
      maxBatchSize: 2,
      process: async (messages) => {
        running.push(1);
        peak = Math.max(peak, running.length);
        h.calls.push(messages.map((m) => `${m.partition}:${m.offset}`));
        await tick(5);
        running.pop();
      },
    });
    await Promise.all([0, 1, 2].map((p) => h.pipeline.accept(p, [msg(p, 0), msg(p, 1), msg(p, 2)], () => true)));
    await h.pipeline.drain();
    expect(peak).toBe(2);
    for (const p of [0, 1, 2]) expect(h.calls.filter((c) => c[0]!.startsWith(`${p}:`))).toEqual([[`${p}:0`, `${p}:1`], [`${p}:2`]]);
    expect(h.commits.filter((c) => c.startsWith('1@'))).toEqual(['1@2', '1@3']);
  });

  it('makes the fetch loop wait while a partition holds maxQueued messages (backpressure)', async () => {
    const h = harness({ maxQueued: 2, maxBatchSize: 1 });
    h.holdNext();
    await h.pipeline.accept(0, [msg(0, 0)], () => true);
    await tick();
    let accepted = false;
    const pending = h.pipeline.accept(0, [msg(0, 1), msg(0, 2)], () => true).then(() => (accepted = true));
    await tick(20);
    expect(accepted).toBe(false);
    h.release();
    await pending;
    await h.pipeline.drain();
    expect(h.calls.flat()).toEqual(['0:0', '0:1', '0:2']);
  });

  it('after a failed call commits nothing more for the partition, drops what was queued behind it and rewinds to its first message', async () => {
    const h = harness({
      process: async (messages) => {
        h.calls.push(messages.map((m) => `${m.partition}:${m.offset}`));
        if (messages[0]!.offset === '5') throw new Error('broker gone');
        await tick(5);
      },
    });
    await h.pipeline.accept(0, [msg(0, 4)], () => true);
    await tick(1);
    await h.pipeline.accept(0, [msg(0, 5)], () => true);
    await h.pipeline.accept(0, [msg(0, 6)], () => true);
    await h.pipeline.drain();
    expect(h.calls).toEqual([['0:4'], ['0:5', '0:6']]);
    expect(h.commits).toEqual(['0@5']);
    expect(h.rewinds).toEqual(['0@5']);
  });

  it('on a rebalance drops what is queued and does not commit a call of the old generation', async () => {
    const h = harness();
    h.holdNext();
    await h.pipeline.accept(0, [msg(0, 0)], () => true);
    await tick();
    await h.pipeline.accept(0, [msg(0, 1)], () => true);
    h.pipeline.reset();
    h.release();
    await h.pipeline.drain();
    expect(h.calls).toEqual([['0:0']]);
    expect(h.commits).toEqual([]);
  });

  it('commits nothing for a consumer without commits (ephemeral) and still hands everything over', async () => {
    const h = harness({ commit: undefined });
    await h.pipeline.accept(3, [msg(3, 0), msg(3, 1)], () => true);
    await h.pipeline.drain();
    expect(h.calls).toEqual([['3:0', '3:1']]);
    expect(h.commits).toEqual([]);
  });

  it('survives a rewind that throws (a consumer already leaving): the error is reported, nothing escapes', async () => {
    const errors: string[] = [];
    const h = harness({
      process: async () => {
        throw new Error('stopping during retries');
      },
      rewind: () => {
        throw new Error('consumer not running');
      },
      onError: (error) => errors.push((error as Error).message),
    });
    await h.pipeline.accept(0, [msg(0, 7)], () => true);
    await h.pipeline.drain();
    expect(errors).toEqual(['stopping during retries', 'consumer not running']);
    expect(h.commits).toEqual([]);
  });

  it('starts the next call without waiting for the previous commit, folds commits that pile up into the newest, and drains them', async () => {
    let releaseCommit: (() => void) | undefined;
    const h = harness({
      commit: async (partition, next) => {
        h.commits.push(`${partition}@${next}`);
        // The first commit hangs until released: the coordinator is slow.
        if (h.commits.length === 1) await new Promise<void>((r) => (releaseCommit = r));
      },
    });
    await h.pipeline.accept(0, [msg(0, 0)], () => true);
    await tick();
    for (const offset of [1, 2, 3]) {
      await h.pipeline.accept(0, [msg(0, offset)], () => true);
      await tick();
    }
    // Every call ran while the first commit was still in flight.
    expect(h.calls).toEqual([['0:0'], ['0:1'], ['0:2'], ['0:3']]);
    expect(h.commits).toEqual(['0@1']);
    let drained = false;
    const draining = h.pipeline.drain().then(() => (drained = true));
    await tick(5);
    expect(drained).toBe(false);
    releaseCommit!();
    await draining;
    // One commit in flight at a time, never backwards: the three behind it became one.
    expect(h.commits).toEqual(['0@1', '0@4']);
  });

  it('skips a commit that was waiting when the group rebalanced', async () => {
    let releaseCommit: (() => void) | undefined;
    const h = harness({
      commit: async (partition, next) => {
        h.commits.push(`${partition}@${next}`);
        if (h.commits.length === 1) await new Promise<void>((r) => (releaseCommit = r));
      },
    });
    await h.pipeline.accept(0, [msg(0, 0)], () => true);
    await tick();
    await h.pipeline.accept(0, [msg(0, 1)], () => true);
    await tick();
    h.pipeline.reset();
    releaseCommit!();
    await h.pipeline.drain();
    expect(h.commits).toEqual(['0@1']);
  });
});

