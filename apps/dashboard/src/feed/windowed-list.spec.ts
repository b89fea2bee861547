import { describe, expect, it } from 'vitest';
import { scrollAfterPrepend, scrollToReveal, visibleRange } from './windowed-list.js';

describe('visibleRange', () => {
  it('renders the rows in view plus overscan, positioned where they belong', () => {
    const r = visibleRange({ scrollTop: 1000, viewportHeight: 400, rowHeight: 100, count: 1000, overscan: 2 });
    expect(r).toEqual({ start: 8, end: 17, offsetTop: 800, totalHeight: 100_000 });
  });

  it('clamps at the top and bottom of the list', () => {
    expect(visibleRange({ scrollTop: 0, viewportHeight: 400, rowHeight: 100, count: 1000, overscan: 2 })).toMatchObject({ start: 0, end: 7 });
    const end = visibleRange({ scrollTop: 99_600, viewportHeight: 400, rowHeight: 100, count: 1000, overscan: 2 });
    expect(end.end).toBe(1000);
    expect(end.start).toBe(994);
  });

  it('copes with a scrollTop past the end after the list shrank', () => {
    const r = visibleRange({ scrollTop: 50_000, viewportHeight: 400, rowHeight: 100, count: 10, overscan: 2 });
    expect(r.start).toBeLessThanOrEqual(6);
    expect(r.end).toBe(10);
  });

  it('renders nothing for an empty list and keeps the DOM small for a huge one', () => {
    expect(visibleRange({ scrollTop: 0, viewportHeight: 400, rowHeight: 100, count: 0 })).toEqual({ start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
    const r = visibleRange({ scrollTop: 5_000_000, viewportHeight: 900, rowHeight: 90, count: 100_000 });
    expect(r.end - r.start).toBeLessThan(25);
  });
});

describe('scrollAfterPrepend', () => {
  it('stays at the top so new mentions slide into view', () => {
    expect(scrollAfterPrepend(0, 5, 100)).toBe(0);
  });

  it('keeps a scrolled-down reader on the same row', () => {
    expect(scrollAfterPrepend(750, 3, 100)).toBe(1050);
  });
});

describe('scrollToReveal', () => {
  it('scrolls only as far as needed to show a row', () => {
    expect(scrollToReveal(5, 0, 400, 100)).toBe(200);
    expect(scrollToReveal(1, 300, 400, 100)).toBe(100);
    expect(scrollToReveal(4, 300, 400, 100)).toBe(300);
  });
});
