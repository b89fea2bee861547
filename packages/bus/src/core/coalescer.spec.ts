import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalescer.js';

/** Work whose calls finish when the test says so; each output is its input's length, so results can be traced. */
class GatedWork {
  readonly calls: string[][] = [];
  private releases: (() => void)[] = [];
  failWhen: (items: readonly string[]) => boolean = () => false;

  run = (items: readonly string[]): Promise<number[]> => {
    this.calls.push([...items]);
    return new Promise((resolve, reject) => {
      this.releases.push(() => (this.failWhen(items) ? reject(new Error(`bad batch: ${items.join(',')}`)) : resolve(items.map((t) => t.length))));
    });
  };

  /** Finishes the oldest pending call and lets the coalescer react. */
  async release(): Promise<void> {
    this.releases.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  }
}

describe('Coalescer', () => {
  it('runs a call at once when idle and merges the calls that arrive while it runs', async () => {
    const work = new GatedWork();
    const coalescer = new Coalescer(work.run);
    const first = coalescer.submit(['a']);
    const second = coalescer.submit(['bb', 'ccc']);
    const third = coalescer.submit(['dddd']);
    expect(work.calls).toEqual([['a']]);
    await work.release();
    expect(work.calls).toEqual([['a'], ['bb', 'ccc', 'dddd']]);
    await work.release();
    expect(await first).toEqual([1]);
    expect(await second).toEqual([2, 3]);
    expect(await third).toEqual([4]);
  });

  it('runs each caller alone when a merged call fails, so only the bad batch fails, with its own error', async () => {
    const work = new GatedWork();
    work.failWhen = (items) => items.includes('poison');
    const coalescer = new Coalescer(work.run);
    const busy = coalescer.submit(['x']);
    const good = coalescer.submit(['ok']);
    const bad = coalescer.submit(['poison']).then(() => undefined, (error: unknown) => error);
    await work.release(); // x
    await work.release(); // ok + poison, merged → fails
    await work.release(); // ok alone
    await work.release(); // poison alone
    expect(await busy).toEqual([1]);
    expect(await good).toEqual([2]);
    expect(String(await bad)).toMatch(/bad batch: poison/);
    expect(work.calls).toEqual([['x'], ['ok', 'poison'], ['ok'], ['poison']]);
  });

  it('answers an empty call without running, and work without outputs resolves each caller empty', async () => {
    const work = new GatedWork();
    expect(await new Coalescer(work.run).submit([])).toEqual([]);
    expect(work.calls).toEqual([]);
    const seen: string[][] = [];
    const sideEffect = new Coalescer<string>(async (items) => void seen.push([...items]));
    expect(await Promise.all([sideEffect.submit(['a']), sideEffect.submit(['b']), sideEffect.submit(['c'])])).toEqual([[], [], []]);
    expect(seen).toEqual([['a'], ['b', 'c']]);
  });
});
