import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { TOPICS, type ApiKeyRecord } from '@pulse/contracts';
import { startApp, type AppProcess } from '../support/app-process.js';
import { freePort, waitFor } from '../support/ports.js';
import type { HostileAuth } from './hostile-case.js';
import type { HostileEndpoint } from './hostile-client.js';

/** A running app the suite sends cases to. */
export interface HostileTarget extends HostileEndpoint {
  app: AppProcess;
  /** Resident memory of the app's process, from /proc. */
  rssBytes(): number | undefined;
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

/**
 * The apps the corpus can target, each started once if some case names it. A gateway
 * target goes here (start it as test/distributed-pipeline.test.ts does, with PostgreSQL,
 * and map roles to keys it issues); its cases then type-check in the corpus.
 */
export const TARGETS = {
  collector: startCollector,
} satisfies Record<string, (ctx: TargetContext) => Promise<HostileTarget>>;

export type TargetName = keyof typeof TARGETS;
