import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_HEAP_GROWTH_PERCENT, applyHeapGrowth, envHeapGrowthPercent } from './heap-growth.js';

describe('heap growth', () => {
  it('sets the V8 flag, and leaves V8 alone at 0', () => {
    const flags: string[] = [];
    applyHeapGrowth(50, (f) => flags.push(f));
    applyHeapGrowth(0, (f) => flags.push(f));
    expect(flags).toEqual(['--heap-growing-percent=50']);
  });

  it('parses the env variable with a default and refuses what is not a whole percentage', () => {
    const schema = z.object({ HEAP_GROWTH_PERCENT: envHeapGrowthPercent });
    expect(schema.parse({}).HEAP_GROWTH_PERCENT).toBe(DEFAULT_HEAP_GROWTH_PERCENT);
    expect(schema.parse({ HEAP_GROWTH_PERCENT: '0' }).HEAP_GROWTH_PERCENT).toBe(0);
    expect(schema.safeParse({ HEAP_GROWTH_PERCENT: '12.5' }).success).toBe(false);
    expect(schema.safeParse({ HEAP_GROWTH_PERCENT: '-1' }).success).toBe(false);
    expect(schema.safeParse({ HEAP_GROWTH_PERCENT: 'lots' }).success).toBe(false);
  });

  // The property the apps rely on: set at run time, not on the command line, it still bounds
  // the garbage a promotion-heavy workload leaves between full collections.
  it('lowers the peak resident set of a promotion-heavy workload when set at run time', () => {
    const workload = `
      const v8 = require('node:v8');
      if (process.argv[1] === 'on') v8.setFlagsFromString('--heap-growing-percent=50');
      const live = [];
      for (let i = 0; i < 100000; i++) live.push({ a: 'x'.repeat(100) + i });
      let peak = 0;
      (async () => {
        for (let round = 0; round < 150; round++) {
          const junk = [];
          for (let i = 0; i < 20000; i++) junk.push({ t: 'y'.repeat(200) + i, n: [i] });
          live[round] = junk[5];
          peak = Math.max(peak, process.memoryUsage().rss);
          await new Promise((r) => setImmediate(r));
        }
        console.log(Math.round(peak / 2 ** 20));
      })();`;
    const peak = (mode: string): number => Number(spawnSync(process.execPath, ['-e', workload, mode], { encoding: 'utf8' }).stdout.trim());
    const off = peak('off');
    const on = peak('on');
    expect(on).toBeGreaterThan(0);
    expect(on).toBeLessThan(off * 0.85);
  }, 60_000);
});
