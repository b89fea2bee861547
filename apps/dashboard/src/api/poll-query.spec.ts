import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './graphql-client.js';
import { pollQuery } from './poll-query.js';

const page = { visibilityState: 'visible' as 'visible' | 'hidden' };

describe('pollQuery', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('document', page);
    page.visibilityState = 'visible';
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('asks again after each answer, skips rounds while hidden, and reports failures by kind', async () => {
    const outcomes: (() => Promise<void>)[] = [
      async () => undefined,
      async () => Promise.reject(new ApiError('network', 'down')),
      async () => Promise.reject(new ApiError('unauthenticated', 'revoked')),
    ];
    let calls = 0;
    const errors: string[] = [];
    const stop = pollQuery(async () => outcomes[Math.min(calls++, outcomes.length - 1)]!(), 1000, {
      onError: (e) => errors.push(`error:${e.kind}`),
      onKeyRejected: (e) => errors.push(`key:${e.kind}`),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(errors).toEqual(['error:network']);
    page.visibilityState = 'hidden';
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toBe(2);
    page.visibilityState = 'visible';
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(3);
    expect(errors).toEqual(['error:network', 'key:unauthenticated']);
    stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(3);
  });

  it('aborts the request in flight when stopped and stays silent about it', async () => {
    let seen: AbortSignal | undefined;
    const onError = vi.fn();
    const stop = pollQuery(
      (signal) =>
        new Promise((_, reject) => {
          seen = signal;
          signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
      1000,
      { onError, onKeyRejected: onError },
    );
    stop();
    await vi.advanceTimersByTimeAsync(2000);
    expect(seen?.aborted).toBe(true);
    expect(onError).not.toHaveBeenCalled();
  });
});
