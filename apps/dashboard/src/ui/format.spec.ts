import { describe, expect, it } from 'vitest';
import { formatDuration, totalCount } from './format.js';

describe('formatDuration', () => {
  it('reads seconds under a minute as seconds', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(42.4)).toBe('42 s');
  });

  it('rounds to whole minutes under an hour', () => {
    expect(formatDuration(240)).toBe('4 min');
    expect(formatDuration(59.6)).toBe('1 min');
    expect(formatDuration(269)).toBe('4 min');
    expect(formatDuration(271)).toBe('5 min');
  });

  it('shows hours and minutes, and no "60 min"', () => {
    expect(formatDuration(2 * 3600 + 5 * 60)).toBe('2 h 5 min');
    expect(formatDuration(3599)).toBe('1 h');
    expect(formatDuration(3600 * 3)).toBe('3 h');
  });

  it('shows days and hours from a day on', () => {
    expect(formatDuration(86_400)).toBe('1 d');
    expect(formatDuration(86_400 + 4 * 3600 + 20 * 60)).toBe('1 d 4 h');
    expect(formatDuration(3 * 86_400 - 60)).toBe('3 d');
  });

  it('shows a dash when there is nothing to measure', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(-5)).toBe('—');
  });
});

describe('totalCount', () => {
  it('marks an estimate with ≈ and leaves an exact count as it is', () => {
    expect(totalCount(1958, true)).toBe('1958');
    expect(totalCount(10_001, false)).toMatch(/^≈ 10(\.0)?K$/);
    expect(totalCount(10_001, true)).not.toContain('≈');
  });
});
