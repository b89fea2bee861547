import { describe, expect, it } from 'vitest';
import { countGridLabel, niceMax, periodWindow, tickIndices } from './chart-period.js';

describe('periodWindow', () => {
  it('ends at the next whole hour so the current hour is included', () => {
    const w = periodWindow('24h', Date.parse('2026-11-20T10:17:00Z'));
    expect(w).toEqual({ from: '2026-11-19T11:00:00.000Z', to: '2026-11-20T11:00:00.000Z', interval: 'HOUR' });
  });

  it('uses coarser buckets for longer periods', () => {
    expect(periodWindow('30d', Date.parse('2026-11-20T10:17:00Z')).interval).toBe('DAY');
    expect(periodWindow('90d', Date.parse('2026-11-20T10:17:00Z')).interval).toBe('WEEK');
  });
});

describe('niceMax', () => {
  it('rounds up to a readable axis maximum', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(8);
    expect(niceMax(260)).toBe(300);
    expect(niceMax(1000)).toBe(1000);
    expect(niceMax(1001)).toBe(1500);
  });
});

describe('tickIndices', () => {
  it('spaces ticks evenly and always labels the latest bucket', () => {
    expect(tickIndices(24, 6)).toEqual([3, 7, 11, 15, 19, 23]);
    expect(tickIndices(3, 6)).toEqual([0, 1, 2]);
    expect(tickIndices(0, 6)).toEqual([]);
  });
});

describe('countGridLabel', () => {
  it('labels whole counts only: an axis topping at 1 reads 0 and 1, not 0, 1, 1', () => {
    expect([0, 0.5, 1].map((f) => countGridLabel(1 * f))).toEqual(['0', null, '1']);
    expect([0, 0.5, 1].map((f) => countGridLabel(3 * f))).toEqual(['0', null, '3']);
    expect([0, 0.5, 1].map((f) => countGridLabel(8 * f))).toEqual(['0', '4', '8']);
  });
});
