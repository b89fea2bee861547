import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { TOPICS, type ApiKeyRecord } from '@pulse/contracts';
import { startApp, type AppProcess } from '../support/app-process.js';
import { TEST_API_KEY } from '../support/graphql-client.js';
import { freePort, waitFor } from '../support/ports.js';
import { startPostgres } from '../support/postgres.js';
import type { HostileAuth } from './hostile-case.js';
import type { HostileEndpoint } from './hostile-client.js';

/** A running app the suite sends cases to. */
export interface HostileTarget extends HostileEndpoint {
  app: AppProcess;
  /** Resident memory of the app's process, from /proc. */
  rssBytes(): number | undefined;
  /** What the target started besides its app (a database), stopped after it. */
  cleanup?: () => Promise<void>;
}

/** What starting a target may use: the shared mock Kafka cluster, and PostgreSQL when a target needs it. */
export interface TargetContext {
  kafkaBrokers: string;
}

/** Settings the collector runs with in the suite; the corpus's limits and secrets refer to them. */
export const COLLECTOR_LIMITS = {
  maxBodyBytes: 1024 * 1024,
  maxItems: 1000,
  webhookSender: 'partner-a',
  webhookSecret: 'hostile-suite-webhook-secret',
} as const;

/** Keys the collector learns from the keys topic, one per role the corpus uses. */
const COLLECTOR_KEYS: Partial<Record<HostileAuth, { key: string; revoked?: boolean; role: ApiKeyRecord['role'] }>> = {
  ingest: { key: 'hostile-suite-ingest-key-000000000001', role: 'ingest' },
  admin: { key: 'hostile-suite-admin-key-0000000000001', role: 'admin' },
  viewer: { key: 'hostile-suite-viewer-key-000000000001', role: 'viewer' },
  revoked: { key: 'hostile-suite-revoked-key-00000000001', role: 'ingest', revoked: true },
};

function rssOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** Publishes key records onto the compacted keys topic with kcat, as the gateway would. */
function publishKeys(brokers: string, records: ApiKeyRecord[]): void {
  const input = records.map((r) => `${r.id}\t${JSON.stringify(r)}`).join('\n');
  const produced = spawnSync('kcat', ['-b', brokers, '-P', '-t', TOPICS.apiKeys, '-K', '\t'], { input: `${input}\n`, encoding: 'utf8' });
  if (produced.status !== 0) throw new Error(`kcat could not publish API keys: ${produced.stderr}`);
}

async function startCollector(ctx: TargetContext): Promise<HostileTarget> {
  const at = new Date().toISOString();
  const records = Object.entries(COLLECTOR_KEYS).map(([auth, k]) => ({
    id: `hostile-${auth}`,
    name: `hostile suite ${auth}`,
    role: k.role,
    sha256: createHash('sha256').update(k.key).digest('hex'),
    revoked: k.revoked ?? false,
    createdAt: at,
    updatedAt: at,
  }));
  publishKeys(ctx.kafkaBrokers, records);
  const port = await freePort();
  const app = await startApp('hostile-collector', 'apps/collector/dist/main.js', port, {
    KAFKA_BROKERS: ctx.kafkaBrokers,
    PULSE_DEMO: 'off',
    HOST: '127.0.0.1',
    INGEST_MAX_BODY_BYTES: String(COLLECTOR_LIMITS.maxBodyBytes),
    INGEST_MAX_ITEMS: String(COLLECTOR_LIMITS.maxItems),
    WEBHOOK_SECRETS: `${COLLECTOR_LIMITS.webhookSender}=${COLLECTOR_LIMITS.webhookSecret}`,
    PULSE_DATA_DIR: `/tmp/pulse-hostile-${port}`,
  });
  // Revoked keys are not counted as usable: the other roles must be known before the first case.
  const usable = records.filter((r) => !r.revoked).length;
  await waitFor('collector to load the suite keys', async () => new RegExp(`"keys":${usable}\\b`).test(app.output()), 30_000);
  return {
    name: 'collector',
    host: '127.0.0.1',
    port,
    app,
    keyFor: (auth) => (auth === 'none' ? undefined : auth === 'unknown' ? 'hostile-suite-key-nobody-issued-000001' : COLLECTOR_KEYS[auth]?.key),
    rssBytes: () => rssOf(app.child.pid),
  };
}

/** Settings the gateway runs with in the suite; the corpus's limits refer to them. */
export const GATEWAY_LIMITS = {
  /** /graphql reads at most this much body (graphql-body.middleware.ts). */
  maxBodyBytes: 1024 * 1024,
  maxDepth: 10,
  maxCost: 20_000,
  /** High enough that the corpus never trips it by volume; the rate-limit cases use their own burst. */
  ratePerMinute: 100_000,
  statementTimeoutMs: 5_000,
} as const;

async function graphqlAsAdmin<T>(base: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_API_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await res.json()) as { data?: T; errors?: unknown };
  if (!json.data || json.errors) throw new Error(`gateway set-up query failed: ${JSON.stringify(json.errors)}`);
  return json.data;
}

/**
 * The distributed gateway over PostgreSQL (PULSE_TEST_DATABASE_URL's server when set, else
 * one of the suite's own) and the suite's mock Kafka, seeded with the default topics; one
 * key per role is issued through GraphQL as an operator would, and one is revoked.
 */
async function startGateway(ctx: TargetContext): Promise<HostileTarget> {
  const postgres = await startPostgres();
  const port = await freePort();
  const app = await startApp('hostile-gateway', 'apps/gateway/dist/main.js', port, {
    KAFKA_BROKERS: ctx.kafkaBrokers,
    DATABASE_URL: postgres.url,
    DATABASE_STATEMENT_TIMEOUT_MS: String(GATEWAY_LIMITS.statementTimeoutMs),
    HOST: '127.0.0.1',
    RATE_LIMIT_PER_MINUTE: String(GATEWAY_LIMITS.ratePerMinute),
    GRAPHQL_MAX_DEPTH: String(GATEWAY_LIMITS.maxDepth),
    GRAPHQL_MAX_COST: String(GATEWAY_LIMITS.maxCost),
    PULSE_DATA_DIR: `/tmp/pulse-hostile-gateway-${port}`,
  }).catch(async (error: unknown) => {
    await postgres.stop();
    throw error;
  });
  const base = `http://127.0.0.1:${port}`;
  const keys: Partial<Record<HostileAuth, string>> = { admin: TEST_API_KEY, unknown: 'hostile-suite-key-nobody-issued-000001' };
  for (const role of ['viewer', 'analyst', 'ingest'] as const) {
    const created = await graphqlAsAdmin<{ createApiKey: { key: string } }>(base, 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }', { input: { name: `hostile ${role}`, role } });
    keys[role] = created.createApiKey.key;
  }
  const revoked = await graphqlAsAdmin<{ createApiKey: { key: string; apiKey: { id: string } } }>(base, 'mutation { createApiKey(input: { name: "hostile revoked", role: viewer }) { key apiKey { id } } }');
  await graphqlAsAdmin(base, 'mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: revoked.createApiKey.apiKey.id });
  keys.revoked = revoked.createApiKey.key;
  return {
    name: 'gateway',
    host: '127.0.0.1',
    port,
    app,
    keyFor: (auth) => (auth === 'none' ? undefined : keys[auth]),
    rssBytes: () => rssOf(app.child.pid),
    cleanup: () => postgres.stop(),
  };
}

/** The apps the corpus can target, each started once if some case names it. */
export const TARGETS = {
  collector: startCollector,
  gateway: startGateway,
} satisfies Record<string, (ctx: TargetContext) => Promise<HostileTarget>>;

export type TargetName = keyof typeof TARGETS;
