import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeedMention } from '../api/api.types.js';
import { LiveBatcher, appendOlder, prependLive } from './feed-buffer.js';

const m = (id: string, text = id): FeedMention => ({
  id,
  text,
  source: 'demo',
  url: null,
  language: 'ru',
  publishedAt: '2026-11-20T10:00:00Z',
  topicIds: [],
  direct: false,
  duplicateOf: null,
  author: { handle: 'a', name: 'A' },
  sentiment: { label: 'neutral', score: 0.9 },
  spam: { score: 0 },
  intent: null,
});
const ids = (list: FeedMention[]) => list.map((x) => x.id);

describe('prependLive', () => {
  it('puts arrivals on top, newest first', () => {
    expect(ids(prependLive([m('a'), m('b')], [m('c'), m('d')]))).toEqual(['d', 'c', 'a', 'b']);
  });

  it('never shows a mention twice, and keeps its latest version in place', () => {
    const list = prependLive([m('a'), m('b')], [m('b', 'rescored'), m('c'), m('c', 'again')]);
    expect(ids(list)).toEqual(['c', 'a', 'b']);
    expect(list[0]!.text).toBe('again');
    expect(list[2]!.text).toBe('rescored');
  });

  it('drops the oldest beyond capacity', () => {
    expect(ids(prependLive([m('a'), m('b'), m('c')], [m('d'), m('e')], 3))).toEqual(['e', 'd', 'a']);
  });

  it('returns the same list when nothing arrived (no re-render)', () => {
    const list = [m('a')];
    expect(prependLive(list, [])).toBe(list);
  });
});

describe('appendOlder', () => {
  it('adds an older page below, skipping what is shown', () => {
    expect(ids(appendOlder([m('a'), m('b')], [m('b'), m('c')]))).toEqual(['a', 'b', 'c']);
  });
});

describe('LiveBatcher', () => {
  afterEach(() => vi.useRealTimers());

  it('turns a burst into one flush per interval, in arrival order', () => {
    vi.useFakeTimers();
    const flushes: number[][] = [];
    const batcher = new LiveBatcher<number>((batch) => flushes.push(batch), 250);
    for (let i = 0; i < 500; i++) batcher.push(i);
    expect(flushes).toHaveLength(0);
    vi.advanceTimersByTime(250);
    expect(flushes).toHaveLength(1);
    expect(flushes[0]).toHaveLength(500);
    expect(flushes[0]![0]).toBe(0);
    batcher.push(500);
    vi.advanceTimersByTime(250);
    expect(flushes).toEqual([expect.any(Array), [500]]);
  });

  it('bounds what it holds when nobody drains it', () => {
    vi.useFakeTimers();
    let last: number[] = [];
    const batcher = new LiveBatcher<number>((batch) => (last = batch), 250, 100);
    for (let i = 0; i < 1000; i++) batcher.push(i);
    batcher.drain();
    expect(last.length).toBeLessThanOrEqual(200);
    expect(last[last.length - 1]).toBe(999);
  });

  it('forgets pending items when disposed', () => {
    vi.useFakeTimers();
    const flush = vi.fn();
    const batcher = new LiveBatcher<number>(flush, 250);
    batcher.push(1);
    batcher.dispose();
    vi.advanceTimersByTime(1000);
    expect(flush).not.toHaveBeenCalled();
  });
});
