import { describe, expect, it } from 'vitest';
import { PublishQueue } from './publish-queue.js';

describe('PublishQueue', () => {
  it('sends at once when idle and merges what arrives while a request is in flight, in order', async () => {
    const sent: string[][] = [];
    let finish: (() => void) | undefined;
    const queue = new PublishQueue<string>(async (topic, messages) => {
      sent.push([topic, ...messages]);
      if (sent.length === 1) await new Promise<void>((r) => (finish = r));
    }, (m) => m.length);
    const first = queue.publish('t', ['a']);
    const second = queue.publish('t', ['b']);
    const third = queue.publish('t', ['c', 'd']);
    const other = queue.publish('u', ['x']);
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toEqual([['t', 'a'], ['u', 'x']]);
    finish!();
    await Promise.all([first, second, third, other]);
    expect(sent).toEqual([['t', 'a'], ['u', 'x'], ['t', 'b', 'c', 'd']]);
  });

  it('rejects exactly the callers whose messages were in the failed request', async () => {
    let calls = 0;
    const queue = new PublishQueue<string>(async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      if (calls === 2) throw new Error('broker gone');
    }, (m) => m.length);
    const first = queue.publish('t', ['a']);
    const second = queue.publish('t', ['b']);
    const third = queue.publish('t', ['c']);
    await expect(first).resolves.toBeUndefined();
    await expect(second).rejects.toThrow('broker gone');
    await expect(third).rejects.toThrow('broker gone');
    await expect(queue.publish('t', ['d'])).resolves.toBeUndefined();
  });

  it('never merges past maxBytes (a broker refuses record batches above message.max.bytes), and still sends a publish larger than that alone', async () => {
    const sent: string[][] = [];
    let finish: (() => void) | undefined;
    const queue = new PublishQueue<string>(
      async (_topic, messages) => {
        sent.push(messages);
        if (sent.length === 1) await new Promise<void>((r) => (finish = r));
      },
      (m) => m.length,
      10,
    );
    const all = [queue.publish('t', ['aaaa']), queue.publish('t', ['bbbb']), queue.publish('t', ['cccc']), queue.publish('t', ['dddddddddddd']), queue.publish('t', ['ee'])];
    await new Promise((r) => setTimeout(r, 0));
    finish!();
    await Promise.all(all);
    expect(sent).toEqual([['aaaa'], ['bbbb', 'cccc'], ['dddddddddddd'], ['ee']]);
  });
});
