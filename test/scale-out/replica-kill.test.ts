import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppProcess } from '../support/app-process.js';
import { webhookMention } from '../support/fixtures.js';
import { TEST_API_KEY, postIngest } from '../support/graphql-client.js';
import { waitFor } from '../support/ports.js';
import { liveMentions, readDeadLetters, startScaleOutCluster, withDatabase, type ScaleOutCluster } from '../support/scale-out-cluster.js';

const KEYWORD = 'киллтест';
const BATCHES = 60;
const PER_BATCH = 10;
const INTERVAL_MS = 500;
/** Batch after which one replica of each app is killed. */
const KILL_AT = 15;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Kills with SIGKILL (no drain, no commit, no goodbye to the group) and waits for the exit. */
function kill(app: AppProcess): Promise<void> {
  return new Promise((resolve) => {
    if (app.child.exitCode !== null || app.child.signalCode !== null) return resolve();
    app.child.once('exit', () => resolve());
    app.child.kill('SIGKILL');
  });
}

// At-least-once end to end: a replica of each app dies mid-stream without draining, and the
// survivors take over its partitions from the last committed offsets. Whatever a collector
// accepted (202) is stored exactly once, nothing is dead-lettered, and a subscriber on the
// surviving gateway sees every one of them.
describe('scale-out: SIGKILL of one replica of each app mid-stream', { timeout: 420_000 }, () => {
  let cluster: ScaleOutCluster;

  beforeAll(async () => {
    cluster = await startScaleOutCluster('kill', [KEYWORD]);
  }, 400_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('loses and duplicates nothing', async () => {
    const { gateways, sentiments, collectors, postgres, kafka, topics } = cluster;
    const dlq = await readDeadLetters(kafka.brokers);
    const survivor = liveMentions(gateways[0]!.baseUrl, TEST_API_KEY, topics[KEYWORD]!);
    await sleep(500);
    const run = randomUUID().slice(0, 8);
    const accepted = new Set<string>();
    let sent = 0;
    let refused = 0;
    let killed: Promise<void> | undefined;
    for (let b = 0; b < BATCHES; b++) {
      if (b === KILL_AT) killed = Promise.all([collectors[1]!, sentiments[1]!, gateways[1]!].map(kill)).then(() => undefined);
      // Distinct texts: every mention is an original, so nothing hides behind a copy verdict.
      const batch = Array.from({ length: PER_BATCH }, (_, i) => webhookMention(`kill-${run}-${b}-${i}`, `${KEYWORD} ${run} пост ${b}-${i}: ${randomUUID()} снова без связи`));
      sent += batch.length;
      // A client of a dead collector retries on the other one (the same ids: the store upserts).
      for (const collector of b % 2 === 0 ? [collectors[0]!, collectors[1]!] : [collectors[1]!, collectors[0]!]) {
        const res = await postIngest(collector.baseUrl, JSON.stringify(batch)).catch(() => undefined);
        if (res?.status === 202) {
          for (const id of res.json.ids as string[]) accepted.add(id);
          break;
        }
        refused += 1;
      }
      await sleep(INTERVAL_MS);
    }
    await killed;
    expect(accepted.size).toBeGreaterThan(0);

    const acceptedIds = [...accepted];
    const stored = await waitFor(
      'every accepted mention stored',
      async () => {
        const row = await withDatabase(postgres.url, async (db) => (await db.query<{ rows: number; ids: number }>('SELECT count(*)::int AS rows, count(DISTINCT id)::int AS ids FROM mentions WHERE id = ANY($1)', [acceptedIds])).rows[0]!);
        return row.ids >= accepted.size ? row : undefined;
      },
      180_000,
      1_000,
    ).catch(async (error: unknown) => {
      const row = await withDatabase(postgres.url, async (db) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mentions WHERE id = ANY($1)', [acceptedIds])).rows[0]!);
      throw new Error(`${String(error)} (stored ${row.n} of ${accepted.size})`);
    });
    // Every row of this run, accepted or not (a request the dying collector took but never answered).
    const runRows = await withDatabase(postgres.url, async (db) => (await db.query<{ rows: number; ids: number }>('SELECT count(*)::int AS rows, count(DISTINCT source_id)::int AS ids FROM mentions WHERE source_id LIKE $1', [`kill-${run}-%`])).rows[0]!);
    await waitFor('the surviving gateway subscriber to receive every accepted mention', async () => (acceptedIds.every((id) => survivor.received.includes(id)) ? true : undefined), 120_000, 1_000).catch(
      (error: unknown) => {
        throw new Error(`${String(error)} (received ${new Set(survivor.received).size} of ${accepted.size})`);
      },
    );
    // Late dead letters would have been published before the survivors committed past them.
    await sleep(3_000);
    const deadLettered = dlq.letters.filter((l) => l.payload.includes(run));
    const deliveries = survivor.received.filter((id) => accepted.has(id)).length;
    console.info(
      `[replica-kill] sent ${sent}, accepted ${accepted.size}, refused requests ${refused}, stored ${stored.ids} (rows ${stored.rows}; run rows ${runRows.rows}/${runRows.ids} ids), ` +
        `lost ${accepted.size - stored.ids}, dead-lettered ${deadLettered.length}, live deliveries ${deliveries} of ${accepted.size} (duplicates ${deliveries - accepted.size})`,
    );
    expect(stored).toEqual({ rows: accepted.size, ids: accepted.size });
    expect(runRows.rows).toBe(runRows.ids);
    expect(deadLettered).toEqual([]);
    // Exactly once live too: a batch redelivered after the gateway's death, or re-scored after the
    // worker's, is a copy the relay drops.
    expect(deliveries).toBe(accepted.size);
    expect(new Set(survivor.received.filter((id) => accepted.has(id))).size).toBe(accepted.size);
    await survivor.client.dispose();
    await dlq.stop();
  });
});
