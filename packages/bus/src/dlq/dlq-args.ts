import { parseArgs } from 'node:util';
import { TOPICS } from '@pulse/contracts';
import { z } from 'zod';
import { kafkaEnvSchema, refineKafkaEnv, type KafkaEnv } from '../kafka/kafka-config.js';
import { DlqError } from './dlq.errors.js';

/** Topics a dead letter can come from: every consumed topic but the dead-letter topic itself. */
const SOURCE_TOPICS = Object.values(TOPICS).filter((t) => t !== TOPICS.deadLetter) as [string, ...string[]];

/** Where replays record how far they got, unless --group says otherwise (one per --topic filter). */
export const DEFAULT_REPLAY_GROUP = 'pulse-dlq-replay';

export const USAGE = `pulse-dlq: inspect and replay Pulse's dead-letter topic (${TOPICS.deadLetter}).

Usage:
  pulse-dlq list   [--topic <source topic>] [--group <replay group>] [--json] [--quiet]
  pulse-dlq replay [--topic <source topic>] [--group <replay group>] [--dry-run] [--json] [--quiet]

list    reads every dead letter and counts them per source topic and reason, with how many
        the replay group has not replayed yet.
replay  republishes each dead letter not replayed yet onto its source topic (original key,
        bytes and headers, plus pulse-replay-of), committing the replay group's offset after
        each publish: running it again republishes nothing. Dead letters that arrive while it
        runs wait for the next run.

  --brokers   host:port list (default: $KAFKA_BROKERS; TLS and SASL from the KAFKA_* variables)
  --topic     only dead letters from this source topic (replay: its own group, <group>.<topic>)
  --group     consumer group that keeps the replay's progress (default ${DEFAULT_REPLAY_GROUP})
  --dry-run   replay: say what would be republished; publish and commit nothing
  --json      one JSON report on stdout instead of a table
  --quiet     no progress on stderr
`;

const argsSchema = z.object({
  command: z.enum(['list', 'replay'], { message: 'expected a command: list or replay' }),
  topic: z.enum(SOURCE_TOPICS, { message: `--topic must be one of ${SOURCE_TOPICS.join(', ')}` }).optional(),
  group: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, '--group: letters, digits, ".", "_" and "-" only').optional(),
  dryRun: z.boolean(),
  json: z.boolean(),
  quiet: z.boolean(),
});

function dryRunProblem(command: unknown, dryRun: unknown): string | null {
  return dryRun === true && command !== 'replay' ? '--dry-run applies to replay only' : null;
}

export interface DlqArgs {
  command: 'list' | 'replay' | 'help';
  /** Only dead letters whose origin is this topic. */
  topic?: string;
  /** The replay group (with the --topic suffix applied). */
  group: string;
  dryRun: boolean;
  json: boolean;
  quiet: boolean;
  kafka: KafkaEnv;
}

/** Parses argv and the KAFKA_* environment; every problem at once, as a DlqError INVALID_ARGUMENTS. */
export function parseDlqArgs(argv: readonly string[], env: Record<string, string | undefined>): DlqArgs {
  let parsed: ReturnType<typeof parseArgv>;
  try {
    parsed = parseArgv(argv);
  } catch (error) {
    throw new DlqError('INVALID_ARGUMENTS', (error as Error).message, { cause: error });
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help', group: DEFAULT_REPLAY_GROUP, dryRun: false, json: false, quiet: true, kafka: {} as KafkaEnv };
  const problems: string[] = [];
  if (positionals.length > 1) problems.push(`one command expected, got ${JSON.stringify(positionals.join(' '))}`);
  const args = argsSchema.safeParse({ command: positionals[0], topic: values.topic, group: values.group, dryRun: values['dry-run'], json: values.json, quiet: values.quiet });
  if (!args.success) problems.push(...args.error.issues.map((i) => i.message));
  const misplaced = dryRunProblem(positionals[0], values['dry-run']);
  if (misplaced) problems.push(misplaced);
  const kafka = kafkaEnvSchema.superRefine(refineKafkaEnv).safeParse({ ...env, KAFKA_BROKERS: values.brokers ?? env['KAFKA_BROKERS'] });
  if (!kafka.success) problems.push(...kafka.error.issues.map((i) => `${i.path.join('.') === 'KAFKA_BROKERS' ? '--brokers / KAFKA_BROKERS' : i.path.join('.')}: ${i.message}`));
  if (problems.length > 0 || !args.success || !kafka.success) throw new DlqError('INVALID_ARGUMENTS', problems.join('; '));
  const { command, topic, group, dryRun, json, quiet } = args.data;
  const base = group ?? DEFAULT_REPLAY_GROUP;
  return { command, ...(topic ? { topic } : {}), group: topic && !group ? `${base}.${topic}` : base, dryRun, json, quiet, kafka: kafka.data };
}

function parseArgv(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      brokers: { type: 'string' },
      topic: { type: 'string' },
      group: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}
