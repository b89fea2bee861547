import { TOPICS } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { REPLAY_HEADER, replayDeadLetters, toReplayMessage } from './dlq-replay.js';
import { letter } from './dead-letter.fixtures.js';
import { MemoryDeadLetterLog } from './memory-dead-letter.log.js';

describe('toReplayMessage', () => {
  it('gives back the original key, bytes and headers, and says which dead letter it was', () => {
    const message = toReplayMessage(letter(1), { partition: 3, offset: '17' });
    expect(message).toEqual({
      topic: TOPICS.scoredMentions,
      key: 'm-1',
      value: Buffer.from('{"id":"m-1"}'),
      headers: { 'pulse-schema-version': '1', traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`, [REPLAY_HEADER]: '3:17' },
    });
  });

  it('decodes a payload kept as base64 (bytes that were not UTF-8) to the same bytes', () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x41]);
    expect(toReplayMessage(letter(2, { payload: bytes.toString('base64'), payloadEncoding: 'base64' }), { partition: 0, offset: '0' }).value).toEqual(bytes);
  });
});

describe('replayDeadLetters', () => {
  const filled = (): MemoryDeadLetterLog => {
    const log = new MemoryDeadLetterLog(2, 2);
    for (let n = 0; n < 5; n++) log.append(n % 2, letter(n));
    log.append(1, letter(5, { origin: { ...letter(5).origin, topic: TOPICS.rawMentions } }));
    log.append(0, Buffer.from('not a dead letter'));
    return log;
  };

  it('republishes every dead letter onto its source topic once: a second run republishes nothing', async () => {
    const log = filled();
    const first = await replayDeadLetters(log, { groupId: 'g', dryRun: false });
    expect(first).toMatchObject({ read: 7, replayed: 6, unreadable: 1, skipped: 0, bySource: { [TOPICS.scoredMentions]: 5, [TOPICS.rawMentions]: 1 } });
    expect(log.published.map((m) => m.key).sort()).toEqual(['m-0', 'm-1', 'm-2', 'm-3', 'm-4', 'm-5']);
    const second = await replayDeadLetters(log, { groupId: 'g', dryRun: false });
    expect(second).toMatchObject({ read: 0, replayed: 0 });
    expect(log.published).toHaveLength(6);
    // A letter dead-lettered later is the next run's work, and only it.
    log.append(1, letter(6));
    expect(await replayDeadLetters(log, { groupId: 'g', dryRun: false })).toMatchObject({ read: 1, replayed: 1 });
    expect(log.published.at(-1)!.key).toBe('m-6');
  });

  it('dry run: reports what would go, publishes and commits nothing', async () => {
    const log = filled();
    const report = await replayDeadLetters(log, { groupId: 'g', dryRun: true });
    expect(report).toMatchObject({ dryRun: true, read: 7, replayed: 6 });
    expect(log.published).toEqual([]);
    expect(log.committed.size).toBe(0);
  });

  it('with a source topic, replays only its letters (the others are handled for that group only)', async () => {
    const log = filled();
    const report = await replayDeadLetters(log, { groupId: 'g.raw', topic: TOPICS.rawMentions, dryRun: false });
    expect(report).toMatchObject({ replayed: 1, skipped: 5, unreadable: 1 });
    expect(log.published.map((m) => m.topic)).toEqual([TOPICS.rawMentions]);
    expect(await replayDeadLetters(log, { groupId: 'g', dryRun: false })).toMatchObject({ replayed: 6 });
  });

  it('a publish that fails stops the run before its commit: the next run resumes with that chunk', async () => {
    const log = filled();
    log.failNextPublish = new Error('broker gone');
    await expect(replayDeadLetters(log, { groupId: 'g', dryRun: false })).rejects.toThrow('broker gone');
    expect(log.published).toEqual([]);
    const resumed = await replayDeadLetters(log, { groupId: 'g', dryRun: false });
    expect(resumed.replayed).toBe(6);
  });

  it('reports progress against the total it will read', async () => {
    const seen: [number, number][] = [];
    await replayDeadLetters(filled(), { groupId: 'g', dryRun: true, onProgress: (read, total) => void seen.push([read, total]) });
    expect(seen[0]).toEqual([0, 7]);
    expect(seen.at(-1)).toEqual([7, 7]);
  });
});
