import { describe, expect, it } from 'vitest';
import { CatchUpTracker } from './catch-up.tracker.js';

describe('CatchUpTracker', () => {
  it('reports once every partition reached the high-water mark it had at start', () => {
    let calls = 0;
    const tracker = new CatchUpTracker(
      [
        { partition: 0, low: '0', high: '3' },
        { partition: 1, low: '5', high: '7' },
      ],
      () => calls++,
    );
    tracker.handled(0, '2');
    expect(tracker.caughtUp).toBe(false);
    tracker.handled(1, '5');
    expect(calls).toBe(0);
    tracker.handled(1, '6');
    expect(calls).toBe(1);
    tracker.handled(0, '9');
    expect(calls).toBe(1);
    expect(tracker.caughtUp).toBe(true);
  });

  it('counts empty and fully expired partitions as done at once', () => {
    let calls = 0;
    new CatchUpTracker(
      [
        { partition: 0, low: 0, high: 0 },
        { partition: 1, low: 4, high: 4 },
      ],
      () => calls++,
    );
    expect(calls).toBe(1);
  });
});
