import { join, resolve } from 'node:path';
import { kafkaEnvSchema, refineKafkaEnv } from '@pulse/bus/kafka';
import { publicUrlSchema } from './public-url.js';
import { leakWatchConfigSchema, type LeakWatchConfig } from '@pulse/alerting';
import { envBoolean, envHeapGrowthPercent, envLogLevel, envPort, envPositiveInt, parseEnv, postgresSslEnvSchema, postgresSslOptions, refinePostgresSslEnv, refineTlsEnv, tlsEnvSchema } from '@pulse/runtime';
import type { ConnectionOptions } from 'node:tls';
import { z } from 'zod';
import { repliesEnvShape, repliesSettings, replyEnvProblems, type RepliesConfig } from './replies.config.js';
import { reportEnvProblems, reportsEnvShape, reportsSettings, type ReportsConfig } from './reports.config.js';

const envZ = z.coerce.number({ message: 'expected a number' }).positive().max(1000);

/** JSON in one variable, so a leak watch can be configured without a file mount. */
const envLeakWatch = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected JSON: {"accounts":[{"source","handle"}],"terms":[{"term","always"?,"severity"?}]}' });
      return z.NEVER;
    }
  })
  .pipe(leakWatchConfigSchema);

export const gatewaySettingsSchema = z.object({
  /** PostgreSQL connection string; without it the gateway uses PGlite under PULSE_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: envPositiveInt.max(200).default(10),
  /** Longest a single SQL statement may run: a request that would run longer gets QUERY_TOO_COMPLEX. */
  DATABASE_STATEMENT_TIMEOUT_MS: envPositiveInt.min(100).max(600_000).default(15_000),
  // TLS to PostgreSQL: DATABASE_SSLMODE (disable, require, verify-ca, verify-full) and the CA / client certificate files.
  ...postgresSslEnvSchema.shape,
  PULSE_DATA_DIR: z.string().min(1).default('.pulse'),
  /** Seed the demo brands into an empty topic table. */
  PULSE_SEED_TOPICS: envBoolean.default(true),
  /** Undelivered live mentions kept per subscription before the oldest are dropped. */
  SUBSCRIPTION_BUFFER: envPositiveInt.max(100_000).default(1000),
  GATEWAY_BATCH_SIZE: envPositiveInt.max(5000).default(500),
  /** Where people reach Pulse: the base of the printed dashboard and API links (public-url.ts). */
  PULSE_PUBLIC_URL: publicUrlSchema,
  /** Registered as an admin API key at start; without it the first start creates one and prints it once. */
  PULSE_BOOTSTRAP_KEY: z.string().min(20, 'PULSE_BOOTSTRAP_KEY must be at least 20 characters').optional(),
  /** Requests (HTTP requests and WebSocket operations) per minute per API key. */
  RATE_LIMIT_PER_MINUTE: envPositiveInt.max(1_000_000).default(600),
  /** Delete mentions published more than this many days ago; unset keeps everything. */
  RETENTION_DAYS: envPositiveInt.max(36_500).optional(),
  RETENTION_INTERVAL_MINUTES: envPositiveInt.max(10_080).default(60),
  GRAPHQL_MAX_DEPTH: envPositiveInt.max(100).default(10),
  GRAPHQL_MAX_COST: envPositiveInt.max(10_000_000).default(20_000),
  /** Seed the demo typical-answer base on first start. */
  PULSE_SEED_ANSWERS: envBoolean.default(true),
  /** Helpdesk routing (rules): attempts per mention, the first included, and the first retry's delay (doubling after). */
  HELPDESK_MAX_ATTEMPTS: envPositiveInt.max(20).default(5),
  HELPDESK_RETRY_BASE_MS: envPositiveInt.max(600_000).default(2_000),
  // Alerts. Unset detector settings keep @pulse/alerting's defaults, so the numbers live in one place.
  ALERT_BUCKET_MINUTES: envPositiveInt.max(1440).optional(),
  ALERT_MIN_COUNT: envPositiveInt.max(1_000_000).optional(),
  ALERT_WARMUP_BUCKETS: envPositiveInt.max(10_000).optional(),
  ALERT_COOLDOWN_MINUTES: envPositiveInt.max(10_080).optional(),
  ALERT_MAX_PER_HOUR: envPositiveInt.max(10_000).optional(),
  ALERT_Z_WARNING: envZ.optional(),
  ALERT_Z_HIGH: envZ.optional(),
  ALERT_Z_CRITICAL: envZ.optional(),
  /**
   * Leak watch as JSON (leakWatchConfigSchema): only a seed, imported once per deployment;
   * watch lists and terms are then managed in the product (GraphQL leakWatch, Settings).
   */
  ALERT_LEAK_WATCH: envLeakWatch.optional(),
  /** How often each replica checks the store for leak watch changes made on another replica. */
  LEAK_WATCH_POLL_SECONDS: envPositiveInt.max(600).default(5),
  ALERT_WEBHOOK_URL: z.url({ protocol: /^https?$/, message: 'ALERT_WEBHOOK_URL must be an http(s) URL' }).optional(),
  ALERT_WEBHOOK_SECRET: z.string().min(16, 'ALERT_WEBHOOK_SECRET must be at least 16 characters').optional(),
  ALERT_SLACK_WEBHOOK_URL: z.url({ protocol: /^https?$/, message: 'ALERT_SLACK_WEBHOOK_URL must be an http(s) URL' }).optional(),
  ALERT_TELEGRAM_BOT_TOKEN: z.string().min(1).optional(),
  ALERT_TELEGRAM_CHAT_ID: z.string().min(1).optional(),
  ALERT_SMTP_HOST: z.string().min(1).optional(),
  ALERT_SMTP_PORT: envPort.optional(),
  /** Implicit TLS (SMTPS, usually port 465). */
  ALERT_SMTP_SECURE: envBoolean.default(false),
  ALERT_SMTP_STARTTLS: z.enum(['required', 'opportunistic', 'never']).default('opportunistic'),
  ALERT_SMTP_USER: z.string().min(1).optional(),
  ALERT_SMTP_PASS: z.string().min(1).optional(),
  ALERT_SMTP_FROM: z.email().optional(),
  /** Comma-separated recipients. */
  ALERT_SMTP_TO: z
    .string()
    .transform((v) => v.split(',').map((a) => a.trim()).filter((a) => a.length > 0))
    .pipe(z.array(z.email()).min(1, 'ALERT_SMTP_TO needs at least one address'))
    .optional(),
  // Replies in the channel: brand accounts and API bases (replies.config.ts).
  ...repliesEnvShape,
  // The weekly period report by e-mail (reports.config.ts).
  ...reportsEnvShape,
});

type GatewayEnv = z.infer<typeof gatewaySettingsSchema>;

/** Variables that only make sense together: a half-configured channel would silently never deliver. */
const ALERT_ENV_GROUPS: readonly (readonly (keyof GatewayEnv)[])[] = [
  ['ALERT_WEBHOOK_URL', 'ALERT_WEBHOOK_SECRET'],
  ['ALERT_TELEGRAM_BOT_TOKEN', 'ALERT_TELEGRAM_CHAT_ID'],
  ['ALERT_SMTP_HOST', 'ALERT_SMTP_FROM', 'ALERT_SMTP_TO'],
  ['ALERT_SMTP_USER', 'ALERT_SMTP_PASS'],
];

/** Cross-variable problems, one message per variable, for a superRefine or a direct check. */
export function alertEnvProblems(env: Partial<GatewayEnv>): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  for (const group of ALERT_ENV_GROUPS) {
    const set = group.filter((name) => env[name] !== undefined);
    if (set.length === 0 || set.length === group.length) continue;
    for (const name of group.filter((n) => env[n] === undefined)) problems.push({ path: name, message: `${name} is required with ${set.join(', ')}` });
  }
  if (env.ALERT_SMTP_USER !== undefined && env.ALERT_SMTP_HOST === undefined) problems.push({ path: 'ALERT_SMTP_HOST', message: 'ALERT_SMTP_HOST is required with ALERT_SMTP_USER' });
  const zs = { warning: env.ALERT_Z_WARNING ?? 3, high: env.ALERT_Z_HIGH ?? 5, critical: env.ALERT_Z_CRITICAL ?? 8 };
  if (!(zs.warning < zs.high && zs.high < zs.critical)) problems.push({ path: 'ALERT_Z_WARNING', message: `expected ALERT_Z_WARNING < ALERT_Z_HIGH < ALERT_Z_CRITICAL (got ${zs.warning}, ${zs.high}, ${zs.critical}; unset ones default to 3, 5, 8)` });
  return problems;
}

export function refineGatewayEnv(env: Partial<GatewayEnv>, ctx: z.RefinementCtx): void {
  if (env.DATABASE_SSLMODE !== undefined) refinePostgresSslEnv(env as GatewayEnv, ctx);
  for (const problem of [...alertEnvProblems(env), ...replyEnvProblems(env), ...reportEnvProblems(env)]) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
}

export interface AlertsConfig {
  detector: {
    bucketMs?: number;
    minCount?: number;
    warmupBuckets?: number;
    cooldownMs?: number;
    cap?: { maxAlerts: number; periodMs: number };
    severityThresholds?: { warning?: number; high?: number; critical?: number };
    /** Alert while a bucket is still open (@pulse/alerting's alertOpenBuckets); set by hosts, not the environment. */
    alertOpenBuckets?: boolean;
  };
  leakWatch: LeakWatchConfig | undefined;
  webhook: { url: string; secret: string } | undefined;
  slack: { url: string } | undefined;
  telegram: { botToken: string; chatId: string } | undefined;
  email:
    | {
        host: string;
        port: number | undefined;
        secure: boolean;
        starttls: 'required' | 'opportunistic' | 'never';
        auth: { user: string; pass: string } | undefined;
        from: string;
        to: string[];
      }
    | undefined;
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function alertsSettings(env: GatewayEnv): AlertsConfig {
  const problems = alertEnvProblems(env);
  // Hosts that extend the schema without refineGatewayEnv (embedded) still must not start half-configured.
  if (problems.length > 0) throw new Error(`invalid alert settings: ${problems.map((p) => p.message).join('; ')}`);
  const thresholds = definedOnly({ warning: env.ALERT_Z_WARNING, high: env.ALERT_Z_HIGH, critical: env.ALERT_Z_CRITICAL });
  return {
    detector: definedOnly({
      bucketMs: env.ALERT_BUCKET_MINUTES === undefined ? undefined : env.ALERT_BUCKET_MINUTES * 60_000,
      minCount: env.ALERT_MIN_COUNT,
      warmupBuckets: env.ALERT_WARMUP_BUCKETS,
      cooldownMs: env.ALERT_COOLDOWN_MINUTES === undefined ? undefined : env.ALERT_COOLDOWN_MINUTES * 60_000,
      cap: env.ALERT_MAX_PER_HOUR === undefined ? undefined : { maxAlerts: env.ALERT_MAX_PER_HOUR, periodMs: 60 * 60_000 },
      severityThresholds: Object.keys(thresholds).length > 0 ? thresholds : undefined,
    }),
    leakWatch: env.ALERT_LEAK_WATCH,
    webhook: env.ALERT_WEBHOOK_URL && env.ALERT_WEBHOOK_SECRET ? { url: env.ALERT_WEBHOOK_URL, secret: env.ALERT_WEBHOOK_SECRET } : undefined,
    slack: env.ALERT_SLACK_WEBHOOK_URL ? { url: env.ALERT_SLACK_WEBHOOK_URL } : undefined,
    telegram: env.ALERT_TELEGRAM_BOT_TOKEN && env.ALERT_TELEGRAM_CHAT_ID ? { botToken: env.ALERT_TELEGRAM_BOT_TOKEN, chatId: env.ALERT_TELEGRAM_CHAT_ID } : undefined,
    email:
      env.ALERT_SMTP_HOST && env.ALERT_SMTP_FROM && env.ALERT_SMTP_TO
        ? {
            host: env.ALERT_SMTP_HOST,
            port: env.ALERT_SMTP_PORT,
            secure: env.ALERT_SMTP_SECURE,
            starttls: env.ALERT_SMTP_STARTTLS,
            auth: env.ALERT_SMTP_USER && env.ALERT_SMTP_PASS ? { user: env.ALERT_SMTP_USER, pass: env.ALERT_SMTP_PASS } : undefined,
            from: env.ALERT_SMTP_FROM,
            to: env.ALERT_SMTP_TO,
          }
        : undefined,
  };
}

export interface GatewayConfig {
  database: { kind: 'postgres'; url: string; poolSize: number; statementTimeoutMs?: number; /** pg's `ssl` option (postgresSslOptions); false or absent: plain. */ ssl?: false | ConnectionOptions } | { kind: 'pglite'; /** Absent: in memory (tests). */ dataDir: string | undefined };
  seedTopics: boolean;
  subscriptionBuffer: number;
  batchSize: number;
  bootstrapKey: string | undefined;
  rateLimitPerMinute: number;
  retention: { days: number; intervalMs: number } | undefined;
  queryLimits: { maxDepth: number; maxCost: number };
  /** Absent: detector defaults, no leak watch, no notifiers (alerts still reach the query and subscription). */
  alerts?: AlertsConfig;
  /** Absent: seed answers, 5 attempts from 2 s. */
  workflow?: { seedAnswers: boolean; helpdeskMaxAttempts: number; helpdeskRetryBaseMs: number };
  /** Absent: no brand accounts (every mention answers NO_ACCOUNT), public API bases. */
  replies?: RepliesConfig;
  /** Absent: no report e-mail. */
  reports?: ReportsConfig;
  /** Absent: 5 s. */
  leakWatchPollMs?: number;
}

export function gatewaySettings(env: GatewayEnv): GatewayConfig {
  return {
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS, ssl: postgresSslOptions(env) }
      : { kind: 'pglite', dataDir: join(resolve(env.PULSE_DATA_DIR), 'db') },
    seedTopics: env.PULSE_SEED_TOPICS,
    subscriptionBuffer: env.SUBSCRIPTION_BUFFER,
    batchSize: env.GATEWAY_BATCH_SIZE,
    bootstrapKey: env.PULSE_BOOTSTRAP_KEY,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    retention: env.RETENTION_DAYS ? { days: env.RETENTION_DAYS, intervalMs: env.RETENTION_INTERVAL_MINUTES * 60_000 } : undefined,
    queryLimits: { maxDepth: env.GRAPHQL_MAX_DEPTH, maxCost: env.GRAPHQL_MAX_COST },
    alerts: alertsSettings(env),
    workflow: { seedAnswers: env.PULSE_SEED_ANSWERS, helpdeskMaxAttempts: env.HELPDESK_MAX_ATTEMPTS, helpdeskRetryBaseMs: env.HELPDESK_RETRY_BASE_MS },
    replies: repliesSettings(env),
    reports: reportsSettings(env),
    leakWatchPollMs: env.LEAK_WATCH_POLL_SECONDS * 1000,
  };
}

/** Everything the distributed gateway reads from its environment (docker-compose.yml passes each name). */
export const distributedSchema = gatewaySettingsSchema
  .extend(kafkaEnvSchema.shape)
  // HTTPS and WSS on PORT when TLS_CERT_FILE and TLS_KEY_FILE are set (HOST, TLS_MIN_VERSION, reload, HSTS).
  .extend(tlsEnvSchema.shape)
  .extend({ PORT: envPort.default(4000), LOG_LEVEL: envLogLevel.default('info'), HEAP_GROWTH_PERCENT: envHeapGrowthPercent })
  .superRefine((env, ctx) => {
    refineKafkaEnv(env, ctx);
    refineTlsEnv(env, ctx);
    refineGatewayEnv(env, ctx);
  });

export function loadDistributedGatewayEnv(env: NodeJS.ProcessEnv = process.env): z.infer<typeof distributedSchema> {
  return parseEnv('gateway', distributedSchema, env);
}
