import type { ModelRef, SentimentScores } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { CoalescingModel } from './coalescing.model.js';
import type { SentimentModel } from './sentiment-model.port.js';

/** A model whose calls finish when the test says so; scores encode the text so results can be traced. */
class GatedModel implements SentimentModel {
  readonly ref: ModelRef = { id: 'gated', version: '1' };
  readonly targeted = true;
  readonly calls: string[][] = [];
  private releases: (() => void)[] = [];
  failWhen: (texts: readonly string[]) => boolean = () => false;

  classify(texts: readonly string[]): Promise<SentimentScores[]> {
    this.calls.push([...texts]);
    return new Promise((resolve, reject) => {
      this.releases.push(() => {
        if (this.failWhen(texts)) reject(new Error(`bad batch: ${texts.join(',')}`));
        else resolve(texts.map((t) => ({ negative: 0, neutral: t.length / 100, positive: 0 })));
      });
    });
  }

  /** Finishes the oldest pending call and lets the wrapper react. */
  async release(): Promise<void> {
    this.releases.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  }
}

const neutral = (scores: SentimentScores[]): number[] => scores.map((s) => Math.round(s.neutral * 100));

describe('CoalescingModel', () => {
  it('sends a call straight through when idle and merges the calls that arrive while it is busy', async () => {
    const inner = new GatedModel();
    const model = new CoalescingModel(inner);
    const first = model.classify(['a']);
    const second = model.classify(['bb', 'ccc']);
    const third = model.classify(['dddd']);
    expect(inner.calls).toEqual([['a']]);
    await inner.release();
    expect(inner.calls).toEqual([['a'], ['bb', 'ccc', 'dddd']]);
    await inner.release();
    expect(neutral(await first)).toEqual([1]);
    expect(neutral(await second)).toEqual([2, 3]);
    expect(neutral(await third)).toEqual([4]);
    expect(model.ref).toEqual(inner.ref);
    expect(model.targeted).toBe(true);
  });

  it('retries each caller alone when a merged call fails, so only the bad batch fails', async () => {
    const inner = new GatedModel();
    inner.failWhen = (texts) => texts.includes('poison');
    const model = new CoalescingModel(inner);
    const busy = model.classify(['x']);
    const good = model.classify(['ok']);
    const bad = model.classify(['poison']).then(() => undefined, (error: unknown) => error);
    await inner.release(); // x
    await inner.release(); // merged: ok + poison → fails
    await inner.release(); // ok alone
    await inner.release(); // poison alone
    expect(neutral(await busy)).toEqual([1]);
    expect(neutral(await good)).toEqual([2]);
    expect(String(await bad)).toMatch(/bad batch: poison/);
    expect(inner.calls).toEqual([['x'], ['ok', 'poison'], ['ok'], ['poison']]);
  });

  it('answers an empty call without the model', async () => {
    const inner = new GatedModel();
    expect(await new CoalescingModel(inner).classify([])).toEqual([]);
    expect(inner.calls).toEqual([]);
  });
});
