import { describe, expect, it } from 'vitest';
import { counted, formatDuration } from './report-format.js';

describe('report wording', () => {
  it('counts in the singular for one (a one-request day reads "1 author handled", "Before (1 mention)")', () => {
    expect(counted(1, 'mention')).toBe('1 mention');
    expect(counted(0, 'mention')).toBe('0 mentions');
    expect(counted(3, 'author')).toBe('3 authors');
  });

  it('shows reaction times as the dashboard does', () => {
    expect(formatDuration(2.46)).toBe('2 s');
    expect(formatDuration(59.6)).toBe('1 min');
    expect(formatDuration(3_720)).toBe('1 h 2 min');
    expect(formatDuration(null)).toBe('—');
  });
});
