import { TOPICS } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { letter } from './dead-letter.fixtures.js';
import { progressReporter, runDlqCli } from './dlq.cli.js';
import { MemoryDeadLetterLog } from './memory-dead-letter.log.js';

const env = { KAFKA_BROKERS: 'localhost:9092' };

async function cli(argv: string[], log: MemoryDeadLetterLog): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runDlqCli(argv, env, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), openLog: () => log });
  return { code, out, err };
}

function filled(): MemoryDeadLetterLog {
  const log = new MemoryDeadLetterLog(2, 1);
  log.append(0, letter(0, { reason: 'schema-violation', error: 'text: required', failedAt: '2026-03-02T10:00:00.000Z' }));
  log.append(1, letter(1, { failedAt: '2026-03-02T10:05:00.000Z', error: 'constraint' }));
  log.append(1, letter(2, { origin: { ...letter(2).origin, topic: TOPICS.rawMentions }, failedAt: '2026-03-02T10:01:00.000Z' }));
  return log;
}

describe('pulse-dlq', () => {
  it('list counts per source topic and reason, and how many the replay group has not replayed', async () => {
    const log = filled();
    const before = await cli(['list', '--json', '--quiet'], log);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.out)).toMatchObject({
      total: 3,
      unreadable: 0,
      bySource: {
        [TOPICS.scoredMentions]: { total: 2, pending: 2, reasons: { 'schema-violation': 1, 'processing-failed': 1 }, firstFailedAt: '2026-03-02T10:00:00.000Z', lastFailedAt: '2026-03-02T10:05:00.000Z', lastError: 'constraint' },
        [TOPICS.rawMentions]: { total: 1, pending: 1 },
      },
    });
    expect((await cli(['replay', '--quiet'], log)).out).toContain('replayed 3 of 3');
    const after = JSON.parse((await cli(['list', '--json', '--quiet'], log)).out) as { bySource: Record<string, { pending: number }> };
    expect(after.bySource[TOPICS.scoredMentions]!.pending).toBe(0);
  });

  it('prints a readable table and progress on stderr', async () => {
    const { out, err } = await cli(['list'], filled());
    expect(out).toContain(`${TOPICS.scoredMentions}: 2 (2 not replayed) — schema-violation 1, processing-failed 1`);
    expect(err).toContain('pulse-dlq: read 3 of 3 dead letters (100%)');
  });

  it('replay --dry-run says what would go and changes nothing', async () => {
    const log = filled();
    const { code, out } = await cli(['replay', '--dry-run', '--quiet'], log);
    expect(code).toBe(0);
    expect(out).toContain('would replay 3 of 3');
    expect(out).toContain(`→ ${TOPICS.rawMentions}: 1`);
    expect(log.published).toEqual([]);
  });

  it('fails with a code and an exit status: 2 for arguments, 1 for a failed replay', async () => {
    const invalid = await cli(['replay', '--topic', 'nope'], filled());
    expect(invalid.code).toBe(2);
    expect(invalid.err).toContain('pulse-dlq: [INVALID_ARGUMENTS] --topic must be one of');
    const log = filled();
    log.failNextPublish = new Error('NOT_LEADER_FOR_PARTITION');
    const failed = await cli(['replay', '--quiet'], log);
    expect(failed.code).toBe(1);
    expect(failed.err).toBe('pulse-dlq: [REPLAY_FAILED] NOT_LEADER_FOR_PARTITION\n');
  });

  it('reports progress at most once a second, and always at the end', () => {
    let now = 0;
    const lines: string[] = [];
    const report = progressReporter((t) => void lines.push(t), () => now);
    report(0, 10);
    now = 500;
    report(5, 10);
    now = 1_600;
    report(6, 10);
    now = 1_700;
    report(10, 10);
    expect(lines).toEqual(['pulse-dlq: read 0 of 10 dead letters (0%)\n', 'pulse-dlq: read 6 of 10 dead letters (60%)\n', 'pulse-dlq: read 10 of 10 dead letters (100%)\n']);
  });
});
