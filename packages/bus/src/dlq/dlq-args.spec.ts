import { TOPICS } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REPLAY_GROUP, parseDlqArgs } from './dlq-args.js';
import { DlqError } from './dlq.errors.js';

const env = { KAFKA_BROKERS: 'localhost:9092' };

function problem(argv: string[], environment: Record<string, string | undefined> = env): string {
  try {
    parseDlqArgs(argv, environment);
  } catch (error) {
    expect(error).toBeInstanceOf(DlqError);
    expect((error as DlqError).code).toBe('INVALID_ARGUMENTS');
    return (error as Error).message;
  }
  throw new Error('expected INVALID_ARGUMENTS');
}

describe('parseDlqArgs', () => {
  it('reads a command, flags and the KAFKA_* environment', () => {
    const args = parseDlqArgs(['replay', '--dry-run', '--json'], env);
    expect(args).toMatchObject({ command: 'replay', group: DEFAULT_REPLAY_GROUP, dryRun: true, json: true, quiet: false });
    expect(args.kafka.KAFKA_BROKERS).toEqual(['localhost:9092']);
  });

  it('--brokers wins over KAFKA_BROKERS', () => {
    expect(parseDlqArgs(['list', '--brokers', 'a:1,b:2'], env).kafka.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
  });

  it('a --topic replay keeps its progress in a group of its own, unless --group names one', () => {
    expect(parseDlqArgs(['replay', '--topic', TOPICS.rawMentions], env).group).toBe(`${DEFAULT_REPLAY_GROUP}.${TOPICS.rawMentions}`);
    expect(parseDlqArgs(['replay', '--topic', TOPICS.rawMentions, '--group', 'ops'], env).group).toBe('ops');
  });

  it('says everything that is wrong at once', () => {
    const message = problem(['list', '--topic', TOPICS.deadLetter, '--group', 'bad group!', '--dry-run'], {});
    expect(message).toContain('--topic must be one of');
    expect(message).toContain('--group');
    expect(message).toContain('--dry-run applies to replay only');
    expect(message).toContain('--brokers / KAFKA_BROKERS');
  });

  it('rejects an unknown command, a second command and an unknown flag', () => {
    expect(problem(['purge'])).toContain('expected a command: list or replay');
    expect(problem(['list', 'replay'])).toContain('one command expected');
    expect(problem(['list', '--force'])).toMatch(/force/);
  });

  it('asks for help without a cluster', () => {
    expect(parseDlqArgs(['--help'], {}).command).toBe('help');
  });
});
