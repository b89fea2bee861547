import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeedMention, MentionStatus, MentionUpdate } from '../api/api.types.js';
import { LiveBatcher, appendOlder, applyLiveBatch, applyUpdates, prependLive, splitEvents } from './feed-buffer.js';

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
const update = (id: string, status: MentionStatus, assignee: string | null = null, intent: MentionUpdate['intent'] = null): MentionUpdate => ({
  id,
  topicIds: [],
  intent,
  workflow: { status, assignee, tags: [], firstResponseAt: null, resolvedAt: null, updatedAt: '2026-11-21T10:00:00.000Z' },
});
const statuses = (list: FeedMention[]) => list.map((x) => x.workflow?.status ?? '-');

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

describe('prependLive and workflow', () => {
  it('keeps the workflow of a row that a live version (which has none) replaces', () => {
    const list = prependLive([{ ...m('a'), workflow: { status: 'in_progress', assignee: 'ann' } }], [m('a', 'rescored')]);
    expect(list[0]!.text).toBe('rescored');
    expect(list[0]!.workflow).toEqual({ status: 'in_progress', assignee: 'ann' });
  });

  it('takes the workflow of a page version that has one', () => {
    const list = prependLive([{ ...m('a'), workflow: { status: 'in_progress', assignee: 'ann' } }], [{ ...m('a'), workflow: { status: 'resolved', assignee: 'bob' } }]);
    expect(list[0]!.workflow).toEqual({ status: 'resolved', assignee: 'bob' });
  });
});

describe('applyUpdates', () => {
  it('updates status, assignee and intent of the rows concerned, in place', () => {
    const list = [m('a'), m('b'), m('c')];
    const next = applyUpdates(list, [update('b', 'in_progress', 'ann', { label: 'complaint', replyNeeded: true })]);
    expect(ids(next)).toEqual(['a', 'b', 'c']);
    expect(next[1]!.workflow).toEqual({ status: 'in_progress', assignee: 'ann' });
    expect(next[1]!.intent).toEqual({ label: 'complaint', replyNeeded: true });
    // Untouched rows keep their identity (the memoised rows do not re-render).
    expect(next[0]).toBe(list[0]);
    expect(next[2]).toBe(list[2]);
  });

  it('applies changes in order: the last one wins', () => {
    const next = applyUpdates([m('a')], [update('a', 'in_progress'), update('a', 'resolved')]);
    expect(statuses(next)).toEqual(['resolved']);
  });

  it('ignores mentions that are not loaded, and returns the same list when nothing changed', () => {
    const list = [{ ...m('a'), workflow: { status: 'resolved' as const, assignee: null } }];
    expect(applyUpdates(list, [update('zzz', 'ignored')])).toBe(list);
    expect(applyUpdates(list, [update('a', 'resolved')])).toBe(list);
    expect(applyUpdates(list, [])).toBe(list);
  });

  it('keeps the intent of a row when the update has none', () => {
    const row = { ...m('a'), intent: { label: 'question' as const, replyNeeded: true } };
    expect(applyUpdates([row], [update('a', 'ignored')])[0]!.intent).toEqual({ label: 'question', replyNeeded: true });
  });
});

describe('applyLiveBatch', () => {
  it('puts arrivals on top and then applies changes, so a change in the same batch reaches its new row', () => {
    const next = applyLiveBatch([m('a')], [{ mention: m('b') }, { update: update('b', 'in_progress', 'rule') }, { update: update('a', 'ignored') }]);
    expect(ids(next)).toEqual(['b', 'a']);
    expect(statuses(next)).toEqual(['in_progress', 'ignored']);
  });

  it('a re-delivered mention after a change keeps the changed workflow', () => {
    const next = applyLiveBatch([m('a')], [{ update: update('a', 'resolved') }, { mention: m('a', 'rescored') }]);
    expect(next[0]!.text).toBe('rescored');
    expect(statuses(next)).toEqual(['resolved']);
  });

  it('splitEvents keeps each kind in arrival order', () => {
    const split = splitEvents([{ mention: m('a') }, { update: update('x', 'new') }, { mention: m('b') }]);
    expect(ids(split.mentions)).toEqual(['a', 'b']);
    expect(split.updates.map((u) => u.id)).toEqual(['x']);
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
