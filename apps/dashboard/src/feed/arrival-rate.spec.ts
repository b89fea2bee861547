import { describe, expect, it } from 'vitest';
import { ArrivalRate, rateLabel } from './arrival-rate.js';

describe('ArrivalRate', () => {
  it('reports 120/min for 2 a second, from the tenth second on, not a count of what has arrived so far', () => {
    const rate = new ArrivalRate(0);
    for (let t = 500; t <= 6_000; t += 500) rate.record(1, t);
    expect(rate.perMinute(6_000)).toBeUndefined();
    for (let t = 6_500; t <= 20_000; t += 500) rate.record(1, t);
    expect(rate.perMinute(20_000)).toBeCloseTo(120, 0);
  });

  it('slides: arrivals older than a minute stop counting', () => {
    const rate = new ArrivalRate(0);
    const seen: number[] = [];
    for (let t = 1_000; t <= 120_000; t += 1_000) {
      rate.record(t <= 60_000 ? 2 : 1, t);
      if (t % 60_000 === 0) seen.push(rate.perMinute(t)!);
    }
    expect(seen).toEqual([120, 60]);
    expect(rate.perMinute(200_000)).toBe(0);
  });

  it('counts batches as their size, and starts over on reset', () => {
    const rate = new ArrivalRate(0);
    rate.record(30, 5_000);
    expect(rate.perMinute(30_000)).toBe(60);
    rate.reset(30_000);
    expect(rate.perMinute(35_000)).toBeUndefined();
    rate.record(5, 36_000);
    expect(rate.perMinute(60_000)).toBe(10);
  });
});

describe('rateLabel', () => {
  it('rounds high rates, keeps a decimal for low ones, and says it is measuring', () => {
    expect(rateLabel(119.6)).toBe('120/min');
    expect(rateLabel(6)).toBe('6/min');
    expect(rateLabel(0.54)).toBe('0.5/min');
    expect(rateLabel(0)).toBe('0/min');
    expect(rateLabel(undefined)).toBe('…/min');
  });
});
