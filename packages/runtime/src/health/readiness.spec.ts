import { describe, expect, it } from 'vitest';
import { Readiness } from './readiness.js';

describe('Readiness', () => {
  it('is ready only when every check is up, and a throwing check counts as down', async () => {
    const readiness = new Readiness();
    readiness.register({ name: 'bus', check: () => true });
    expect(await readiness.report()).toEqual({ ready: true, checks: { bus: 'up' } });
    readiness.register({ name: 'store', check: async () => Promise.reject(new Error('down')) });
    expect(await readiness.report()).toEqual({ ready: false, checks: { bus: 'up', store: 'down' } });
  });
});
