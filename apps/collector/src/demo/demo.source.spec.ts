import { createLogger } from '@pulse/runtime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryCheckpointStore } from '../sources/core/checkpoint.store.js';
import type { DemoConfig } from './demo.config.js';
import type { DemoDesk, DemoDeskAction } from './demo-desk.js';
import { DEMO_CORPUS, DemoSource } from './demo.source.js';

afterEach(() => vi.useRealTimers());

/** 19:00 Moscow time on a Tuesday: the evening peak, 1.5× the day's mean rate. */
const EVENING = Date.parse('2026-11-17T16:00:00.000Z');
const logger = createLogger('t', 'silent');

function harness(config: Partial<DemoConfig>, checkpoints = new MemoryCheckpointStore(), extra: { desk?: DemoDesk; hold?: (batch: Record<string, unknown>[]) => Promise<void> } = {}) {
  const sent: Record<string, unknown>[][] = [];
  const ingest = {
    ingest: async (batch: Record<string, unknown>[]) => {
      await extra.hold?.(batch);
      sent.push(batch);
      return { accepted: batch.length, ids: [], rejected: [] };
    },
  };
  const source = new DemoSource({
    ingest,
    config: { enabled: true, ratePerSecond: 2, historyDays: 0, clockSpeed: 1, burstAfterMinutes: 0, ...config },
    checkpoints,
    logger,
    clock: () => Date.now(),
    seed: 1,
    ...(extra.desk ? { desk: extra.desk } : {}),
  });
  return { source, sent, items: () => sent.flat(), checkpoints };
}

describe('DemoSource', () => {
  it('keeps a corpus of at least 300 hand-written Russian and English mentions', () => {
    expect(DEMO_CORPUS.length).toBeGreaterThanOrEqual(300);
    expect(new Set(DEMO_CORPUS.map((i) => i.language))).toEqual(expect.objectContaining(new Set(['ru', 'en'])));
    expect(new Set(DEMO_CORPUS.map((i) => i.text)).size).toBe(DEMO_CORPUS.length);
  });

  it('streams live posts at the world rate for the hour, from several sources, each a new mention', async () => {
    vi.useFakeTimers({ now: EVENING });
    const { source, items } = harness({ ratePerSecond: 2 });
    source.start();
    await vi.advanceTimersByTimeAsync(60_000);
    await source.stop();
    // 2/s on average, 1.5× at the evening peak: ~180 a minute (Poisson).
    expect(items().length).toBeGreaterThan(140);
    expect(items().length).toBeLessThan(230);
    expect(new Set(items().map((i) => `${i.source}:${i.sourceId}`)).size).toBe(items().length);
    expect(new Set(items().map((i) => i.source)).size).toBeGreaterThanOrEqual(3);
    for (const item of items()) expect(Date.parse(item.publishedAt as string)).toBeLessThanOrEqual(Date.now());
    expect(items().some((i) => 'meta' in i)).toBe(false);
  });

  it('backfills the history once: the last day first, then the older days, then the brands answers, and records it is done', async () => {
    vi.useFakeTimers({ now: EVENING });
    const first = harness({ ratePerSecond: 0.02, historyDays: 2 });
    first.source.start();
    await vi.advanceTimersByTimeAsync(200);
    await first.source.stop();
    const history = first.sent.flat().filter((i) => Date.parse(i.publishedAt as string) < EVENING);
    expect(history.length).toBeGreaterThan(2000);
    const answers = history.filter((i) => typeof i.parentId === 'string');
    expect(answers.length).toBeGreaterThan(10);
    // Every answer comes after all the posts (so what it answers is stored first).
    const firstAnswer = history.findIndex((i) => typeof i.parentId === 'string');
    expect(history.slice(firstAnswer).every((i) => typeof i.parentId === 'string')).toBe(true);
    // The last day (what spike baselines are seeded from) leads, each part in time order.
    const times = history.slice(0, firstAnswer).map((i) => Date.parse(i.publishedAt as string));
    const dayAgo = EVENING - 24 * 3_600_000;
    const olderFrom = times.findIndex((t) => t < dayAgo);
    expect(olderFrom).toBeGreaterThan(500);
    expect(times.slice(0, olderFrom).every((t) => t >= dayAgo)).toBe(true);
    expect(times.slice(olderFrom).every((t) => t < dayAgo)).toBe(true);
    for (const part of [times.slice(0, olderFrom), times.slice(olderFrom)]) expect(part).toEqual([...part].sort((a, b) => a - b));
    expect(first.checkpoints.saved.get('demo')).toMatchObject({ end: EVENING, days: 2, done: true });

    const again = harness({ ratePerSecond: 0.02, historyDays: 2 }, first.checkpoints);
    again.source.start();
    await vi.advanceTimersByTimeAsync(200);
    await again.source.stop();
    expect(again.items().filter((i) => Date.parse(i.publishedAt as string) < EVENING)).toEqual([]);
  }, 30_000);

  it('resumes an interrupted backfill where it stopped, with the same mentions', async () => {
    vi.useFakeTimers({ now: EVENING });
    const checkpoints = new MemoryCheckpointStore();
    const whole = harness({ ratePerSecond: 0.02, historyDays: 2 });
    whole.source.start();
    await vi.advanceTimersByTimeAsync(200);
    await whole.source.stop();
    const all = whole.items().filter((i) => Date.parse(i.publishedAt as string) < EVENING);
    await checkpoints.save('demo', { version: 2, end: EVENING, days: 2, sent: 1000, done: false });
    vi.setSystemTime(EVENING + 3_600_000);
    const resumed = harness({ ratePerSecond: 0.02, historyDays: 2 }, checkpoints);
    resumed.source.start();
    await vi.advanceTimersByTimeAsync(200);
    await resumed.source.stop();
    const rest = resumed.items().filter((i) => Date.parse(i.publishedAt as string) < EVENING);
    expect(rest.map((i) => i.sourceId)).toEqual(all.slice(1000).map((i) => i.sourceId));
  });

  it('plays the burst once the last day of history is sent, while the older days are still on their way', async () => {
    vi.useFakeTimers({ now: EVENING });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    // The older days never get through until the end: the burst must not wait for them.
    const hold = (batch: Record<string, unknown>[]) => (batch.some((i) => Date.parse(i.publishedAt as string) < EVENING - 24 * 3_600_000) ? gate : Promise.resolve());
    const { source, items } = harness({ ratePerSecond: 0.02, historyDays: 3, burstAfterMinutes: 1, clockSpeed: 60 }, new MemoryCheckpointStore(), { hold });
    source.start();
    await vi.advanceTimersByTimeAsync(30_000);
    const live = items().filter((i) => Date.parse(i.publishedAt as string) >= EVENING && /МТС/u.test(i.text as string));
    expect(live.length).toBeGreaterThanOrEqual(60);
    expect(items().some((i) => Date.parse(i.publishedAt as string) < EVENING - 24 * 3_600_000)).toBe(false);
    release();
    await source.stop();
  });

  it('hands the agents’ past work to the desk after the backfill, retrying what is not stored yet, before it records the history done', async () => {
    vi.useFakeTimers({ now: EVENING });
    const handled: DemoDeskAction[] = [];
    const tries = new Map<string, number>();
    const desk: DemoDesk = {
      // Every mention is "not stored" on the first try.
      handle: async (action) => {
        const n = (tries.get(`${action.mentionId}${action.at}`) ?? 0) + 1;
        tries.set(`${action.mentionId}${action.at}`, n);
        if (n === 1) return 'pending';
        handled.push(action);
        return 'done';
      },
      stored: async () => true,
    };
    const { source, checkpoints } = harness({ ratePerSecond: 0.05, historyDays: 2 }, new MemoryCheckpointStore(), { desk });
    source.start();
    await vi.advanceTimersByTimeAsync(10_000);
    await source.stop();
    expect(handled.length).toBeGreaterThan(20);
    expect(handled.filter((a) => a.status === 'resolved').length).toBeGreaterThan(10);
    expect(handled.every((a) => a.at < EVENING)).toBe(true);
    // Each mention's actions in order: taken up before resolved.
    const seen = new Map<string, string>();
    for (const a of handled) {
      if (a.status === 'in_progress') expect(seen.has(a.mentionId)).toBe(false);
      seen.set(a.mentionId, a.status);
    }
    expect(checkpoints.saved.get('demo')).toMatchObject({ handled: true, done: true });
  });

  it('with a desk, keeps only a few chunks of history in the pipeline: sends on as they are stored', async () => {
    vi.useFakeTimers({ now: EVENING });
    let storedOpen = false;
    const asked: string[] = [];
    const desk: DemoDesk = { handle: async () => 'done', stored: async (id) => (asked.push(id), storedOpen) };
    const { source, items } = harness({ ratePerSecond: 0.1, historyDays: 3 }, new MemoryCheckpointStore(), { desk });
    source.start();
    await vi.advanceTimersByTimeAsync(5_000);
    const history = () => items().filter((i) => Date.parse(i.publishedAt as string) < EVENING);
    // 10 chunks of 1,000 (the last day's part may end one early), then it waits for the first to be stored.
    expect(history().length).toBeLessThanOrEqual(10 * 1_000);
    expect(history().length).toBeGreaterThan(8 * 1_000);
    expect(asked.length).toBeGreaterThan(0);
    storedOpen = true;
    await vi.advanceTimersByTimeAsync(5_000);
    await source.stop();
    expect(history().length).toBeGreaterThan(20_000);
  }, 30_000);

  it('plays the burst on the demo clock: a wave of complaints about МТС, then the brand answering some', async () => {
    vi.useFakeTimers({ now: EVENING });
    // 60× demo clock: the burst scheduled 4 demo minutes in comes after 4 real seconds and lasts 4.
    const { source, items } = harness({ ratePerSecond: 0.05, burstAfterMinutes: 4, clockSpeed: 60 });
    source.start();
    await vi.advanceTimersByTimeAsync(3_500);
    const before = items().filter((i) => /МТС/u.test(i.text as string)).length;
    await vi.advanceTimersByTimeAsync(12_000);
    await source.stop();
    const about = items().filter((i) => /МТС/u.test(i.text as string) && i.parentId === undefined);
    expect(about.length - before).toBeGreaterThanOrEqual(60);
    const answers = items().filter((i) => typeof i.parentId === 'string');
    expect(answers.length).toBeGreaterThan(5);
    expect(answers.every((a) => (a.author as { handle: string }).handle === 'mts_support')).toBe(true);
  });
});
